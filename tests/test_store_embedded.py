"""The embedded store: graph replacement is whole, queries see the union of graphs."""

import pytest

from pia_kg.store.embedded import EmbeddedStore

G = "https://example.org/g1"


def test_replace_graph_replaces_whole_graph() -> None:
    store = EmbeddedStore(None)
    store.replace_graph(G, b'<https://e/a> <https://e/p> "1" .\n<https://e/b> <https://e/p> "2" .\n')
    store.replace_graph(G, b'<https://e/c> <https://e/p> "3" .\n')
    rows = store.select("SELECT ?s WHERE { ?s <https://e/p> ?o }").rows
    assert [r["s"].value for r in rows] == ["https://e/c"]
    assert store.graphs() == [G]


def test_select_converts_literals() -> None:
    store = EmbeddedStore(None)
    store.replace_graph(G, b'<https://e/a> <https://e/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    row = store.select("SELECT ?n WHERE { ?s <https://e/n> ?n }").rows[0]
    assert row["n"].py() == 42


REF = "https://example.org/reference"
SHARED = b'<https://e/law> <https://e/label> "law" .\n'


def count_in(store: EmbeddedStore, graph: str) -> int:
    return int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows[0]["n"].value)


def test_replace_graph_adds_shared_triples_once_to_the_shared_graph() -> None:
    store = EmbeddedStore(None)
    store.replace_graph(G, b"<https://e/a> <https://e/cites> <https://e/law> .\n", shared=SHARED, shared_graph=REF)
    store.replace_graph(
        "https://example.org/g2",
        b"<https://e/b> <https://e/cites> <https://e/law> .\n",
        shared=SHARED,
        shared_graph=REF,
    )
    store.replace_graph(G, b"<https://e/a> <https://e/cites> <https://e/law> .\n", shared=SHARED, shared_graph=REF)
    assert store.graphs() == sorted([G, "https://example.org/g2", REF])
    assert len(store.select("SELECT ?l WHERE { <https://e/law> <https://e/label> ?l }").rows) == 1
    assert (count_in(store, G), count_in(store, REF)) == (1, 1)


def test_a_failed_replacement_changes_neither_graph() -> None:
    store = EmbeddedStore(None)
    store.replace_graph(G, b'<https://e/a> <https://e/p> "1" .\n')
    with pytest.raises(SyntaxError):
        store.replace_graph(
            G, b'<https://e/c> <https://e/p> "3" .\n', shared=b"<https://e/x> not rdf", shared_graph=REF
        )
    assert store.graphs() == [G]
    assert [r["o"].value for r in store.select("SELECT ?o WHERE { ?s <https://e/p> ?o }").rows] == ["1"]


def test_shared_triples_need_a_graph() -> None:
    with pytest.raises(ValueError):
        EmbeddedStore(None).replace_graph(G, b"", shared=SHARED)


def test_compacting_an_on_disk_store_keeps_every_quad(tmp_path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    for i in range(3):
        store.replace_graph(f"{G}/{i}", f'<https://e/s> <https://e/p> "{i}" .\n'.encode())
    before = sorted(store.dump("application/n-quads").splitlines())
    store.compact()
    assert sorted(store.dump("application/n-quads").splitlines()) == before
    assert len(before) == 3
    store.close()
    del store  # pyoxigraph releases the folder when the store object goes
    reopened = EmbeddedStore(tmp_path / "store", read_only=True)
    reopened.compact()  # nothing to do on a read-only store
    assert sorted(reopened.dump("application/n-quads").splitlines()) == before
