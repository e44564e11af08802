"""The ontology uses only external IRIs that were verified against their vocabularies (external_terms.txt)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib import namespace as shipped

VERIFIED_FILE = Path(__file__).with_name("external_terms.txt")
OWN_NAMESPACE = "https://w3id.org/pia-kg/"
SHIPPED_VOCABULARIES = ["RDF", "RDFS", "OWL", "XSD", "SKOS", "DCTERMS", "DCAM", "PROV", "ORG", "VANN"]
HAND_VERIFIED_SOURCES = ("[dpv-owl]", "[dpv]", "[eli]", "the project's licence")


def verified_terms() -> dict[str, str]:
    """IRI -> where it was verified, from the committed fixture."""
    entries = {}
    for line in VERIFIED_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            iri, _, source = line.partition(" ")
            entries[iri] = source.strip()
    return entries


def external_iris(graph: Graph) -> set[str]:
    return {
        str(n) for triple in graph for n in triple if isinstance(n, URIRef) and not str(n).startswith(OWN_NAMESPACE)
    }


def test_every_external_iri_is_verified(graph: Graph) -> None:
    assert external_iris(graph) - verified_terms().keys() == set()


def test_every_verified_entry_is_still_used(graph: Graph) -> None:
    assert verified_terms().keys() - external_iris(graph) == set()


def test_every_entry_names_its_source() -> None:
    assert all(source for source in verified_terms().values())


def shipped_vocabulary_of(iri: str) -> type[shipped.DefinedNamespace] | None:
    vocabularies = [getattr(shipped, name) for name in SHIPPED_VOCABULARIES]
    return next((ns for ns in vocabularies if iri.startswith(str(ns._NS))), None)


def test_terms_exist_in_the_vocabularies_rdflib_ships() -> None:
    """rdflib ships these vocabularies as strict DefinedNamespaces generated from the official files."""
    checked = {iri: ns for iri in verified_terms() if (ns := shipped_vocabulary_of(iri)) is not None}
    assert len(checked) > 50
    assert [iri for iri, ns in checked.items() if iri not in ns] == []


def test_terms_without_a_shipped_vocabulary_cite_a_hand_verified_source() -> None:
    unchecked = {iri: source for iri, source in verified_terms().items() if shipped_vocabulary_of(iri) is None}
    assert {iri for iri, source in unchecked.items() if not source.startswith(HAND_VERIFIED_SOURCES)} == set()
