"""Options shared by every subcommand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pia_kg.settings import Settings

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
