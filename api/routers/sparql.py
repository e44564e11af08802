"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint with a timeout and a result cap."""

from __future__ import annotations

import re
from typing import Annotated

import rdflib
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api import examples
from api.answers import Answer, respond
from api.dependencies import ReaderDep, SettingsDep, StoreDep
from api.errors import ApiError
from api.representations import JSON_LD, N_TRIPLES, TURTLE, preferred
from api.sparql_results import (
    QUERY_FORMS,
    RESULT_TYPES,
    UPDATE_KEYWORDS,
    query_form,
    serialize_boolean,
    serialize_select,
)

router = APIRouter(prefix="/sparql", tags=["sparql"])

RESULT_MEDIA = tuple(RESULT_TYPES)
GRAPH_MEDIA = (TURTLE, N_TRIPLES, JSON_LD)
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": TURTLE,
    "ttl": TURTLE,
    "nt": N_TRIPLES,
    "ntriples": N_TRIPLES,
    "n-triples": N_TRIPLES,
    "jsonld": JSON_LD,
    "json-ld": JSON_LD,
}
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
DESCRIPTION = (
    "SPARQL 1.1 Protocol, read-only: SELECT, ASK, CONSTRUCT and DESCRIBE over the union of all assessment graphs. "
    "Updates are refused (403), as are federated SERVICE calls. SELECT/ASK answers in JSON (default), XML, CSV or "
    "TSV; CONSTRUCT/DESCRIBE in Turtle (default), N-Triples or JSON-LD; choose by `Accept` or `format` "
    "(json, xml, csv, tsv, turtle, nt, jsonld). The operator's timeout and result cap apply; a capped answer "
    "carries the header `X-Result-Capped`. An answer is kept until the store changes (`X-Cache: hit|miss`, "
    "`ETag` for `If-None-Match`; `Cache-Control: no-cache` runs the query again)."
)
EXAMPLE_QUERY = (
    "PREFIX pia: <https://w3id.org/pia-kg/ontology#>\n"
    "SELECT DISTINCT ?recipient WHERE { ?flow pia:recipient ?recipient } LIMIT 10"
)


def _media_type(request: Request, form: str, format_param: str | None) -> str:
    offered = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else RESULT_MEDIA
    if format_param:
        chosen = FORMAT_ALIASES.get(format_param.lower(), format_param)
        if chosen not in offered:
            raise ApiError(
                422,
                f"format {format_param!r} does not fit a {form} query; use one of: "
                + ", ".join(k for k, v in FORMAT_ALIASES.items() if v in offered),
            )
        return chosen
    accept = request.headers.get("accept", "")
    if "application/json" in accept and form not in ("CONSTRUCT", "DESCRIBE"):
        return "application/sparql-results+json"
    return preferred(request, offered)


def _answer(request: Request, query: str, format_param: str | None, reader, store, cap: int) -> Response:
    query = query.strip()
    if not query:
        raise ApiError(400, "Send a SPARQL query in the `query` parameter (or as an application/sparql-query body).")
    form = query_form(query)
    if form in UPDATE_KEYWORDS:
        raise ApiError(403, "This endpoint is read-only: SPARQL Update is refused. Load documents with `pia-kg load`.")
    if form not in QUERY_FORMS:
        raise ApiError(400, "Not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue.")
    if _SERVICE.search(query):
        raise ApiError(403, "Federated queries (SERVICE) are not allowed on this endpoint.")
    media_type = _media_type(request, form, format_param)
    key = ("sparql", query, media_type, cap)
    return respond(
        request,
        reader.answers,
        reader.answer_state(),
        key,
        lambda: _evaluate(query, form, media_type, reader, store, cap),
    )


def _evaluate(query: str, form: str, media_type: str, reader, store, cap: int) -> Answer:
    """Run a checked read-only query within the operator's timeout and render it as ``media_type``."""
    headers: dict[str, str] = {}
    try:
        if form == "SELECT":
            result = reader.within_timeout(store.select, query)
            if len(result.rows) > cap:
                result = type(result)(result.variables, result.rows[:cap])
                headers["X-Result-Capped"] = str(cap)
            body = serialize_select(result, RESULT_TYPES[media_type])
        elif form == "ASK":
            body = serialize_boolean(reader.within_timeout(store.ask, query), RESULT_TYPES[media_type])
        else:
            lines = reader.within_timeout(store.construct, query).decode("utf-8").splitlines()
            if len(lines) > cap:
                lines = lines[:cap]
                headers["X-Result-Capped"] = str(cap)
            body = _graph("\n".join(lines) + "\n", media_type)
    except SyntaxError as error:
        raise ApiError(400, f"The query could not be parsed: {error}") from None
    except TimeoutError:
        raise
    except (ValueError, OSError) as error:
        raise ApiError(400, f"The query could not be run: {error}") from None
    return Answer(body.encode("utf-8"), media_type, headers)


def _graph(ntriples: str, media_type: str) -> str:
    if media_type == N_TRIPLES:
        return ntriples
    graph = rdflib.Graph()
    graph.parse(data=ntriples, format="nt")
    return graph.serialize(format="json-ld" if media_type == JSON_LD else "turtle")


_RESPONSES = examples.kept(
    examples.responses(
        examples.SPARQL_RESULTS,
        extra={
            "application/sparql-results+json": examples.SPARQL_RESULTS,
            "text/csv": "recipient\r\nhttps://w3id.org/pia-kg/id/body/全国健康保険協会\r\n",
            TURTLE: examples.TURTLE,
        },
        errors=(400, 403, 422, 503),
    )
)


@router.get("", summary="SPARQL query (GET)", description=DESCRIPTION, responses=_RESPONSES)
def sparql_get(
    request: Request,
    reader: ReaderDep,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[
        str | None, Query(max_length=100_000, description="The SPARQL query", examples=[EXAMPLE_QUERY])
    ] = None,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt or jsonld")] = None,
) -> Response:
    if "update" in request.query_params:
        raise ApiError(403, "This endpoint is read-only: SPARQL Update is refused.")
    return _answer(request, query or "", format, reader, store, settings.result_cap)


@router.post(
    "",
    summary="SPARQL query (POST)",
    description=DESCRIPTION + " POST either an `application/x-www-form-urlencoded` form with `query`, or the query "
    "itself as `application/sparql-query`.",
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"query": {"type": "string"}}},
                    "example": {"query": EXAMPLE_QUERY},
                },
                "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE_QUERY},
            }
        }
    },
)
async def sparql_post(
    request: Request,
    reader: ReaderDep,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt or jsonld")] = None,
) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise ApiError(403, "This endpoint is read-only: SPARQL Update is refused.")
    if content_type == "application/sparql-query":
        body = await request.body()
        if len(body) > 100_000:
            raise ApiError(413, "The query is longer than 100,000 bytes.")
        query = body.decode("utf-8", errors="replace")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise ApiError(403, "This endpoint is read-only: SPARQL Update is refused.")
        query = str(form.get("query") or "")
    else:
        raise ApiError(
            415,
            "POST the query as application/sparql-query or as a form field `query` "
            "(application/x-www-form-urlencoded).",
        )
    return await run_in_threadpool(_answer, request, query, format, reader, store, settings.result_cap)
