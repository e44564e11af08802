"""RDF exports of the store: the whole dataset, the union graph, or one assessment made self-contained."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox

from pia_kg.iri import IriMinter
from pia_kg.namespaces import PREFIXES
from pia_kg.store.port import GraphStore


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
