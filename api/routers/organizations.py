"""``/organizations``: bodies, departments, vendors and assessing bodies, with where they appear."""

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

router = APIRouter(prefix="/organizations", tags=["organizations"])


@router.get(
    "",
    summary="Organisations: recipients, departments, contractors, local governments, assessing bodies",
    description="Most-used first. `Accept: text/csv` gives a table.",
    responses=examples.responses([examples.ORGANIZATION], csv="iri,id,label,types,...\r\n", errors=(422,)),
)
def list_organizations(
    request: Request,
    reader: ReaderDep,
    name: Annotated[str | None, Query(max_length=500, description="Words of the name", examples=["健康保険"])] = None,
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    return table(request, reader.organizations(name=name), format_param=format)


@router.get(
    "/{organization_id:path}",
    summary="One organisation with the assessments and flows it appears in",
    description="The id is the IRI path after the instance base: `body/全国健康保険協会`, "
    "`organization/富士通Japan株式会社`, `local-government/川崎市/department/介護保険課`, `local-government/川崎市`. "
    "The flows it receives are paged with "
    "`limit` and `offset`; `flows_total` (and the `X-Total-Count` header) gives how many there are.",
    responses=examples.responses(
        {
            **examples.ORGANIZATION,
            "appears_in": [
                {
                    "role": "recipient",
                    "assessment": examples.ASSESSMENT_ID,
                    "title": examples.ASSESSMENT["title"],
                    "municipality": "川崎市",
                    "affair": "介護保険法による介護保険に関する事務",
                }
            ],
            "flows_total": 1,
            "flows": [examples.FLOW],
        }
    ),
)
def get_organization(
    organization_id: str,
    reader: ReaderDep,
    page: PageDep,
) -> JSONResponse:
    iri = iri_of(reader.minter.base, organization_id)
    found = reader.organizations(organization=iri) if iri else []
    if not found:
        raise ApiError(404, f"No organisation with id {organization_id!r}. List them at GET /organizations.")
    flows = reader.flows(FlowFilters(recipient=iri))
    body = {
        **found[0],
        "appears_in": reader.appearances(iri),
        "flows_total": len(flows),
        "flows": reader.with_legal_bases(page.of(flows)),
    }
    return JSONResponse(body, headers={"X-Total-Count": str(len(flows))})
