"""The interface every store implements, and store-neutral result terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


@dataclass(frozen=True)
class Term:
    """An RDF term in a query result, independent of the store that produced it."""

    kind: Literal["iri", "literal", "bnode"]
    value: str
    datatype: str | None = None
    language: str | None = None

    def py(self) -> str | int | float | bool:
        """The term as a plain Python value (IRIs and strings as ``str``)."""
        if self.kind == "literal" and self.datatype:
            if self.datatype in _INTEGER_TYPES:
                return int(self.value)
            if self.datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(self.value)
            if self.datatype == XSD + "boolean":
                return self.value in ("true", "1")
        return self.value


Row = dict[str, Term]


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT: variable names in order and one dict per solution (unbound vars absent)."""

    variables: tuple[str, ...]
    rows: list[Row]


class GraphStore(Protocol):
    """What the loaders, the API and validation need from a quad store."""

    def select(self, query: str, *, default_graphs: list[str] | None = None) -> QueryResult:
        """Run a SELECT; ``default_graphs`` (named graph IRIs) replaces the union of all graphs as default graph."""
        ...

    def rows(self, query: str) -> Iterator[Row]:
        """The rows of a SELECT over the union of all graphs, one at a time (whole-store reads need not hold them
        all at once)."""
        ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> bytes:
        """Run a CONSTRUCT/DESCRIBE query; the graph as N-Triples."""
        ...

    def raw_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        """Run any read query and serialise the answer in ``media_type`` (SPARQL Protocol)."""
        ...

    def replace_graph(self, graph: str, nquads: bytes, *, shared: bytes = b"", shared_graph: str | None = None) -> None:
        """Atomically replace named graph ``graph`` with the N-Triples/N-Quads given.

        ``shared`` (N-Triples/N-Quads) is added to named graph ``shared_graph`` in the same transaction
        (triples already there stay once): readers see both changes or neither.
        """
        ...

    def drop_graph(self, graph: str) -> None: ...

    def update(self, update: str) -> None:
        """Run one SPARQL 1.1 Update request (one transaction), e.g. a maintenance ``DELETE ... WHERE``."""
        ...

    def graphs(self) -> list[str]: ...

    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        """Serialise the whole dataset (or one graph) in an RDF media type."""
        ...

    def compact(self) -> None:
        """Reorganise storage after a large load so that queries read it fast (no-op where the server does it)."""
        ...

    def close(self) -> None: ...
