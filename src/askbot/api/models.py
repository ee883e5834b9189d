"""Pydantic request/response models for the HTTP API (the edge; the core uses types.py).

The response models mirror `askbot.jsonshapes` exactly, so `/ask` returns what
`askbot ask --json` prints and `/search` what `askbot search --json` prints.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

_DATE = dt.date(2022, 1, 14)


class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    meeting: str | None = Field(None, max_length=200, examples=["2022-01-14-naeringssamarbeidet"])
    since: dt.date | None = Field(None, examples=["2022-01-01"])
    until: dt.date | None = Field(None, examples=["2022-12-31"], description="not before since")
    person: str | None = Field(None, max_length=200, description="person id or part of a name")
    organisation: str | None = Field(None, max_length=200, examples=["Asker"])


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"question": "Hvem jobber med hydrogen?", "k": 5},
                                        {"question": "Who works on tourism?",
                                         "filters": {"since": "2022-01-01"}}]},
    )
    question: str = Field(..., min_length=1,
                          description="Norwegian or English; at most ASKBOT_MAX_QUESTION_CHARS characters")
    k: int = Field(10, ge=1, le=50, description="how many passages to consider")
    filters: FiltersIn | None = None


class MeetingRef(BaseModel):
    id: str
    date: dt.date = Field(examples=[_DATE])
    title: str


class AgendaRef(BaseModel):
    number: str = Field(examples=["3"])
    title: str = Field(examples=["Runden rundt bordet"])


class CitationSpeaker(BaseModel):
    label: str | None = Field(None, examples=["Dag fra Asker"])
    name: str | None = Field(None, examples=["Dag Aanensen"])
    organisation: str | None = Field(None, examples=["Asker kommune"])
    ambiguous: bool = False


class SpeakerPerson(BaseModel):
    person_id: str
    name: str | None = None


class Speaker(CitationSpeaker):
    person_id: str | None = None
    candidates: list[str] = []
    how: str | None = Field(None, description="turn | reported | action | attendance | role",
                            examples=["reported"])
    role: str | None = Field(None, description="chair, clerk, absent, …", examples=["chair"])
    people: list[SpeakerPerson] | None = Field(None, description="every actor, when the passage has several")


class CitationOut(BaseModel):
    passage_id: str = Field(examples=["2022-01-14-naeringssamarbeidet.012"])
    meeting: MeetingRef
    agenda_item: AgendaRef
    speaker: CitationSpeaker
    quote: str = Field(description="a sentence quoted verbatim from the passage")
    score: float
    source_path: str
    line_start: int
    page: int | None = Field(None, description="a PDF's page (else null)", examples=[1])
    page_line: int | None = Field(None, description="the line on that page (else the line)", examples=[17])


class PersonAnswerOut(BaseModel):
    id: str
    name: str
    organisation: str | None = Field(None, description="as of the cited meetings")
    current_organisation: str | None = Field(None, description="where the person is now (the latest)")
    aliases: list[str] = []
    score: float
    citations: list[CitationOut]


class AnswerOut(BaseModel):
    query: str
    language: str = Field(examples=["no"])
    kind: str = Field(description='"people", "passages" or "none"', examples=["people"])
    text: str
    people: list[PersonAnswerOut]
    hits: list[CitationOut]


class PassageOut(BaseModel):
    passage_id: str
    text: str = Field(description="the passage's own words as they stand in the minutes")
    meeting: MeetingRef
    agenda_item: AgendaRef
    speaker: Speaker
    line_start: int
    line_end: int
    source_path: str
    page: int | None = Field(None, description="a PDF's page (else null)", examples=[1])
    page_line: int | None = Field(None, description="the line on that page (else the line)", examples=[17])


class HitOut(PassageOut):
    score: float


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class PassageView(BaseModel):
    passage: PassageOut
    neighbours: list[PassageOut] = Field(
        description="every passage of the same agenda item, in order (this one included)")


class Attendee(BaseModel):
    name: str
    organisation: str | None = None
    role: str | None = None


class AgendaItemOut(AgendaRef):
    line: int


class MeetingSummary(MeetingRef):
    body: str
    source_path: str


class MeetingDetail(MeetingSummary):
    attendees: list[Attendee]
    agenda: list[AgendaItemOut]


class MeetingList(BaseModel):
    meetings: list[MeetingSummary]


class PersonOut(BaseModel):
    id: str = Field(examples=["dag-aanensen"])
    name: str = Field(examples=["Dag Aanensen"])
    organisation: str | None = None
    aliases: list[str] = []


class PeopleList(BaseModel):
    people: list[PersonOut]


class PersonMeeting(BaseModel):
    meeting: MeetingRef
    passages: list[PassageOut]


class PersonDetail(PersonOut):
    meetings: list[PersonMeeting] = Field(description="what the person raised, meeting by meeting")


class Health(BaseModel):
    status: str = "ok"


class Refusal(BaseModel):
    build_id: str | None
    reason: str
    at: str


class Ready(BaseModel):
    ready: bool
    reason: str | None = Field(None, description="why not ready")
    build_id: str | None = None
    model_id: str | None = None
    passage_count: int | None = None
    loaded_at: str | None = None
    refused: Refusal | None = Field(None, description="the last build refused at load, if any")


class ReloadOut(BaseModel):
    reloaded: bool
    build_id: str | None
    previous_build_id: str | None
    message: str


class ErrorBody(BaseModel):
    detail: str = Field(description="what went wrong, for a person")
    error: str = Field(description="a short machine-readable code", examples=["invalid_request"])
    errors: list[dict] | None = Field(None, description="field errors, for invalid requests")
