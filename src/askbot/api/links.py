"""Links that survive a detour: where a page was reached from ("back to search") and where login
should land (next=). Every such target is checked to be a path on this site: no open redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

MAX_TARGET = 2000


def local_target(target: str | None, default: str = "/") -> str:
    """`target` if it is a path on this site ("/view/meetings?x=1"), else `default`.

    Refused: absolute URLs ("https://evil.example"), scheme-relative ("//evil.example"), backslashes
    (browsers read "/\\evil.example" as another host), control characters, and overlong targets."""
    if not target or len(target) > MAX_TARGET or not target.startswith("/"):
        return default
    if target.startswith("//") or "\\" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def here(request: Request) -> str:
    """This request's own path and query, as a local target."""
    query = request.url.query
    return local_target(request.url.path + (f"?{query}" if query else ""))


def back_of(request: Request) -> str:
    """The page's "back to search" target: its `back=` parameter when local, else the search page."""
    back = local_target(request.query_params.get("back"))
    return back if back == "/" or back.startswith("/?") else "/"
