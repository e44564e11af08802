"""Which mapped triples are reference data (stored once) and which belong to the document's own graph.

Shared nodes (laws and provisions, national bodies, systems, local governments with their assessing bodies,
departments and own systems, organisations) get the same IRI in every document that names them. Their
triples go into ONE reference graph (``IriMinter.reference_graph``), so a query over the union of graphs
meets each of them once, however many documents cite them. Everything else stays in the document's graph,
including every link from a per-document node to a shared node, and every triple that points at a
per-document node (a department's head post as one document states it): those are that document's claims,
replaced with its graph and dropped with it.
"""

from __future__ import annotations

import pyoxigraph as ox

from pia_kg.iri import IriMinter


def is_reference_triple(minter: IriMinter, quad: ox.Quad | ox.Triple) -> bool:
    """True when ``quad`` describes a shared node and names no per-document node (it goes to the reference graph)."""
    subject, obj = quad.subject, quad.object
    if not isinstance(subject, ox.NamedNode) or not minter.is_shared(subject.value):
        return False
    return not (isinstance(obj, ox.NamedNode) and minter.is_per_document(obj.value))
