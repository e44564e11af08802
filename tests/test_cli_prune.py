"""``pia-kg prune``: reference triples stay while some assessment leads to them, and go when none does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from loaders.pipeline import Pipeline
from pia_kg.cli import app
from pia_kg.commands.prune import prune_reference
from pia_kg.iri import IriMinter
from pia_kg.settings import REPO_ROOT
from pia_kg.store.embedded import EmbeddedStore

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
KAWASAKI = CORPUS / "001_b80d6855a7643af9.txt"
KAWAGUCHI = CORPUS / "002_e85a03c2c6247dbf.txt"
pytestmark = pytest.mark.skipif(not KAWAGUCHI.is_file(), reason="corpus not found next to the repository")
MINTER = IriMinter()
ITEM_131 = MINTER.base + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"


def subjects(store: EmbeddedStore) -> set[str]:
    query = f"SELECT DISTINCT ?s WHERE {{ GRAPH <{MINTER.reference_graph}> {{ ?s ?p ?o }} }}"
    return {row["s"].value for row in store.select(query).rows}


def test_prune_drops_only_what_no_assessment_leads_to() -> None:
    store = EmbeddedStore(None)
    pipeline = Pipeline(store, MINTER)
    kawaguchi = pipeline.load_document(KAWAGUCHI)
    alone = subjects(store)
    kawasaki = pipeline.load_document(KAWASAKI)
    assert kawaguchi.ok and kawasaki.ok
    both = subjects(store)
    assert prune_reference(store, MINTER.reference_graph) == 0
    store.drop_graph(kawasaki.graph)
    assert subjects(store) == both  # deleting a document leaves its reference data
    assert prune_reference(store, MINTER.reference_graph) > 0
    assert subjects(store) == alone
    assert {ITEM_131, MINTER.law("bango-19-8-order"), MINTER.local_government("川口市")} <= alone
    assert MINTER.local_government("川崎市") not in alone
    assert prune_reference(store, MINTER.reference_graph) == 0


def test_prune_command(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(app, ["load", "--store", str(store), str(KAWAGUCHI)]).exit_code == 0
    result = runner.invoke(app, ["prune", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "removed 0 reference triples" in result.output
    assert "Examples" in runner.invoke(app, ["prune", "--help"]).output
