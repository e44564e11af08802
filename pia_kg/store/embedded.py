"""The embedded store: pyoxigraph on disk (or in memory when no folder is given)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from pia_kg.store.formats import GRAPH_FORMATS
from pia_kg.store.port import QueryResult, Row, Term

_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def to_term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    """A pyoxigraph term as a store-neutral ``Term``."""
    if isinstance(node, ox.NamedNode):
        return Term("iri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    return Term("literal", node.value, node.datatype.value if node.datatype else None, node.language)


def _ntriples(nquads: bytes) -> str:
    """N-Triples/N-Quads as N-Triples text (graph names dropped), for an INSERT DATA block."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


class EmbeddedStore:
    """A pyoxigraph ``Store``; SPARQL queries see the union of all named graphs as default graph."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self._read_only = read_only and path is not None
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store (for benchmarks and bulk loading)."""
        return self._store

    def _query(self, query: str, default_graphs: list[str] | None = None):
        if default_graphs is not None:
            return self._store.query(query, default_graph=[ox.NamedNode(g) for g in default_graphs])
        return self._store.query(query, use_default_graph_as_union=True)

    def _solutions(self, query: str, default_graphs: list[str] | None) -> tuple[tuple[str, ...], Iterator[Row]]:
        solutions = self._query(query, default_graphs)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        rows = (
            {name: to_term(term) for name in variables if (term := solution[name]) is not None}
            for solution in solutions
        )
        return variables, rows

    def select(self, query: str, *, default_graphs: list[str] | None = None) -> QueryResult:
        variables, rows = self._solutions(query, default_graphs)
        return QueryResult(variables, list(rows))

    def rows(self, query: str) -> Iterator[Row]:
        """The rows of a SELECT one at a time, as the engine produces them."""
        return self._solutions(query, None)[1]

    def ask(self, query: str) -> bool:
        answer = self._query(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise ValueError("not an ASK query")
        return bool(answer)

    def construct(self, query: str) -> bytes:
        triples = self._query(query)
        if not isinstance(triples, ox.QueryTriples):
            raise ValueError("not a CONSTRUCT or DESCRIBE query")
        return triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b""

    def raw_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        answer = self._query(query)
        if isinstance(answer, ox.QueryTriples):
            fmt = GRAPH_FORMATS.get(media_type, ox.RdfFormat.TURTLE)
            return answer.serialize(format=fmt) or b"", fmt.media_type
        fmt = _RESULT_FORMATS.get(media_type, ox.QueryResultsFormat.JSON)
        return answer.serialize(format=fmt) or b"", fmt.media_type

    def replace_graph(self, graph: str, nquads: bytes, *, shared: bytes = b"", shared_graph: str | None = None) -> None:
        if shared and shared_graph is None:
            raise ValueError("shared triples need a shared_graph to go to")
        inserts = f"GRAPH <{graph}> {{\n{_ntriples(nquads)}\n}}"
        if shared_graph is not None:
            inserts += f"\nGRAPH <{shared_graph}> {{\n{_ntriples(shared)}\n}}"
        # One SPARQL update is one transaction: readers see the old graphs or the new ones, never half.
        self._store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ {inserts} }}")

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, update: str) -> None:
        self._store.update(update)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        fmt = GRAPH_FORMATS.get(media_type)
        if fmt is None:
            raise ValueError(f"unsupported RDF media type: {media_type}")
        if graph is not None:
            return self._store.dump(format=fmt, from_graph=ox.NamedNode(graph)) or b""
        if not fmt.supports_datasets:
            raise ValueError(f"{media_type} holds one graph; name the graph or use N-Quads/TriG")
        return self._store.dump(format=fmt) or b""

    def compact(self) -> None:
        """Compact the on-disk store (RocksDB): after a load, whole-store queries and validation run 2-3x faster."""
        if not self._read_only:
            self._store.optimize()

    def close(self) -> None:
        if not self._read_only:  # a read-only store has nothing to flush (pyoxigraph refuses)
            self._store.flush()
