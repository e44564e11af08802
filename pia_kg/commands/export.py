"""``pia-kg export``: dump the store (or one assessment graph) as RDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from
from pia_kg.iri import IriMinter
from pia_kg.store import open_store
from pia_kg.store.export import ExportFormat, export_bytes


def format_for(path: Path) -> ExportFormat:
    """The export format a file name asks for (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``/``.json``)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "json":
        return ExportFormat.jsonld
    try:
        return ExportFormat(suffix)
    except ValueError:
        raise typer.BadParameter(
            f"unknown RDF file type {path.suffix!r}: use .ttl, .nt, .nq, .trig or .jsonld"
        ) from None


def export(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="RDF format (default: from the --out file name, else nq)."),
    ] = None,
    assessment: Annotated[
        str | None,
        typer.Option("--assessment", "-a", help="Only this assessment version (its id, e.g. 川崎市-61-2025-06-06)."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Instance IRI base the graph was loaded with.")
    ] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
    graph_store: GspOpt = None,
) -> None:
    """Export the graph as RDF.

    N-Quads and TriG hold the whole dataset with its named graphs (one per assessment version, the reference
    graph of shared nodes, the ontology); Turtle, N-Triples and JSON-LD hold the union. With --assessment:
    that assessment's graph plus the reference triples of the laws, provisions, bodies and systems it names.

    Examples:

      pia-kg export --out graph.trig

      pia-kg export --format ttl --assessment 川崎市-61-2025-06-06 > kawasaki.ttl
    """
    fmt = fmt or (format_for(out) if out is not None else ExportFormat.nq)
    settings = settings_from(store, endpoint, update_endpoint, graph_store).with_(base_iri=base_iri)
    minter = IriMinter(settings.base_iri)
    graph_store_ = open_store(settings, read_only=True)
    try:
        graph = minter.graph(assessment) if assessment else None
        if graph is not None and graph not in graph_store_.graphs():
            raise typer.BadParameter(f"no assessment {assessment!r} in the store", param_hint="--assessment")
        data = export_bytes(graph_store_, fmt, base_iri=minter.base, graph=graph)
    finally:
        graph_store_.close()
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        typer.echo(f"wrote {out} ({len(data):,} bytes)", err=True)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(export)
