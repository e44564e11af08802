"""Pages a person can read: home, one assessment, recipients search (server-rendered, no external assets)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from api.dependencies import ReaderDep
from api.diagram import flow_diagram
from api.errors import ApiError
from api.ids import iri_of, url_path
from api.reader import KIND_ORDER, FlowFilters

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.filters["urlpath"] = url_path


def basis_label(basis: dict) -> str:
    """A legal basis as a person reads it: the citation as written, else its law and place."""
    if basis.get("text") or basis.get("label"):
        return basis.get("text") or basis["label"]
    place = "".join(
        f"{prefix}{basis[key]}{suffix}"
        for key, prefix, suffix in (
            ("article", "第", "条"),
            ("paragraph", "第", "項"),
            ("item", "第", "号"),
            ("table", "", ""),
            ("table_item", "の", "の項"),
        )
        if basis.get(key)
    )
    return f"{basis.get('law') or ''} {place}".strip() or basis.get("iri") or ""


templates.env.filters["basis"] = basis_label
KIND_NAMES = {"provision": "提供先", "transfer": "移転先", "outsourcing": "委託先"}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, reader: ReaderDep) -> HTMLResponse:
    assessments = reader.assessments()
    affairs: dict[str, dict] = {}
    for item in assessments:
        for category in item["affair"]["categories"] or [
            {"iri": None, "label": item["affair"]["label"], "label_en": None}
        ]:
            entry = affairs.setdefault(category["label"] or "(未分類)", {"category": category, "count": 0})
            entry["count"] += 1
    return templates.TemplateResponse(
        request,
        "home.html",
        {"summary": reader.summary(), "assessments": assessments, "affairs": sorted(affairs.items())},
    )


@router.get("/pages/assessments/{assessment_id}", response_class=HTMLResponse)
def assessment_page(assessment_id: str, request: Request, reader: ReaderDep) -> HTMLResponse:
    if iri_of(reader.minter.base, "assessment/" + assessment_id) is None or "/" in assessment_id:
        raise ApiError(404, f"No assessment with id {assessment_id!r}.")
    item = reader.assessment(assessment_id)
    if item is None:
        raise ApiError(404, f"No assessment with id {assessment_id!r}. See the list on the home page.")
    flows = reader.with_legal_bases(reader.flows(FlowFilters(assessment=item["iri"])))
    by_kind = {kind: [f for f in flows if f["kind"] == kind] for kind in KIND_ORDER}
    picture = Markup(flow_diagram(item["affair"]["label"] or item["title"] or assessment_id, flows))
    return templates.TemplateResponse(
        request,
        "assessment.html",
        {"a": item, "by_kind": by_kind, "kind_names": KIND_NAMES, "diagram": picture},
    )


@router.get("/pages/recipients", response_class=HTMLResponse)
def recipients_page(
    request: Request, reader: ReaderDep, affair: Annotated[str | None, Query(max_length=500)] = None
) -> HTMLResponse:
    rows = reader.recipients(affair.strip() or None if affair else None)
    return templates.TemplateResponse(
        request, "recipients.html", {"affair": affair or "", "rows": rows, "kind_names": KIND_NAMES}
    )
