"""The embedded store: graph replacement is whole, queries see the union of graphs."""

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
