"""GET /alerts: the passages a build added since an earlier one that answer a topic (topic alerts)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from askbot.index import changes
from askbot.jsonshapes import citation_to_dict
from askbot.retrieve import Engine
from askbot.retrieve.alerts import ALERT_K, topic_alerts
from askbot.settings import Settings

from .deps import check_question, get_engine, get_settings, run
from .errmap import ERROR_RESPONSES, NOT_FOUND
from .models import CitationOut
from .security import require_key

router = APIRouter(tags=["alerts"], dependencies=[Depends(require_key)], responses=ERROR_RESPONSES)


class AlertOut(CitationOut):
    text: str = Field(description="the whole passage, verbatim")


class AlertsOut(BaseModel):
    topic: str = Field(examples=["hydrogen"])
    since_build: str = Field(description="the earlier build compared against")
    build_id: str = Field(description="the live build the alerts come from; pass it as since_build next time")
    new_passages: int = Field(description="passages whose words since_build did not have")
    alerts: list[AlertOut] = Field(description="the new passages that answer the topic, oldest meeting first")


def alerts_view(engine: Engine, topic: str, since_build: str, k: int) -> dict:
    new = changes.new_passages(engine.index_dir, since_build, engine.build.passages)
    found = topic_alerts(engine, topic, new, k=k)
    return {"topic": topic, "since_build": since_build, "build_id": engine.build_id, "new_passages": len(new),
            "alerts": [{**citation_to_dict(c), "text": engine.passage(c.passage_id).text} for c in found]}


@router.get("/alerts", response_model=AlertsOut, responses=NOT_FOUND,
            summary="New passages on a topic since an earlier build (what subscribers are sent)")
async def alerts(
    request: Request,
    topic: str = Query(..., min_length=1, max_length=200, description="what to follow", examples=["hydrogen"]),
    since_build: str = Query(..., min_length=1, max_length=100, pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]*$",
                             description="an earlier build id (GET /readyz names the live one)"),
    k: int = Query(ALERT_K, ge=1, le=50, description="passages considered per new meeting"),
    engine: Engine = Depends(get_engine),
    settings: Settings = Depends(get_settings),
) -> dict:
    topic = check_question(topic, settings)
    if not changes.is_kept(engine.index_dir, since_build):
        raise HTTPException(404, f"no build {since_build!r} in the index (unknown, or pruned; the live build is "
                                 f"{engine.build_id})")
    return await run(request, alerts_view, engine, topic, since_build, k)
