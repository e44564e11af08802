"""HermiT finds the ontology and code lists consistent and every class satisfiable.

owlready2 cannot read Turtle, so the graph is written as N-Triples into a temporary folder and loaded into a fresh
owlready2 World; nothing is fetched over the network (external terms are declared in ontology/modules/external.ttl).
The negative tests prove the harness notices an unsatisfiable class and an inconsistent ontology.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from pia_kg.namespaces import PIA

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java on the PATH"),
]


def unsatisfiable_classes(graph: Graph, folder: Path) -> list[str]:
    """IRIs of the classes HermiT proves empty; raises OwlReadyInconsistentOntologyError if inconsistent."""
    path = folder / "ontology.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return sorted(cls.iri for cls in world.inconsistent_classes() if cls.iri != str(OWL.Nothing))


def test_ontology_is_consistent_and_every_class_satisfiable(graph: Graph, tmp_path: Path) -> None:
    assert unsatisfiable_classes(graph, tmp_path) == []


def test_reasoner_reports_an_unsatisfiable_class(graph: Graph, tmp_path: Path) -> None:
    broken = Graph() + graph
    both = URIRef(PIA + "ProvisionAndTransfer")
    broken.add((both, RDF.type, OWL.Class))
    broken.add((both, RDFS.subClassOf, URIRef(PIA + "DataProvision")))
    broken.add((both, RDFS.subClassOf, URIRef(PIA + "DataTransfer")))
    assert unsatisfiable_classes(broken, tmp_path) == [str(both)]


def test_reasoner_reports_an_inconsistent_ontology(graph: Graph, tmp_path: Path) -> None:
    broken = Graph() + graph
    thing = URIRef("https://w3id.org/pia-kg/id/test/law-and-provision")
    broken.add((thing, RDF.type, OWL.NamedIndividual))
    broken.add((thing, RDF.type, URIRef(PIA + "Law")))
    broken.add((thing, RDF.type, URIRef(PIA + "LegalProvision")))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        unsatisfiable_classes(broken, tmp_path)
