"""Browsing the archive on the staff page: meetings, a meeting, people, a person, the original file;
and the language switch. Same session, rate limit and views as the search page."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from . import i18n, views
from .deps import run
from .links import back_of, here, local_target
from .routes_page import HEADERS, render
from .security import check_rate
from .sessions import session_principal

router = APIRouter(include_in_schema=False)
YEAR = 365 * 24 * 3600


@router.get("/lang/{code}")
async def switch_language(request: Request, code: str, next: str = "/") -> Response:
    """Set the page language (a cookie) and go back to the page the switch was on."""
    resp = RedirectResponse(local_target(next), status_code=303, headers=HEADERS)
    if code in i18n.LANGS:
        resp.set_cookie(i18n.COOKIE, code, max_age=YEAR, samesite="lax", httponly=True, path="/",
                        secure=request.url.scheme == "https")
    return resp


async def _open(request: Request):
    """(principal, engine), or the response to send instead: the login form (which comes back
    here), or "not ready"."""
    principal = session_principal(request)
    if principal is None:
        return None, render(request, "login.html", 401, problem="login_needed", next=here(request))
    check_rate(request, principal)
    holder = request.app.state.holder
    if holder.engine is None:
        return None, render(request, "message.html", 503, principal=principal, title="not_ready_title",
                            message=i18n.text(i18n.choose(request), "not_ready", reason=holder.reason))
    return (principal, holder.engine), None


def _missing(request: Request, principal, key: str, ident: str, status: int = 404) -> HTMLResponse:
    shown = repr(ident[:80]) + ("…" if len(ident) > 80 else "")
    return render(request, "message.html", status, principal=principal, title="not_found",
                  message=i18n.text(i18n.choose(request), key, id=shown))


@router.get("/view/meetings", response_class=HTMLResponse)
async def meetings_page(request: Request) -> Response:
    opened, resp = await _open(request)
    if resp is not None:
        return resp
    principal, engine = opened
    view = await run(request, views.meetings_page_view, engine)
    return render(request, "meetings.html", principal=principal, meetings=view["meetings"], back=back_of(request))


@router.get("/view/meetings/{meeting_id}", response_class=HTMLResponse)
async def meeting_page(request: Request, meeting_id: str) -> Response:
    opened, resp = await _open(request)
    if resp is not None:
        return resp
    principal, engine = opened
    view = await run(request, views.meeting_page_view, engine, meeting_id)
    if view is None:
        return _missing(request, principal, "no_meeting", meeting_id)
    return render(request, "meeting.html", principal=principal, m=view, back=back_of(request))


@router.get("/view/people", response_class=HTMLResponse)
async def people_page(request: Request) -> Response:
    opened, resp = await _open(request)
    if resp is not None:
        return resp
    principal, engine = opened
    view = await run(request, views.people_page_view, engine)
    return render(request, "people.html", principal=principal, people=view["people"], back=back_of(request))


@router.get("/view/people/{person_id}", response_class=HTMLResponse)
async def person_page(request: Request, person_id: str) -> Response:
    opened, resp = await _open(request)
    if resp is not None:
        return resp
    principal, engine = opened
    view = await run(request, views.person_page_view, engine, person_id)
    if view is None:
        return _missing(request, principal, "no_person", person_id)
    followups = await run(request, views.person_followups, engine, view["name"])
    return render(request, "person.html", principal=principal, p=view, followups=followups, back=back_of(request))


def original_file(minutes_dir: Path, source_path: str, sources: dict[str, str]) -> tuple[str, bytes | None]:
    """The bytes of a meeting's file, only when it is one the build was made from: inside the
    minutes folder (after resolving links), listed in the build's manifest, and with the same
    sha256. Returns (outcome, bytes): "ok", "gone" (not there / not a file / outside) or "changed"."""
    root = minutes_dir.resolve()
    path = Path(source_path)
    try:
        name = str(path.relative_to(minutes_dir)) if path.is_relative_to(minutes_dir) else str(path.relative_to(root))
        real = path.resolve(strict=True)
    except (ValueError, OSError):
        return "gone", None
    if not real.is_relative_to(root) or not real.is_file() or name not in sources:
        return "gone", None
    data = real.read_bytes()
    return ("ok", data) if hashlib.sha256(data).hexdigest() == sources[name] else ("changed", None)


@router.get("/view/meetings/{meeting_id}/file")
async def meeting_file(request: Request, meeting_id: str) -> Response:
    """Download the original minutes file (as an attachment, never rendered)."""
    opened, resp = await _open(request)
    if resp is not None:
        return resp
    principal, engine = opened
    meeting = engine.meeting(meeting_id)
    if meeting is None:
        return _missing(request, principal, "no_meeting", meeting_id)
    minutes_dir = Path(request.app.state.settings.minutes_dir)
    outcome, data = await run(request, original_file, minutes_dir, meeting.source_path, engine.manifest.sources)
    if data is None:
        return render(request, "message.html", 404 if outcome == "gone" else 409, principal=principal,
                      title="not_found", message=i18n.text(i18n.choose(request), f"file_{outcome}"))
    name = views.file_name(meeting.source_path)
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    headers = {**HEADERS, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return Response(data, media_type=media, headers=headers)
