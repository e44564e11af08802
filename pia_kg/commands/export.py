"""``pia-kg export``: dump the store (or one assessment graph) as RDF."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer

from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from
from pia_kg.iri import IriMinter
from pia_kg.namespaces import PREFIXES
from pia_kg.store import GraphStore, open_store


class ExportFormat(StrEnum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"


_RDF_FORMAT = {
    ExportFormat.ttl: ox.RdfFormat.TURTLE,
    ExportFormat.nt: ox.RdfFormat.N_TRIPLES,
    ExportFormat.nq: ox.RdfFormat.N_QUADS,
    ExportFormat.trig: ox.RdfFormat.TRIG,
    ExportFormat.jsonld: ox.RdfFormat.JSON_LD,
}
_DATASET_FORMATS = (ExportFormat.nq, ExportFormat.trig)
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


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


def export_bytes(store: GraphStore, fmt: ExportFormat, *, base_iri: str, graph: str | None = None) -> bytes:
    """N-Quads/TriG: the whole dataset (or ``graph`` with its name); other formats: ``graph`` or the union."""
    rdf_format = _RDF_FORMAT[fmt]
    prefixes = {"id": base_iri, **PREFIXES}
    if fmt in _DATASET_FORMATS:
        if graph is None:
            return store.dump(rdf_format.media_type)
        name = ox.NamedNode(graph)
        triples = ox.parse(store.dump(ox.RdfFormat.N_TRIPLES.media_type, graph), format=ox.RdfFormat.N_TRIPLES)
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        return ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""
    data = store.dump(ox.RdfFormat.N_TRIPLES.media_type, graph) if graph else store.construct(_UNION)
    if fmt is ExportFormat.nt:
        return data
    return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=rdf_format, prefixes=prefixes) or b""


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

    N-Quads and TriG hold the whole dataset with its named graphs (one per assessment version, plus the
    ontology); Turtle, N-Triples and JSON-LD hold one assessment's graph (--assessment) or the union.

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
