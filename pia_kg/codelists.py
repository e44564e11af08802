"""Code lists (SKOS concept schemes in ``ontology/codelists.ttl``): find the concept for an option text.

Option texts arrive in many spellings: full-width digits, full-width or Japanese brackets, stray spaces,
「〜」/「～」, leading option numbers such as 「2)」 and surrounding 「[ ]」. :func:`normalise` folds these so
that the text printed on a form meets the labels of its concept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from pia_kg.namespaces import CODE, PIA

CODELISTS_FILE = Path(__file__).resolve().parent.parent / "ontology" / "codelists.ttl"
MATCH_KEYWORD = URIRef(PIA + "matchKeyword")

_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")"})  # NFKC already folds （）［］
_TILDES = re.compile("[~〜～∼]")
_SPACES = re.compile(r"\s+")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
_OPTION_NUMBER = re.compile(r"^\(?\d+\)\s*")


def normalise(text: str) -> str:
    """Fold width, brackets, tildes, digit separators and spaces; drop enclosing [ ] (even unbalanced) and 「N)」."""
    folded = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    folded = _TILDES.sub("~", folded)
    folded = _DIGIT_COMMA.sub("", folded)
    folded = _SPACES.sub("", folded).lstrip("[").rstrip("]")
    return _OPTION_NUMBER.sub("", folded)


@dataclass(frozen=True)
class _Scheme:
    """Lookup tables of one concept scheme."""

    by_label: dict[str, str]
    by_notation: dict[str, str]
    keywords: tuple[tuple[str, str], ...]  # (normalised keyword, concept IRI)


def scheme_iri(scheme: str) -> str:
    """The IRI of a scheme given its slug (e.g. ``people-count``)."""
    return CODE + scheme


@cache
def _graph(path: Path = CODELISTS_FILE) -> Graph:
    return Graph().parse(path, format="turtle")


@cache
def _scheme(scheme: str) -> _Scheme:
    graph = _graph()
    scheme_node = URIRef(scheme_iri(scheme))
    if (scheme_node, RDF.type, SKOS.ConceptScheme) not in graph:
        raise KeyError(f"unknown code list: {scheme}")
    by_label: dict[str, str] = {}
    by_notation: dict[str, str] = {}
    keywords: list[tuple[str, str]] = []
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme_node)):
        iri = str(concept)
        by_label.setdefault(normalise(iri.rsplit("/", 1)[1]), iri)
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in _strings(graph.objects(concept, predicate)):
                by_label.setdefault(normalise(label), iri)
        for notation in _strings(graph.objects(concept, SKOS.notation)):
            by_notation[normalise(notation)] = iri
        for keyword in _strings(graph.objects(concept, MATCH_KEYWORD)):
            keywords.append((normalise(keyword), iri))
    return _Scheme(by_label, by_notation, tuple(keywords))


def _strings(nodes: Iterable[object]) -> list[str]:
    return [str(node) for node in nodes if isinstance(node, Literal)]


def concept_for(scheme: str, text: str) -> str | None:
    """The IRI of the concept of ``scheme`` whose label, slug or notation equals ``text`` once normalised."""
    tables = _scheme(scheme)
    key = normalise(text)
    if not key:
        return None
    return tables.by_label.get(key) or tables.by_notation.get(key)


def affair_categories(affair_name: str) -> list[str]:
    """Concept IRIs of ``affair-category`` whose keywords occur in ``affair_name``, in order of appearance.

    A keyword found inside a longer keyword's match is ignored, so 「特別児童扶養手当」 does not also count as
    「児童扶養手当」 and 「妊婦健康診査」 does not also count as 「健康診査」.
    """
    name = normalise(affair_name)
    matches = [
        (start, start + len(keyword), iri)
        for keyword, iri in _scheme("affair-category").keywords
        for start in _occurrences(name, keyword)
    ]
    kept = [m for m in matches if not any(_strictly_inside(m, other) for other in matches)]
    ordered: list[str] = []
    for _start, _end, iri in sorted(kept):
        if iri not in ordered:
            ordered.append(iri)
    return ordered


def _occurrences(text: str, keyword: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(keyword), text)] if keyword else []


def _strictly_inside(match: tuple[int, int, str], other: tuple[int, int, str]) -> bool:
    start, end, _ = match
    other_start, other_end, _ = other
    return other_start <= start and end <= other_end and (other_end - other_start) > (end - start)
