"""``/recipients``: who receives an affair's data."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import examples
from api.dependencies import ReaderDep
from api.representations import table

router = APIRouter(prefix="/recipients", tags=["recipients"])


@router.get(
    "",
    summary="Who receives an affair's data (事務のデータの受け手)",
    description="One entry per recipient (national body, department or contractor) of the effective flows of "
    "an affair, with the kinds of flow, the municipalities that send, the legal bases and the number of flows; "
    "recipients used by the most municipalities first. `affair` may be a category name in Japanese (介護保険) or "
    "English (Long-term care insurance), its code (long-term-care-insurance) or words of the affair's name; "
    "leave it out for every affair. `Accept: text/csv` gives a table.",
    responses=examples.responses(
        [examples.RECIPIENT], csv="recipient.iri,recipient.id,recipient.label,...\r\n", errors=(422,)
    ),
)
def list_recipients(
    request: Request,
    reader: ReaderDep,
    affair: Annotated[
        str | None, Query(max_length=500, description="Affair category (ja/en), code or words", examples=["介護保険"])
    ] = None,
    municipality: Annotated[
        str | None, Query(max_length=500, description="Only flows of this municipality", examples=["川崎市"])
    ] = None,
    kind: Annotated[
        Literal["provision", "transfer", "outsourcing"] | None, Query(description="Only this kind of flow")
    ] = None,
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    return table(request, reader.recipients(affair, municipality, kind), format_param=format)
