"""``pia-kg serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from


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
    uvicorn.run(create_app(settings), host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(serve)
