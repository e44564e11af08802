"""``pia-kg``: load assessments, validate, query, export and serve the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pia_kg.settings import Settings

app = typer.Typer(
    name="pia-kg",
    help="Knowledge graph of My Number privacy impact assessments (特定個人情報保護評価書).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Folder of the embedded store (default: data/store or $PIA_KG_STORE)."),
]
EndpointOpt = Annotated[
    str | None,
    typer.Option("--endpoint", help="SPARQL 1.1 query endpoint of an existing server, instead of the embedded store."),
]
UpdateOpt = Annotated[
    str | None,
    typer.Option("--update-endpoint", help="SPARQL Update endpoint, where it differs from --endpoint."),
]
GspOpt = Annotated[
    str | None,
    typer.Option("--graph-store", help="Graph Store Protocol endpoint, where the server offers one."),
]


def settings_from(
    store: Path | None, endpoint: str | None, update_endpoint: str | None = None, graph_store: str | None = None
) -> Settings:
    """Settings from the environment, overridden by the command-line options given."""
    return Settings().with_(
        store_dir=store, endpoint=endpoint, update_endpoint=update_endpoint, graph_store_endpoint=graph_store
    )


@app.command()
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


def main() -> None:
    """Entry point for ``python -m pia_kg``."""
    app()
