"""Cross-site request refusal for the cookie-authenticated page's state-changing posts.

Only the staff page is authenticated by a cookie; the API takes its key in a header, which a
cross-site form cannot set. So `/login` and `/logout` (and any later page POST) depend on
`same_origin`: the browser's own account of where the request came from must name this host.

- `Sec-Fetch-Site` (every current browser sends it): `same-origin` or `none` (typed, bookmarked)
  passes; `same-site` (a sibling subdomain) and `cross-site` are refused.
- Otherwise `Origin`, then `Referer`: its host[:port] must equal the request's Host. `Origin: null`
  (a sandboxed frame, a data: URL) is refused.
- A request with none of the three is not a browser's cross-site form post (browsers send
  `Origin` on every POST), e.g. curl or a script with a key in hand; it passes.

The scheme is not compared: behind a TLS-terminating proxy the service sees http while the browser
says https. The page's `Referrer-Policy: same-origin` keeps `Origin` real on its own posts
(`no-referrer` makes browsers send `Origin: null` even for same-origin form posts).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, Request

_PASS_FETCH_SITE = frozenset({"same-origin", "none"})


def _netloc(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return (parts.netloc.lower() or None) if parts.scheme in ("http", "https") else None


def cross_site_reason(request: Request) -> str | None:
    """Why this request is refused as cross-site, or None when it may proceed."""
    host = (request.headers.get("host") or "").strip().lower()
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site.strip().lower() in _PASS_FETCH_SITE:
            return None
        return f"Sec-Fetch-Site is {fetch_site.strip()[:40]!r}"
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value is None:
            continue
        seen = _netloc(value)
        if seen is None or seen != host:
            return f"{header.capitalize()} {value.strip()[:80]!r} is not this site ({host[:80]!r})"
        return None
    return None


def same_origin(request: Request) -> None:
    """FastAPI dependency: 403, with the reason in Norwegian and English, for a cross-site post."""
    reason = cross_site_reason(request)
    if reason is not None:
        raise HTTPException(403, "Avvist: forespørselen kom fra et annet nettsted; logg inn fra askbot-siden selv. "
                                 f"/ Refused: a cross-site request ({reason}); use the askbot page itself.")
