"""A remote store: any SPARQL 1.1 server behind the same ``GraphStore`` port.

Queries go through SPARQLWrapper (SPARQL 1.1 Protocol, POST, content negotiation only); updates go
through SPARQL 1.1 Update; a graph is replaced in ONE request, so readers never see half a graph:
either ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } GRAPH <ref> { ... } }`` as one update
(always when shared triples go to a second graph), or a Graph Store Protocol ``PUT`` of the one graph
when a graph-store URL is given.

The server must answer queries over the union of its named graphs as the default graph, as the
embedded store does (Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph``).
"""

from __future__ import annotations

import ast
import json
import re
import socket
import urllib.error
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from pia_kg.store.formats import GRAPH_FORMATS
from pia_kg.store.port import QueryResult, Row, Term

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]*$")


def _ntriples(nquads: bytes) -> bytes:
    """N-Triples/N-Quads as N-Triples (graph names dropped)."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


class RemoteQueryError(SyntaxError):
    """The server refused the query as malformed (HTTP 400)."""


class RemoteStoreError(RuntimeError):
    """The server could not be reached or failed."""


def _graph_iri(graph: str) -> str:
    if not _IRI.match(graph):
        raise ValueError(f"not an absolute IRI: {graph!r}")
    return graph


def _server_message(error: Exception) -> str:
    """The server's own words from a SPARQLWrapper error (its last line, a bytes literal, decoded)."""
    lines = str(error).strip().splitlines()
    message = lines[-1] if lines else "malformed query"
    if message.startswith(("b'", 'b"')):
        message = ast.literal_eval(message).decode("utf-8", errors="replace")
    return message


def _term(binding: dict[str, str]) -> Term:
    """A SPARQL 1.1 JSON results binding as a store-neutral ``Term``."""
    kind = binding["type"]
    if kind == "uri":
        return Term("iri", binding["value"])
    if kind == "bnode":
        return Term("bnode", binding["value"])
    language = binding.get("xml:lang")
    datatype = binding.get("datatype")
    if language is not None:
        datatype = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    elif datatype is None:
        datatype = "http://www.w3.org/2001/XMLSchema#string"
    return Term("literal", binding["value"], datatype, language)


def _ox_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term.kind == "iri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.language:
        return ox.Literal(term.value, language=term.language)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


