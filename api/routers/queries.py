"""``/queries``: the named queries (one question per ``queries/*.rq``), listed and run."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from api import examples, named
from api.answers import respond
from api.dependencies import ReaderDep, SettingsDep
from api.errors import ApiError
from api.named import FORMATS, SPARQL_JSON
from api.representations import CSV, JSON, preferred
from api.responses import JSONResponse
from pia_kg.queries import NamedQuery

router = APIRouter(prefix="/queries", tags=["named queries"])


def describe(query: NamedQuery) -> dict[str, Any]:
    example = "&".join(f"{k}={v}" for k, values in named.example_params(query).items() for v in values)
    return {
        "name": query.name,
        "title": {"ja": query.title_ja, "en": query.title_en},
        "description": query.description,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "list": p.multiple,
                "choices": list(p.choices),
                "description": p.description,
                "example": list(p.example),
            }
            for p in query.parameters
        ],
        "url": f"/queries/{query.name}",
        "example_url": f"/queries/{query.name}" + (f"?{example}" if example else ""),
        "sparql_url": f"/queries/{query.name}/sparql",
    }


@router.get(
    "",
    summary="The named queries: questions the graph answers",
    description="Each is a SPARQL file in `queries/` with a title (ja/en), a description and typed parameters.",
    responses=examples.responses(
        [
            {
                "name": "recipients-of-affair",
                "title": {"ja": "事務のデータの受け手", "en": "Who receives an affair's data"},
                "description": "Who receives the data of an administrative affair ...",
                "parameters": [
                    {
                        "name": "affair",
                        "type": "text",
                        "required": True,
                        "list": False,
                        "choices": [],
                        "description": "affair category ...",
                        "example": ["介護保険"],
                    }
                ],
                "url": "/queries/recipients-of-affair",
                "example_url": "/queries/recipients-of-affair?affair=介護保険",
                "sparql_url": "/queries/recipients-of-affair/sparql",
            }
        ],
        errors=(),
    ),
)
def list_queries(reader: ReaderDep) -> JSONResponse:
    return JSONResponse([describe(q) for q in reader.catalogue])


@router.get(
    "/{name}/sparql",
    summary="The SPARQL text of a named query (to copy and adapt)",
    response_class=PlainTextResponse,
    responses={
        200: {"content": {"application/sparql-query": {"example": "# @title-ja 事務のデータの受け手\n..."}}},
        404: examples.responses({})[404],
    },
)
def query_text(name: str, reader: ReaderDep) -> Response:
    return Response(reader.catalogue[name].text, media_type="application/sparql-query; charset=utf-8")


@router.get(
    "/{name}",
    summary="Run a named query",
    description="Parameters are passed as query parameters (repeat one for a list). Values are validated and "
    "bound with a VALUES block, never pasted into the query. JSON rows by default; `Accept: text/csv` for a "
    "table, `application/sparql-results+json` for standard SPARQL results. An answer is kept until the store "
    "changes (header `X-Cache: hit|miss`): send its `ETag` back in `If-None-Match` to get `304`, or "
    "`Cache-Control: no-cache` to have the query run again.",
    responses=examples.kept(
        examples.responses(
            {
                "query": "recipients-of-affair",
                "variables": ["to", "to_label", "kinds", "municipalities", "flows"],
                "count": 1,
                "capped": False,
                "rows": [
                    {
                        "to": examples.BASE + "body/全国健康保険協会",
                        "to_label": "全国健康保険協会",
                        "kinds": "provision",
                        "municipalities": "川崎市、高崎市",
                        "flows": 2,
                    }
                ],
            },
            csv="to,to_label,kinds,municipalities,flows\r\n",
            extra={SPARQL_JSON: examples.SPARQL_RESULTS},
        )
    ),
)
def run_query(name: str, request: Request, reader: ReaderDep, settings: SettingsDep) -> Response:
    reader.catalogue[name]  # an unknown name is 404 before anything else
    fmt = request.query_params.get("format")
    params = {k: request.query_params.getlist(k) for k in request.query_params if k != "format"}
    if fmt is not None and fmt not in FORMATS:
        raise ApiError(422, f"format {fmt!r} is not offered; use one of: {', '.join(FORMATS)}")
    media_type = FORMATS[fmt] if fmt else preferred(request, (JSON, CSV, SPARQL_JSON))
    return respond(
        request,
        reader.answers,
        reader.answer_state(),
        named.key(name, params, media_type),
        lambda: named.answer(reader, name, params, media_type, settings.result_cap),
    )
