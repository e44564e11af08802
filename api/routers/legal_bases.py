"""``/legal-bases``: the provisions cited and every flow resting on each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import examples
from api.dependencies import PageDep, ReaderDep
from api.errors import ApiError
from api.ids import iri_of
from api.reader import FlowFilters
from api.representations import table
from api.responses import JSONResponse

router = APIRouter(prefix="/legal-bases", tags=["legal bases"])


@router.get(
    "",
    summary="Legal provisions cited (法令上の根拠)",
    description="Every provision cited by a flow or an assessment, with its law and place and how many flows, "
    "assessments and municipalities rest on it directly. `Accept: text/csv` gives a table.",
    responses=examples.responses([examples.LEGAL_BASIS_ROW], csv="iri,id,label,law,...\r\n", errors=(422,)),
)
def list_legal_bases(
    request: Request,
    reader: ReaderDep,
    law: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Law key, e-Gov law id, IRI or words of its title",
            examples=["bango-19-8-order"],
        ),
    ] = None,
    table_item: Annotated[str | None, Query(max_length=50, description="Table item (項番)", examples=["131"])] = None,
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    return table(request, reader.legal_bases(law=law, table_item=table_item), format_param=format)


@router.get(
    "/{legal_basis_id:path}",
    summary="One provision and every flow resting on it, across municipalities",
    description="The id is the provision's IRI path after the instance base, e.g. "
    "`law/bango-19-8-order/article/2/table/第2条の表/table-item/131`. Flows resting on a provision inside this "
    "one (an item of a table, a paragraph of an article) are included. The flows are paged with `limit` and "
    "`offset`; `flows_total` (and the `X-Total-Count` header) gives how many there are.",
    responses=examples.responses({**examples.LEGAL_BASIS_ROW, "flows_total": 1, "flows": [examples.FLOW]}),
)
def get_legal_basis(
    legal_basis_id: str,
    reader: ReaderDep,
    page: PageDep,
) -> JSONResponse:
    iri = iri_of(reader.minter.base, legal_basis_id)
    found = reader.legal_bases(legal_basis=iri) if iri else []
    if not found:
        raise ApiError(404, f"No cited provision with id {legal_basis_id!r}. List them at GET /legal-bases.")
    flows = reader.flows(FlowFilters(legal_basis=iri))
    headers = {"X-Total-Count": str(len(flows))}
    return JSONResponse(
        {**found[0], "flows_total": len(flows), "flows": reader.with_legal_bases(page.of(flows))}, headers=headers
    )
