"""Query parameters a GET route does not know are refused (422 naming them), not silently ignored.

`org=` (the CLI's flag) used to be dropped without a word, so a filtered search quietly searched
everything. `only_known_params` reads the names the route itself declares (aliases such as `org`
included), so it needs no list kept in step with the route.
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant

def _names(d: Dependant) -> set[str]:
    out = {p.alias for p in d.query_params}
    for sub in d.dependencies:
        out |= _names(sub)
    return out


async def only_known_params(request: Request) -> None:
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _names(dependant)
    unknown = sorted(k for k in request.query_params if k not in known)
    if unknown:
        raise HTTPException(422, f"unknown query parameter(s): {', '.join(unknown)}; "
                                 f"this endpoint takes {', '.join(sorted(known))}")
