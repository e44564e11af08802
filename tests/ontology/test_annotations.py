"""Every term of the ontology and every code-list concept carries the agreed annotations."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN, Namespace

from pia_kg.codelists import normalise
from pia_kg.namespaces import CODE, ONTOLOGY_IRI, PIA
from pia_kg.ontology import ontology_files

VS = Namespace("http://www.w3.org/2003/06/sw-vocab-status/ns#")
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
STATUSES = {"stable", "testing", "unstable", "archaic"}
CONTRACT_FILE = Path(__file__).with_name("contract_terms.txt")
COUNT_RANGE_SCHEMES = ["people-count", "affair-subject-count", "staff-count", "record-item-count"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def pia_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(PIA)}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("path", ontology_files(), ids=lambda p: p.name)
def test_every_ontology_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_one_ontology_header_with_metadata(graph: Graph) -> None:
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef(ONTOLOGY_IRI)]
    header = headers[0]
    assert languages(graph, header, DCTERMS.title) >= {"ja", "en"}
    for predicate in (DCTERMS.description, OWL.versionIRI, OWL.versionInfo, DCTERMS.license, DCTERMS.creator):
        assert graph.value(header, predicate) is not None, predicate
    assert str(graph.value(header, VANN.preferredNamespacePrefix)) == "pia"
    assert str(graph.value(header, VANN.preferredNamespaceUri)) == PIA


def test_contract_terms_are_kept_with_their_types(graph: Graph) -> None:
    lines = [line.split() for line in CONTRACT_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    contract = [(PIA + name.removeprefix("pia:"), kind) for name, kind in (ln for ln in lines if ln[0] != "#")]
    assert len(contract) > 150
    missing = [iri for iri, kind in contract if (URIRef(iri), RDF.type, OWL[kind.removeprefix("owl:")]) not in graph]
    assert missing == []


def test_every_pia_term_has_exactly_one_owl_type(graph: Graph) -> None:
    punned = {t: types for t in pia_terms(graph) if len(types := set(graph.objects(t, RDF.type)) & TERM_TYPES) != 1}
    assert punned == {}


def test_every_pia_iri_used_is_declared(graph: Graph) -> None:
    used = {n for triple in graph for n in triple if isinstance(n, URIRef) and str(n).startswith(PIA)}
    assert used - pia_terms(graph) == set()


def test_every_pia_term_is_labelled_defined_and_has_status(graph: Graph) -> None:
    problems = []
    for term in sorted(pia_terms(graph)):
        if not languages(graph, term, RDFS.label) >= {"ja", "en"}:
            problems.append(f"{term}: rdfs:label @ja and @en")
        if "en" not in languages(graph, term, SKOS.definition):
            problems.append(f"{term}: skos:definition @en")
        if graph.value(term, RDFS.isDefinedBy) != URIRef(ONTOLOGY_IRI):
            problems.append(f"{term}: rdfs:isDefinedBy")
        if str(graph.value(term, VS.term_status)) not in STATUSES:
            problems.append(f"{term}: vs:term_status")
    assert problems == []


def test_every_class_is_defined_in_japanese_too(graph: Graph) -> None:
    classes = {t for t in pia_terms(graph) if (t, RDF.type, OWL.Class) in graph}
    assert {c for c in classes if "ja" not in languages(graph, c, SKOS.definition)} == set()


def schemes(graph: Graph) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))


def test_every_concept_is_labelled_and_in_its_scheme(graph: Graph) -> None:
    problems = []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        scheme = graph.value(concept, SKOS.inScheme)
        if scheme is None or (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
            problems.append(f"{concept}: not in a declared scheme")
            continue
        slug = str(concept).removeprefix(str(scheme) + "/")
        if not str(concept).startswith(str(scheme) + "/") or not SLUG.match(slug):
            problems.append(f"{concept}: IRI is not {scheme}/<ascii slug>")
        if not languages(graph, concept, SKOS.prefLabel) >= {"ja", "en"}:
            problems.append(f"{concept}: skos:prefLabel @ja and @en")
        if (scheme, SKOS.hasTopConcept, concept) not in graph or (concept, SKOS.topConceptOf, scheme) not in graph:
            problems.append(f"{concept}: top concept links")
    assert problems == []


def test_scheme_iris_and_labels(graph: Graph) -> None:
    assert len(schemes(graph)) >= 20
    for scheme in schemes(graph):
        assert str(scheme).startswith(CODE) and SLUG.match(str(scheme).removeprefix(CODE)), scheme
        assert languages(graph, scheme, SKOS.prefLabel) >= {"ja", "en"}, scheme


def test_labels_and_notations_are_unambiguous_within_a_scheme(graph: Graph) -> None:
    for scheme in schemes(graph):
        seen: dict[str, URIRef] = {}
        for concept in graph.subjects(SKOS.inScheme, scheme):
            keys = [
                ("label", normalise(str(label)))
                for predicate in (SKOS.prefLabel, SKOS.altLabel)
                for label in graph.objects(concept, predicate)
            ] + [("notation", normalise(str(n))) for n in graph.objects(concept, SKOS.notation)]
            for key in set(keys):
                assert seen.setdefault(str(key), concept) == concept, f"{scheme}: {key} on two concepts"


@pytest.mark.parametrize("scheme", COUNT_RANGE_SCHEMES)
def test_count_ranges_have_contiguous_numeric_bounds(graph: Graph, scheme: str) -> None:
    concepts = list(graph.subjects(SKOS.inScheme, URIRef(CODE + scheme)))
    bounds = sorted(
        (graph.value(c, URIRef(PIA + "lowerBound")).toPython(), graph.value(c, URIRef(PIA + "upperBound")))
        for c in concepts
    )
    assert bounds[0][0] == 0
    for (_, upper), (next_lower, _) in itertools.pairwise(bounds):
        assert upper is not None and upper.toPython() == next_lower
    assert bounds[-1][1] is None  # the last range is open above


@pytest.mark.parametrize("scheme", COUNT_RANGE_SCHEMES)
def test_count_range_labels_agree_with_bounds(graph: Graph, scheme: str) -> None:
    """「1万人以上10万人未満」 must say what pia:lowerBound / pia:upperBound say."""
    for concept in graph.subjects(SKOS.inScheme, URIRef(CODE + scheme)):
        label = next(str(x) for x in graph.objects(concept, SKOS.prefLabel) if x.language == "ja")
        lower = graph.value(concept, URIRef(PIA + "lowerBound")).toPython()
        upper = graph.value(concept, URIRef(PIA + "upperBound"))
        numbers = [japanese_number(n, unit) for n, unit in re.findall(r"([\d,]+)(万)?", label)]
        expected = ([lower] if lower else []) + ([upper.toPython()] if upper is not None else [])
        assert numbers == expected, label


def japanese_number(digits: str, man: str) -> int:
    return int(digits.replace(",", "")) * (10_000 if man else 1)


PRINTED_SCHEMES = [
    "people-count",
    "affair-subject-count",
    "staff-count",
    "record-item-count",
    "file-type",
    "file-scope",
    "record-item-category",
    "acquisition-source",
    "method",
    "rating",
    "threshold-result",
]


@pytest.mark.parametrize("scheme", PRINTED_SCHEMES)
def test_option_labels_are_what_the_documents_print(graph: Graph, corpus_texts: dict[str, str], scheme: str) -> None:
    corpus = normalise("".join(corpus_texts.values()).replace("&lt;", "<").replace("&gt;", ">"))
    unprinted = [
        str(label)
        for concept in graph.subjects(SKOS.inScheme, URIRef(CODE + scheme))
        for label in graph.objects(concept, SKOS.prefLabel)
        if label.language == "ja" and normalise(str(label)) not in corpus
    ]
    assert unprinted == []
