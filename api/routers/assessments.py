"""``/assessments``: assessment versions, their named graphs, upload and removal."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from api import examples
from api.dependencies import OperatorDep, ReaderDep, SettingsDep, StoreDep
from api.errors import ApiError
from api.ids import iri_of
from api.reader import GraphReader
from api.representations import JSON, JSON_LD, TURTLE, preferred, table
from api.responses import JSONResponse
from pia_kg.store.export import ExportFormat, export_bytes

router = APIRouter(prefix="/assessments", tags=["assessments"])

AffairQuery = Annotated[
    str | None,
    Query(
        max_length=500,
        description="Affair category in Japanese or English, or words of the affair's name",
        examples=["介護保険"],
    ),
]
MunicipalityQuery = Annotated[str | None, Query(max_length=500, description="Municipality name", examples=["川崎市"])]
FormatQuery = Annotated[str | None, Query(description="json or csv (instead of an Accept header)", examples=["csv"])]


@router.get(
    "",
    summary="Assessment versions (評価書)",
    description="One object per assessment version, newest first within each municipality. "
    "`Accept: text/csv` (or `format=csv`) gives a table.",
    responses=examples.responses(
        [examples.ASSESSMENT], csv="id,iri,kind,...\r\n川崎市-61-2025-06-06,...\r\n", errors=(422,)
    ),
)
def list_assessments(
    request: Request,
    reader: ReaderDep,
    affair: AffairQuery = None,
    municipality: MunicipalityQuery = None,
    format: FormatQuery = None,
) -> Response:
    return table(request, reader.assessments(affair=affair, municipality=municipality), format_param=format)


def _checked_iri(reader: GraphReader, assessment_id: str, *, must_exist: bool = False) -> str:
    """The assessment's IRI; 404 when no assessment could have this id (or, with ``must_exist``, none has)."""
    iri = iri_of(reader.minter.base, "assessment/" + assessment_id)
    if iri is None or "/" in assessment_id:
        raise ApiError(404, f"No assessment with id {assessment_id!r}: ids look like 川崎市-61-2025-06-06.")
    if must_exist and not reader.assessments(assessment=iri):
        raise ApiError(404, f"No assessment with id {assessment_id!r}. List them at GET /assessments.")
    return iri


@router.get(
    "/{assessment_id}",
    summary="One assessment: cover, systems, files, legal bases",
    description="With `Accept: text/turtle` or `application/ld+json` (or `format=turtle|jsonld`): the "
    "assessment's named graph.",
    responses=examples.responses(examples.ASSESSMENT_DETAIL, extra={TURTLE: examples.TURTLE}),
)
def get_assessment(
    assessment_id: str, request: Request, reader: ReaderDep, store: StoreDep, format: FormatQuery = None
) -> Response:
    media_type = preferred(request, (JSON, TURTLE, JSON_LD), format)
    _checked_iri(reader, assessment_id)
    item = reader.assessment(assessment_id)
    if item is None:
        raise ApiError(404, f"No assessment with id {assessment_id!r}. List them at GET /assessments.")
    if media_type == JSON:
        return JSONResponse(item)
    graph = reader.minter.graph(assessment_id)
    fmt = ExportFormat.ttl if media_type == TURTLE else ExportFormat.jsonld
    return Response(export_bytes(store, fmt, base_iri=reader.minter.base, graph=graph), media_type=media_type)


@router.post(
    "",
    status_code=201,
    summary="Upload and load assessment documents (operator only)",
    description="Multipart upload of one or more documents (field `files`); each is read, mapped and stored "
    "in its own named graph. Needs `Authorization: Bearer <operator token>`. Answers 201 with a report per "
    "document when at least one loaded, 422 when none did.",
    responses=examples.responses(
        {
            "documents": [
                {
                    "file": "kaigo.txt",
                    "status": "loaded",
                    "assessment_id": examples.ASSESSMENT_ID,
                    "error": None,
                    "warnings": 3,
                }
            ]
        },
        errors=(401, 403, 413, 422, 501),
    ),
)
def upload_assessments(
    _operator: OperatorDep,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    files: Annotated[list[UploadFile], File(description="One or more assessment documents")],
) -> JSONResponse:
    loader = request.app.state.loader
    if loader is None:
        raise ApiError(
            501,
            "This server has no document loader configured; load documents with `pia-kg load` "
            "or start the API with `pia-kg serve`.",
        )
    total = 0
    with tempfile.TemporaryDirectory(prefix="pia-kg-upload-") as folder:
        paths = []
        for upload in files:
            name = Path(upload.filename or "").name
            if not name or name.startswith("."):
                raise ApiError(422, "Every uploaded file needs a file name (e.g. kaigo.pdf).")
            data = upload.file.read(settings.max_upload_bytes + 1)
            total += len(data)
            if total > settings.max_upload_bytes:
                raise ApiError(
                    413,
                    f"The upload is larger than the operator's limit of {settings.max_upload_bytes} "
                    "bytes; send fewer or smaller documents.",
                )
            path = Path(folder) / name
            path.write_bytes(data)
            paths.append(path)
        documents = loader(store, paths)
    request.app.state.reader.keeper.invalidate()
    status = 201 if any(d.get("status") == "loaded" for d in documents) else 422
    return JSONResponse({"documents": documents}, status_code=status)


@router.delete(
    "/{assessment_id}",
    summary="Remove an assessment version (operator only)",
    description="Drops the assessment's named graph. Needs `Authorization: Bearer <operator token>`.",
    responses=examples.responses(
        {"deleted": examples.ASSESSMENT_ID, "graph": examples.BASE + "graph/" + examples.ASSESSMENT_ID},
        errors=(401, 403, 404),
    ),
)
def delete_assessment(_operator: OperatorDep, assessment_id: str, reader: ReaderDep, store: StoreDep) -> JSONResponse:
    _checked_iri(reader, assessment_id, must_exist=True)
    graph = reader.minter.graph(assessment_id)
    store.drop_graph(graph)
    reader.keeper.invalidate()
    return JSONResponse({"deleted": assessment_id, "graph": graph})
