"""POST /ask: the answer (people or passages), each cited by meeting, agenda item and speaker."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from askbot.retrieve import Engine
from askbot.settings import Settings

from . import views
from .daterange import INVALID_422, check_range
from .deps import check_question, get_engine, get_settings, make_filters, run
from .errmap import ERROR_RESPONSES
from .models import AnswerOut, AskRequest
from .security import require_key

router = APIRouter(tags=["ask"], dependencies=[Depends(require_key)], responses=ERROR_RESPONSES)


@router.post("/ask", response_model=AnswerOut, summary="Ask a question (Norwegian or English)",
             responses=INVALID_422)
async def ask(body: AskRequest, request: Request, engine: Engine = Depends(get_engine),
              settings: Settings = Depends(get_settings)) -> dict:
    """For "who …/hvem …" questions: the people, ranked, with their best cited passages;
    otherwise the passages. `text` is a short answer in the question's language."""
    question = check_question(body.question, settings)
    request.state.question = question
    f = body.filters
    if f:
        check_range(f.since, f.until, ("filters",))
    filters = make_filters(**f.model_dump()) if f else None
    return await run(request, views.ask_view, engine, question, body.k, filters)
