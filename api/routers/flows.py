"""``/flows``: every effective provision, transfer and outsourcing, filtered and paged."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import examples
from api.dependencies import PageDep, ReaderDep
from api.reader import FlowFilters
from api.representations import table

router = APIRouter(prefix="/flows", tags=["flows"])

Text = Annotated[str | None, Query(max_length=500)]


def node_iri(base: str, value: str | None) -> str | None:
    """An IRI given in full, or a short id (``body/全国健康保険協会``) completed with the instance base."""
    if value is None or ":" in value.split("/", 1)[0]:
        return value
    return base + value.lstrip("/")


@router.get(
    "",
    summary="Data flows: provisions (提供), transfers (移転) and outsourcing (委託)",
    description="Every effective flow (a listed item that says (別紙参照) is replaced by the annex rows that "
    "expand it), with recipient, legal bases, purpose, information, methods, frequency and where it was read. "
    "Paged with `limit` and `offset`; the number of matching flows is in the `X-Total-Count` header. "
    "`Accept: text/csv` (or `format=csv`) gives a table.",
    responses=examples.responses([examples.FLOW], csv="iri,kind,assessment,...\r\n", errors=(422,)),
)
def list_flows(
    request: Request,
    reader: ReaderDep,
    page: PageDep,
    assessment: Annotated[
        str | None, Query(max_length=500, description="Assessment id", examples=[examples.ASSESSMENT_ID])
    ] = None,
    affair: Annotated[
        str | None,
        Query(max_length=500, description="Affair category (ja/en) or words of its name", examples=["介護保険"]),
    ] = None,
    municipality: Annotated[
        str | None, Query(max_length=500, description="Municipality name", examples=["川崎市"])
    ] = None,
    recipient: Annotated[
        str | None,
        Query(max_length=2000, description="Recipient or contractor: IRI or id", examples=["body/全国健康保険協会"]),
    ] = None,
    kind: Annotated[Literal["provision", "transfer", "outsourcing"] | None, Query(description="Kind of flow")] = None,
    law: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Law key, e-Gov law id, IRI or words of its title",
            examples=["bango-19-8-order"],
        ),
    ] = None,
    table_item: Annotated[
        str | None, Query(max_length=50, description="Legal table item (項番)", examples=["131"])
    ] = None,
    legal_basis: Annotated[
        str | None, Query(max_length=2000, description="Legal provision IRI or id; flows resting on it or inside it")
    ] = None,
    method: Annotated[
        str | None, Query(max_length=500, description="Method code or label", examples=["network-system"])
    ] = None,
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    base = reader.minter.base
    filters = FlowFilters(
        assessment=reader.assessment_iri(assessment) if assessment else None,
        affair=affair,
        municipality=municipality,
        recipient=node_iri(base, recipient),
        kind=kind,
        law=law,
        table_item=table_item,
        legal_basis=node_iri(base, legal_basis),
        method=method,
    )
    flows = reader.flows(filters)
    answer = reader.with_legal_bases(page.of(flows))
    return table(request, answer, headers={"X-Total-Count": str(len(flows))}, format_param=format)