class RemoteStore:
    """A SPARQL 1.1 server (query, update and optionally Graph Store Protocol endpoints)."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        graph_store_endpoint: str | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph_store_endpoint = graph_store_endpoint
        self.timeout_s = timeout_s
        self._http = httpx.Client(timeout=timeout_s)

    # ------------------------------------------------------------------ queries
    def _send(
        self, query: str, accept: str, *, json: bool = False, default_graphs: list[str] | None = None
    ) -> tuple[bytes, str]:
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setQuery(query)
        for graph in default_graphs or ():
            wrapper.addDefaultGraph(graph)  # SPARQL Protocol default-graph-uri
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(max(1, round(self.timeout_s)))
        if json:
            wrapper.setReturnFormat(JSON)
        wrapper.addCustomHttpHeader("Accept", accept)
        try:
            response = wrapper.query().response
            return response.read(), response.headers.get("Content-Type", accept).split(";")[0].strip()
        except QueryBadFormed as error:
            raise RemoteQueryError(_server_message(error)) from None
        except TimeoutError as error:
            raise TimeoutError(f"the SPARQL server did not answer within {self.timeout_s} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise TimeoutError(f"the SPARQL server did not answer within {self.timeout_s} s") from error
            raise RemoteStoreError(f"cannot reach the SPARQL server at {self.endpoint}: {error.reason}") from error
        except SPARQLWrapperException as error:
            raise RemoteStoreError(f"the SPARQL server failed: {error}") from error

    def _json(self, query: str, default_graphs: list[str] | None = None) -> dict:
        body, _ = self._send(query, "application/sparql-results+json", json=True, default_graphs=default_graphs)
        try:
            return json.loads(body)
        except ValueError as error:
            # Oxigraph streams results: a query that outlives the server's --timeout-s ends a 200 answer
            # mid-body with "The SPARQL operation has been cancelled".
            if body.rstrip().endswith(b"has been cancelled"):
                raise TimeoutError("the SPARQL server cancelled the query at its own timeout (--timeout-s)") from None
            raise RemoteStoreError(f"the SPARQL server sent an unreadable answer: {error}") from None

    def select(self, query: str, *, default_graphs: list[str] | None = None) -> QueryResult:
        answer = self._json(query, default_graphs)
        if "results" not in answer:
            raise ValueError("not a SELECT query")
        variables = tuple(answer["head"].get("vars", []))
        rows: list[Row] = [{k: _term(v) for k, v in b.items()} for b in answer["results"]["bindings"]]
        return QueryResult(variables, rows)

    def rows(self, query: str) -> Iterator[Row]:
        """The rows of a SELECT one at a time (converted as they are read from the parsed answer)."""
        answer = self._json(query)
        if "results" not in answer:
            raise ValueError("not a SELECT query")
        return ({k: _term(v) for k, v in b.items()} for b in answer["results"]["bindings"])

    def ask(self, query: str) -> bool:
        answer = self._json(query)
        if "boolean" not in answer:
            raise ValueError("not an ASK query")
        return bool(answer["boolean"])

    def construct(self, query: str) -> bytes:
        body, media_type = self._send(query, "application/n-triples")
        if media_type not in ("application/n-triples", "text/plain"):
            raise ValueError("not a CONSTRUCT or DESCRIBE query")
        return body

    def raw_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        return self._send(query, media_type)

    # ------------------------------------------------------------------ updates
    def _update(self, update: str) -> None:
        try:
            response = self._http.post(
                self.update_endpoint,
                content=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )
        except httpx.HTTPError as error:
            raise RemoteStoreError(
                f"cannot reach the SPARQL update endpoint {self.update_endpoint}: {error}"
            ) from error
        if response.status_code >= 400:
            raise RemoteStoreError(f"the SPARQL update failed ({response.status_code}): {response.text[:500]}")

    def replace_graph(self, graph: str, nquads: bytes, *, shared: bytes = b"", shared_graph: str | None = None) -> None:
        graph = _graph_iri(graph)
        if shared and shared_graph is None:
            raise ValueError("shared triples need a shared_graph to go to")
        triples = _ntriples(nquads)
        if self.graph_store_endpoint and shared_graph is None:
            try:
                response = self._http.put(
                    self.graph_store_endpoint,
                    params={"graph": graph},
                    content=triples,
                    headers={"Content-Type": "application/n-triples"},
                )
            except httpx.HTTPError as error:
                raise RemoteStoreError(f"cannot reach the graph store {self.graph_store_endpoint}: {error}") from error
            if response.status_code >= 400:
                raise RemoteStoreError(f"graph store PUT failed ({response.status_code}): {response.text[:500]}")
            return
        # Two graphs in one transaction need one SPARQL update (a Graph Store PUT writes one graph).
        inserts = f"GRAPH <{graph}> {{\n{triples.decode('utf-8')}\n}}"
        if shared_graph is not None:
            inserts += f"\nGRAPH <{_graph_iri(shared_graph)}> {{\n{_ntriples(shared).decode('utf-8')}\n}}"
        self._update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ {inserts} }}")

    def drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{_graph_iri(graph)}>")

    def update(self, update: str) -> None:
        self._update(update)

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(r["g"].value for r in rows if r["g"].kind == "iri")

    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        fmt = GRAPH_FORMATS.get(media_type)
        if fmt is None:
            raise ValueError(f"unsupported RDF media type: {media_type}")
        if graph is not None:
            rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{_graph_iri(graph)}> {{ ?s ?p ?o }} }}").rows
            triples = (ox.Triple(_ox_term(r["s"]), _ox_term(r["p"]), _ox_term(r["o"])) for r in rows)
            return ox.serialize(triples, format=fmt) or b""
        if not fmt.supports_datasets:
            raise ValueError(f"{media_type} holds one graph; name the graph or use N-Quads/TriG")
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        quads = (ox.Quad(_ox_term(r["s"]), _ox_term(r["p"]), _ox_term(r["o"]), _ox_term(r["g"])) for r in rows)
        return ox.serialize(quads, format=fmt) or b""

    def compact(self) -> None:
        """Nothing to do: a SPARQL server manages its own storage."""

    def close(self) -> None:
        self._http.close()
