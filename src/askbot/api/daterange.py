"""`since` after `until`: a 422 whose field errors name both filters, documented in the schema.

JSON Schema cannot say "since <= until" across two fields, so the rule is written in the 422
response's description of /search and /ask, and the refusal has the same shape as every other
invalid request (`detail`, `error`, `errors[]` with each field), not a bare reason.
"""

from __future__ import annotations

import datetime as dt

from fastapi.exceptions import RequestValidationError

from .models import ErrorBody

RULE = "'since' must not be after 'until'"
INVALID_422 = {422: {"model": ErrorBody, "description": (
    "invalid request, with a reason: a field out of range, a question that is empty or over the length "
    f"limit, or a date range that is empty ({RULE}; both fields are then named in `errors`)")}}


def check_range(since: dt.date | None, until: dt.date | None, where: tuple[str, ...]) -> None:
    """Raise a 422 naming both `where`.since and `where`.until when the range is empty."""
    if since and until and since > until:
        raise RequestValidationError([
            {"loc": (*where, "since"), "type": "date_range", "input": since.isoformat(),
             "msg": f"'since' ({since}) is after 'until' ({until}); {RULE}"},
            {"loc": (*where, "until"), "type": "date_range", "input": until.isoformat(),
             "msg": f"'until' ({until}) is before 'since' ({since})"},
        ])
