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
_NT = ox.RdfFormat.N_TRIPLES
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# The reference triples of the shared nodes one assessment graph names, and of the nodes those lead to
# (a provision's pia:partOf chain and law, a department's local government), following any predicate.
_REFERENCED = """CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      GRAPH <{graph}> {{ {{ ?x ?y ?named }} UNION {{ ?named ?y ?x }} FILTER(isIRI(?named)) }}
      GRAPH <{reference}> {{ ?named (!<urn:pia-kg:no-predicate>)* ?s }}
  }} }}
  GRAPH <{reference}> {{ ?s ?p ?o }}
}}"""


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


def assessment_quads(store: GraphStore, graph: str, reference_graph: str) -> list[ox.Quad]:
    """One assessment graph made self-contained: its quads, plus (in ``reference_graph``) the reference
    triples of the shared nodes it names and of the nodes they lead to."""
    name, reference = ox.NamedNode(graph), ox.NamedNode(reference_graph)
    own = ox.parse(store.dump(ox.RdfFormat.N_TRIPLES.media_type, graph), format=ox.RdfFormat.N_TRIPLES)
    quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in own]
    if reference_graph in store.graphs():
        shared = store.construct(_REFERENCED.format(graph=graph, reference=reference_graph))
        quads += [ox.Quad(t.subject, t.predicate, t.object, reference) for t in ox.parse(shared, format=_NT)]
    return quads


def export_bytes(
    store: GraphStore, fmt: ExportFormat, *, base_iri: str, graph: str | None = None, reference_graph: str | None = None
) -> bytes:
    """N-Quads/TriG: the whole dataset (or ``graph`` with its name); other formats: ``graph`` or the union.

    ``graph`` comes with the reference triples of the shared nodes it names (in ``reference_graph``, default
    the reference graph of ``base_iri``), so one assessment exported alone is self-contained.
    """
    rdf_format = _RDF_FORMAT[fmt]
    prefixes = {"id": base_iri, **PREFIXES}
    if graph is None:
        if fmt in _DATASET_FORMATS:
            return store.dump(rdf_format.media_type)
        data = store.construct(_UNION)
        if fmt is ExportFormat.nt:
            return data
        return ox.serialize(ox.parse(data, format=_NT), format=rdf_format, prefixes=prefixes) or b""
    quads = assessment_quads(store, graph, reference_graph or IriMinter(base_iri).reference_graph)
    if fmt in _DATASET_FORMATS:
        return ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""
    triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return ox.serialize(triples, format=rdf_format, **({} if fmt is ExportFormat.nt else {"prefixes": prefixes})) or b""


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
