"""Unauthenticated probes: /healthz (process up) and /readyz (model and index loaded)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .models import Health, Ready

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is up")
async def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", response_model=Ready, summary="Model and index loaded; which build is live",
            responses={503: {"model": Ready, "description": "not ready, with the reason"}})
async def readyz(request: Request):
    status = request.app.state.holder.status()
    if not status["ready"]:
        return JSONResponse(Ready(**status).model_dump(), status_code=503)
    return status
