"""Admin actions (admin key only): load the newest published build."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from .errmap import ERROR_RESPONSES, error
from .models import ErrorBody, ReloadOut
from .security import Principal, require_admin

router = APIRouter(prefix="/admin", tags=["admin"], responses={
    **ERROR_RESPONSES, 403: {"model": ErrorBody, "description": "not an admin key"}})


@router.post("/reload", response_model=ReloadOut, summary="Load the build index/CURRENT names",
             responses={409: {"model": ErrorBody, "description": "the build was refused; the old one keeps serving"}})
async def reload(request: Request, principal: Principal = Depends(require_admin)) -> JSONResponse | dict:
    """Swap in the published build without dropping in-flight requests. A build that fails to
    load is refused (409, with the reason) and the one already live keeps serving."""
    result = await request.app.state.holder.reload()
    if result.refused:
        return error(409, result.message)
    return {"reloaded": result.reloaded, "build_id": result.build_id,
            "previous_build_id": result.previous_build_id, "message": result.message}
