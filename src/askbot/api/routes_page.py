"""The staff search page: server-rendered, works without JavaScript, behind a session cookie."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from askbot.errors import AskbotError

from . import views
from .deps import check_question, make_filters, run
from .origin import same_origin
from .security import Principal, check_rate, failure_wait, note_failure
from .sessions import COOKIE, clear_cookie, session_principal, set_cookie

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))

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


def _date(value: str, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise AskbotError(f"{name} must be a date like 2022-01-14, not {value!r}") from None


def _not_ready(request: Request, principal: Principal) -> HTMLResponse | None:
    holder = request.app.state.holder
    if holder.engine is None:
        return render(request, "message.html", 503, principal=principal, title="Not ready",
                      message=f"The index is not loaded yet: {holder.reason}")
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
            filters = make_filters(meeting, _date(since, "since"), _date(until, "until"), person, organisation)
            answer = await run(request, views.ask_view, engine, question, max(1, min(k_n, 20)), filters)
        except AskbotError as exc:
            problem, status = str(exc), 422
    meetings = (await run(request, views.meetings_view, engine))["meetings"]
    people = (await run(request, views.people_view, engine))["people"]
    return render(request, "search.html", status, principal=principal, form=form, answer=answer,
                  problem=problem, meetings=meetings, people=people, build_id=engine.build_id)


@router.post("/login", dependencies=[Depends(same_origin)])
async def login(request: Request, api_key: str = Form("", max_length=4096)) -> Response:
    if failure_wait(request) > 0:  # the API's per-address failure limit: one budget for both
        return render(request, "login.html", 429, problem="Too many attempts; wait a minute and try again.")
    principal = request.app.state.keys.lookup(api_key.strip())
    if principal is None:
        note_failure(request)
        return render(request, "login.html", 401, problem="That key is not valid.")
    request.state.key_name = principal.name
    sessions = request.app.state.sessions
    resp = RedirectResponse("/", status_code=303, headers=HEADERS)
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
        return render(request, "login.html", 401, problem="Log in to see passages.")
    check_rate(request, principal)
    if (resp := _not_ready(request, principal)) is not None:
        return resp
    view = await run(request, views.passage_view, request.app.state.holder.engine, passage_id)
    if view is None:
        return render(request, "message.html", 404, principal=principal, title="Not found",
                      message=f"There is no passage with id {passage_id[:80]!r}{'…' if len(passage_id) > 80 else ''}.")
    return render(request, "passage.html", principal=principal, view=view)
