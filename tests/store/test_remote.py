"""The remote store against a real Oxigraph server gives what the embedded store gives."""

from __future__ import annotations

import pytest

from pia_kg.store.embedded import EmbeddedStore
from pia_kg.store.remote import RemoteQueryError, RemoteStore, RemoteStoreError

pytestmark = pytest.mark.server

G = "https://example.org/graph/一"
H = "https://example.org/graph/two"
DATA = (
    b'<https://e/a> <https://e/p> "\xe4\xbb\x8b\xe8\xad\xb7"@ja .\n'
    b'<https://e/a> <https://e/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    b'<https://e/b> <https://e/p> "plain" .\n'
)


@pytest.fixture(params=["update", "graph-store"])
def remote(request: pytest.FixtureRequest, oxigraph_server) -> RemoteStore:
    oxigraph_server.clear()
    store = RemoteStore(
        oxigraph_server.query,
        update_endpoint=oxigraph_server.update,
        graph_store_endpoint=oxigraph_server.graph_store if request.param == "graph-store" else None,
    )
    yield store
    store.close()


def test_replace_graph_replaces_the_whole_graph(remote: RemoteStore) -> None:
    remote.replace_graph(G, DATA)
    remote.replace_graph(G, b'<https://e/c> <https://e/p> "3" .\n')
    rows = remote.select("SELECT ?s WHERE { ?s <https://e/p> ?o }").rows
    assert [r["s"].value for r in rows] == ["https://e/c"]
    assert remote.graphs() == [G]


def test_queries_see_the_union_of_graphs_like_the_embedded_store(remote: RemoteStore) -> None:
    embedded = EmbeddedStore(None)
    for store in (remote, embedded):
        store.replace_graph(G, DATA)
        store.replace_graph(H, b'<https://e/z> <https://e/p> "z" .\n')
    query = "SELECT ?s ?o WHERE { ?s <https://e/p> ?o } ORDER BY ?s"
    assert remote.select(query) == embedded.select(query)
    assert remote.ask("ASK { <https://e/a> <https://e/n> 42 }") is True
    assert remote.select("SELECT ?n WHERE { ?s <https://e/n> ?n }").rows[0]["n"].py() == 42
    assert sorted(remote.construct("CONSTRUCT WHERE { ?s <https://e/n> ?o }").splitlines()) == sorted(
        embedded.construct("CONSTRUCT WHERE { ?s <https://e/n> ?o }").splitlines()
    )
    assert remote.graphs() == embedded.graphs() == sorted([G, H])


def test_drop_graph_and_dump(remote: RemoteStore) -> None:
    remote.replace_graph(G, DATA)
    remote.replace_graph(H, b'<https://e/z> <https://e/p> "z" .\n')
    assert b"https://e/a" in remote.dump("text/turtle", G)
    assert b"https://e/z" not in remote.dump("text/turtle", G)
    assert remote.dump("application/n-quads").count(b"\n") == 4
    remote.drop_graph(H)
    assert remote.graphs() == [G]


def test_raw_query_negotiates_the_format(remote: RemoteStore) -> None:
    remote.replace_graph(G, DATA)
    body, media_type = remote.raw_query("SELECT ?s WHERE { ?s <https://e/n> ?o }", "text/csv")
    assert media_type == "text/csv"
    assert body.decode().splitlines() == ["s", "https://e/a"]


def test_malformed_query_and_unreachable_server_raise_clear_errors(remote: RemoteStore) -> None:
    with pytest.raises(RemoteQueryError):
        remote.select("SELECT WHERE {")
    with pytest.raises(RemoteStoreError):
        RemoteStore("http://127.0.0.1:9/query", timeout_s=2).select("SELECT * WHERE { ?s ?p ?o }")


def test_graph_iris_are_validated(remote: RemoteStore) -> None:
    with pytest.raises(ValueError):
        remote.replace_graph("https://e/g> } ; DROP ALL ; INSERT DATA { GRAPH <https://e/x", DATA)


def test_replace_graph_with_shared_triples_writes_both_graphs_at_once(remote: RemoteStore) -> None:
    shared, reference = b'<https://e/law> <https://e/label> "law" .\n', "https://example.org/graph/reference"
    remote.replace_graph(G, DATA, shared=shared, shared_graph=reference)
    remote.replace_graph(
        H, b"<https://e/z> <https://e/cites> <https://e/law> .\n", shared=shared, shared_graph=reference
    )
    remote.replace_graph(G, DATA, shared=shared, shared_graph=reference)
    assert remote.graphs() == sorted([G, H, reference])
    assert len(remote.select("SELECT ?l WHERE { <https://e/law> <https://e/label> ?l }").rows) == 1
    assert remote.dump("application/n-quads").count(b"\n") == 5


def test_one_assessment_export_is_self_contained_on_both_stores(remote: RemoteStore) -> None:
    from pia_kg.store.export import assessment_quads

    reference = "https://example.org/graph/reference"
    shared = (
        b"<https://e/item> <https://e/partOf> <https://e/law> .\n"
        b'<https://e/law> <https://e/label> "law" .\n'
        b'<https://e/other> <https://e/label> "not named" .\n'
    )
    embedded = EmbeddedStore(None)
    for store in (remote, embedded):
        store.replace_graph(
            G, b"<https://e/a> <https://e/cites> <https://e/item> .\n", shared=shared, shared_graph=reference
        )
    found = {str(q) for q in assessment_quads(remote, G, reference)}
    assert found == {str(q) for q in assessment_quads(embedded, G, reference)}
    assert len(found) == 3
    assert not [q for q in found if "https://e/other" in q]


def test_prune_keeps_reference_triples_a_graph_leads_to_on_both_stores(remote: RemoteStore) -> None:
    from pia_kg.commands.prune import prune_reference

    reference = "https://example.org/graph/reference"
    shared = (
        b"<https://e/item> <https://e/partOf> <https://e/law> .\n"
        b'<https://e/law> <https://e/label> "law" .\n'
        b'<https://e/gone> <https://e/label> "named by no graph" .\n'
    )
    embedded = EmbeddedStore(None)
    for store in (remote, embedded):
        store.replace_graph(
            G, b"<https://e/a> <https://e/cites> <https://e/item> .\n", shared=shared, shared_graph=reference
        )
        assert prune_reference(store, reference) == 1
        assert store.graphs() == sorted([G, reference])
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{reference}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o"
    assert remote.select(query) == embedded.select(query)
    assert len(remote.select(query).rows) == 2
