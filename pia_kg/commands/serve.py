"""``pia-kg serve``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from
from pia_kg.iri import IriMinter
from pia_kg.settings import Settings
from pia_kg.store import GraphStore


def serve(
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
    graph_store: GspOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API, the SPARQL endpoint and the pages (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app

    settings = settings_from(store, endpoint, update_endpoint, graph_store)
    uvicorn.run(create_app(settings, loader=_pipeline_loader(settings)), host=host, port=port)


def _pipeline_loader(settings: Settings):
    """The loaders' pipeline as the API's document loader (the api package never imports loaders)."""

    def load(store: GraphStore, paths: Sequence[Path]) -> list[dict[str, object]]:
        from loaders.pipeline import Pipeline

        report = Pipeline(store, IriMinter(settings.base_iri)).run(paths)
        return [
            {
                "file": d.name,
                "status": d.status,
                "assessment_id": d.assessment_id,
                "error": d.error,
                "warnings": len(d.warnings),
            }
            for d in report.documents
        ]

    return load


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(serve)
