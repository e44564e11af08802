"""``/systems``: information systems and the assessments that list them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import examples
from api.dependencies import ReaderDep
from api.errors import ApiError
from api.ids import iri_of
from api.representations import table
from api.responses import JSONResponse

router = APIRouter(prefix="/systems", tags=["systems"])


@router.get(
    "",
    summary="Information systems (システム) and where they are listed",
    description="Nationwide systems first. `Accept: text/csv` gives a table.",
    responses=examples.responses([examples.SYSTEM], csv="iri,id,label,nationwide,listed_in\r\n", errors=(422,)),
)
def list_systems(
    request: Request,
    reader: ReaderDep,
    name: Annotated[
        str | None, Query(max_length=500, description="Words of the system's name", examples=["中間サーバー"])
    ] = None,
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    return table(request, reader.systems(name=name), format_param=format)


@router.get(
    "/{system_id:path}",
    summary="One system with the assessments that list it and what it connects to",
    description="The id is the IRI path after the instance base, e.g. `system/中間サーバー`.",
    responses=examples.responses(examples.SYSTEM),
)
def get_system(system_id: str, reader: ReaderDep) -> JSONResponse:
    iri = iri_of(reader.minter.base, system_id)
    found = reader.systems(system=iri) if iri else []
    if not found:
        raise ApiError(404, f"No system with id {system_id!r}. List them at GET /systems.")
    return JSONResponse(found[0])
