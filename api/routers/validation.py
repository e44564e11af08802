"""``/validation`` and ``/assessments/{id}/validation``: the SHACL report over the graph (or one assessment)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.dependencies import SettingsDep, StoreDep
from api.errors import ApiError
from pia_kg.validation import FORMATS, MEDIA_TYPES, render, validate_store

router = APIRouter(tags=["validation"])

FormatQuery = Annotated[
    str,
    Query(
        description="json (counts per assessment and per shape, and each result with its document location), "
        "ttl or jsonld (the standard sh:ValidationReport), html (a page for people) or text",
        examples=["json"],
    ),
]
TodayQuery = Annotated[
    date | None, Query(description="Reference date of the five-year re-assessment check (default: today)")
]


def _respond(report_format: str, body: str) -> Response:
    if report_format not in FORMATS:
        raise ApiError(422, f"Unknown format {report_format!r}: use one of {', '.join(FORMATS)}.")
    return Response(body, media_type=MEDIA_TYPES[report_format])


@router.get(
    "/validation",
    summary="Validation report of every assessment (completeness, consistency, currency)",
    responses={200: {"content": {"application/json": {"example": {"conforms": True, "results": []}}}}},
    description="Validates each assessment graph against the SHACL shapes in shapes/ and reports, per assessment "
    "and per shape, the counts by severity and each result with the node, its label and where in the document "
    "it was read.",
)
def validation(
    store: StoreDep, settings: SettingsDep, format: FormatQuery = "json", today: TodayQuery = None
) -> Response:
    if format not in FORMATS:
        raise ApiError(422, f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    return _respond(format, render(validate_store(store, settings, today=today), format))


@router.get(
    "/assessments/{assessment_id}/validation",
    summary="Validation report of one assessment",
    responses={200: {"content": {"application/json": {"example": {"conforms": True, "results": []}}}}},
    description="The same report for one assessment version (ids look like 川崎市-61-2025-06-06).",
)
def assessment_validation(
    assessment_id: str, store: StoreDep, settings: SettingsDep, format: FormatQuery = "json", today: TodayQuery = None
) -> Response:
    if format not in FORMATS:
        raise ApiError(422, f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    if "/" in assessment_id or any(ch in assessment_id for ch in '<>"{}|^`\\ '):
        raise ApiError(404, f"No assessment with id {assessment_id!r}: ids look like 川崎市-61-2025-06-06.")
    report = validate_store(store, settings, assessment_id=assessment_id, today=today)
    if not report.assessments:
        raise ApiError(404, f"No assessment with id {assessment_id!r}. List them at GET /assessments.")
    return _respond(format, render(report, format))
