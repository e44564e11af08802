"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import errors, examples
from api.reader import GraphReader
from api.responses import JSONResponse
from api.routers import (
    assessments,
    flows,
    legal_bases,
    organizations,
    pages,
    queries,
    recipients,
    sparql,
    systems,
    validation,
)
from pia_kg.iri import IriMinter
from pia_kg.queries import catalogue
from pia_kg.settings import Settings
from pia_kg.store import GraphStore, open_store

DocumentLoader = Callable[[GraphStore, Sequence[Path]], list[dict[str, Any]]]
"""Loads documents into the store and reports on each (``file``, ``status``, ``assessment_id``, ``error`` ...).
The CLI injects the loaders' pipeline here; the ``api`` package never imports ``loaders``."""

DESCRIPTION = """Legal bases and data flows of Japan's My Number privacy impact assessments (特定個人情報保護評価書).

Ask who receives an affair's data (`/recipients?affair=介護保険`), list flows by legal table item
(`/flows?table_item=131`), read one assessment (`/assessments/{id}`), run the named queries (`/queries`)
or any read-only SPARQL (`/sparql`). JSON by default; `Accept: text/csv` (or `format=csv`) for tables;
`text/turtle` / `application/ld+json` for an assessment's graph. Every error is JSON with a message."""


@asynccontextmanager
async def _index_in_background(app: FastAPI) -> AsyncIterator[None]:
    """Start indexing the graph (and answering the named queries' examples) as the server starts, so the first
    request does not wait; stop at shutdown."""
    app.state.reader.start()
    yield
    app.state.reader.stop()


def create_app(
    settings: Settings | None = None, *, store: GraphStore | None = None, loader: DocumentLoader | None = None
) -> FastAPI:
    """Build the API over the store the settings point at (or ``store``); ``loader`` enables uploads."""
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_index_in_background,
        default_response_class=JSONResponse,
        title="pia-kg API",
        summary="Legal bases and data flows of My Number privacy impact assessments (特定個人情報保護評価書)",
        description=DESCRIPTION,
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings, read_only=False)
    app.state.loader = loader
    app.state.reader = GraphReader(
        app.state.store,
        catalogue(settings.queries_dir),
        IriMinter(settings.base_iri),
        settings.query_timeout_s,
        refresh_s=settings.index_refresh_s,
        snapshots=settings.index_snapshots if store is None else None,  # a store handed in is the caller's
        result_cap=settings.result_cap,
        answer_cache_bytes=settings.answer_cache_mib * 2**20,
        warm=settings.warm_answers,
    )
    errors.install(app)

    @app.get(
        "/health",
        tags=["service"],
        summary="Liveness and the number of graphs loaded",
        responses=examples.responses({"status": "ok", "graphs": 5}, errors=()),
    )
    def health() -> dict[str, object]:
        return {"status": "ok", "graphs": len(app.state.store.graphs())}

    routers = (assessments, flows, recipients, legal_bases, organizations, systems, queries, sparql, validation, pages)
    for module in routers:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "static"), name="static")
    return app
