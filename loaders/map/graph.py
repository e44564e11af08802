"""A small quad builder over pyoxigraph: one named graph, no duplicates, emission order kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pyoxigraph as ox

from loaders.model import PartialDate, YearMonth
from pia_kg.namespaces import RDF, RDFS, XSD

Object = ox.NamedNode | ox.Literal

_TYPE = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")


def _xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(XSD + name)


class GraphBuilder:
    """Collects the quads of one named graph; adding a quad twice keeps one."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._graph = ox.NamedNode(graph)
        self._quads: dict[ox.Quad, None] = {}
        self._nodes: dict[str, ox.NamedNode] = {}

    def _node(self, iri: str) -> ox.NamedNode:
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = ox.NamedNode(iri)
        return node

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        self._quads[ox.Quad(self._node(subject), self._node(predicate), obj, self._graph)] = None

    def link(self, subject: str, predicate: str, target: str | None) -> None:
        """``subject predicate <target>`` (nothing when ``target`` is None)."""
        if target:
            self.add(subject, predicate, self._node(target))

    def a(self, subject: str, *classes: str) -> None:
        for cls in classes:
            self.add(subject, _TYPE.value, self._node(cls))

    def text(self, subject: str, predicate: str, value: str | None, *, lang: str | None = None) -> None:
        """A string literal; blank or missing values are left out."""
        if value is not None and value.strip():
            self.add(subject, predicate, ox.Literal(value.strip(), language=lang))

    def label(self, subject: str, value: str | None) -> None:
        """``rdfs:label`` in Japanese."""
        self.text(subject, _LABEL.value, value, lang="ja")

    def integer(self, subject: str, predicate: str, value: int | None) -> None:
        if value is not None:
            self.add(subject, predicate, ox.Literal(str(value), datatype=_xsd("integer")))

    def boolean(self, subject: str, predicate: str, value: bool | None) -> None:
        if value is not None:
            self.add(subject, predicate, ox.Literal("true" if value else "false", datatype=_xsd("boolean")))

    def date(self, subject: str, predicate: str, value: PartialDate | None) -> None:
        """``xsd:date`` for a full date, ``xsd:gYearMonth`` for a year and month."""
        if isinstance(value, YearMonth):
            self.add(subject, predicate, ox.Literal(value.isoformat(), datatype=_xsd("gYearMonth")))
        elif isinstance(value, date):
            self.add(subject, predicate, ox.Literal(value.isoformat(), datatype=_xsd("date")))

    def timestamp(self, subject: str, predicate: str, value: datetime) -> None:
        self.add(subject, predicate, ox.Literal(value.isoformat(), datatype=_xsd("dateTime")))

    def split_off(self, belongs: Callable[[ox.Quad], bool], graph: str) -> GraphBuilder:
        """Move the quads ``belongs`` accepts into a new builder for named graph ``graph`` (order kept)."""
        other = GraphBuilder(graph)
        moved = [quad for quad in self._quads if belongs(quad)]
        for quad in moved:
            del self._quads[quad]
            other._quads[ox.Quad(quad.subject, quad.predicate, quad.object, other._graph)] = None
        return other

    def __len__(self) -> int:
        return len(self._quads)

    def nquads(self) -> bytes:
        return ox.serialize(self._quads, format=ox.RdfFormat.N_QUADS) or b""
