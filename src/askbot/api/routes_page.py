"""The staff search page: server-rendered, works without JavaScript, behind a session cookie."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from askbot.errors import AskbotError

from . import i18n, views
from .deps import check_question, make_filters, run
from .links import back_of, here, local_target
from .origin import same_origin
from .security import Principal, check_rate, failure_wait, note_failure
from .sessions import COOKIE, clear_cookie, session_principal, set_cookie

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
i18n.install(templates)  # language, t(), the date filters

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer makes a browser send Origin: null on our own posts
    "Cache-Control": "no-store",
}
FILTERS = ("meeting", "since", "until", "person", "organisation")


def render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=HEADERS)


def _not_ready(request: Request, principal: Principal) -> HTMLResponse | None:
    holder = request.app.state.holder
    if holder.engine is None:
        return render(request, "message.html", 503, principal=principal, title="not_ready_title",
                      message=i18n.text(i18n.choose(request), "not_ready", reason=holder.reason))
    return None


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, q: str = "", k: str = "5", meeting: str = "", since: str = "",
               until: str = "", person: str = "", organisation: str = "") -> Response:
    principal = session_principal(request)
    if principal is None:
        return render(request, "login.html")
    check_rate(request, principal)
    if (resp := _not_ready(request, principal)) is not None:
        return resp
    engine = request.app.state.holder.engine
    k_n = int(k) if k.isascii() and k.isdigit() else 5
    form = {"q": q, "k": k_n, "meeting": meeting, "since": since, "until": until, "person": person,
            "organisation": organisation}
    answer, problem, status = None, None, 200
    if q.strip():
        try:
            question = check_question(q, request.app.state.settings)
            request.state.question = question
            lang = i18n.choose(request)
            filters = make_filters(meeting, i18n.read_date(since, "since", lang), i18n.read_date(until, "until", lang),
                                   person, organisation)
            answer = await run(request, views.ask_view, engine, question, max(1, min(k_n, 20)), filters)
        except AskbotError as exc:
            problem, status = i18n.reason(i18n.choose(request), str(exc)), 422
    meetings = (await run(request, views.meetings_view, engine))["meetings"]
    people = (await run(request, views.people_view, engine))["people"]
    return render(request, "search.html", status, principal=principal, form=form, answer=answer,
                  problem=problem, meetings=meetings, people=people, build_id=engine.build_id)


@router.post("/login", dependencies=[Depends(same_origin)])
async def login(request: Request, api_key: str = Form("", max_length=4096),
                next: str = Form("/", max_length=4096)) -> Response:  # the page it was asked for
    target = local_target(next)  # only a path on this site: no open redirect
    if failure_wait(request) > 0:  # the API's per-address failure limit: one budget for both
        return render(request, "login.html", 429, problem="login_wait", next=target)
    principal = request.app.state.keys.lookup(api_key.strip())
    if principal is None:
        note_failure(request)
        return render(request, "login.html", 401, problem="login_bad", next=target)
    request.state.key_name = principal.name
    sessions = request.app.state.sessions
    resp = RedirectResponse(target, status_code=303, headers=HEADERS)
    set_cookie(request, resp, sessions.create(principal), sessions.ttl)
    return resp


@router.post("/logout", dependencies=[Depends(same_origin)])
async def logout(request: Request) -> Response:
    request.app.state.sessions.drop(request.cookies.get(COOKIE))
    resp = RedirectResponse("/", status_code=303, headers=HEADERS)
    clear_cookie(resp)
    return resp


@router.get("/view/passages/{passage_id}", response_class=HTMLResponse)
async def passage_page(request: Request, passage_id: str, principal: Principal | None = Depends(session_principal)):
    if principal is None:
        return render(request, "login.html", 401, problem="login_needed", next=here(request))
    check_rate(request, principal)
    if (resp := _not_ready(request, principal)) is not None:
        return resp
    view = await run(request, views.passage_page_view, request.app.state.holder.engine, passage_id)
    if view is None:
        shown = repr(passage_id[:80]) + ("…" if len(passage_id) > 80 else "")
        return render(request, "message.html", 404, principal=principal, title="not_found",
                      message=i18n.text(i18n.choose(request), "no_passage", id=shown))
    return render(request, "passage.html", principal=principal, view=view, back=back_of(request))
