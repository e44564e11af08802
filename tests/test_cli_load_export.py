"""``pia-kg load`` and ``pia-kg export`` end to end on a corpus document and bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from pia_kg.cli import app
from pia_kg.iri import IriMinter
from pia_kg.settings import REPO_ROOT

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
KAWAGUCHI = CORPUS / "002_e85a03c2c6247dbf.txt"
pytestmark = pytest.mark.skipif(not KAWAGUCHI.is_file(), reason="corpus not found next to the repository")
KAWASAKI = CORPUS / "001_b80d6855a7643af9.txt"
ASSESSMENT_ID = "川口市-13-2025-06-06"
ITEM_131 = IriMinter().base + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
runner = CliRunner()


def triple_of(quad: ox.Quad) -> ox.Triple:
    return ox.Triple(quad.subject, quad.predicate, quad.object)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(KAWAGUCHI, docs / KAWAGUCHI.name)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "notes.txt").write_text("打合せメモ\n特に決定事項なし\n", encoding="utf-8")
    return docs


def test_load_reports_each_bad_file_once_and_exits_1(folder: Path, tmp_path: Path) -> None:
    store, report = tmp_path / "store", tmp_path / "report.json"
    result = runner.invoke(app, ["load", "--store", str(store), "--report", str(report), str(folder)])
    assert result.exit_code == 1, result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert len(error_lines) == 2
    assert any("empty.txt" in line for line in error_lines)
    assert any("notes.txt" in line and "not an assessment" in line for line in error_lines)
    assert "1 loaded, 2 failed" in result.output
    payload = json.loads(report.read_text(encoding="utf-8"))
    assert (payload["loaded"], payload["failed"]) == (1, 2)
    loaded = next(doc for doc in payload["documents"] if doc["status"] == "loaded")
    assert loaded["assessment_id"] == ASSESSMENT_ID
    assert loaded["figures"]["annex_rows"] > 0
    assert all({"stage", "message", "section", "line_start", "line_end"} <= set(w) for w in loaded["warnings"])


def test_load_good_file_exits_0_then_export(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["load", "--store", str(store), str(KAWAGUCHI)])
    assert result.exit_code == 0, result.output

    trig = tmp_path / "all.trig"
    result = runner.invoke(app, ["export", "--store", str(store), "--out", str(trig)])
    assert result.exit_code == 0, result.output
    dataset = ox.Dataset(ox.parse(trig.read_bytes(), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in dataset if isinstance(q.graph_name, ox.NamedNode)}
    minter = IriMinter()
    assert graphs == {minter.graph(ASSESSMENT_ID), minter.ontology_graph, minter.reference_graph}

    result = runner.invoke(app, ["export", "--store", str(store), "--format", "ttl", "--assessment", ASSESSMENT_ID])
    assert result.exit_code == 0, result.output
    one = {triple_of(q) for q in ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.TURTLE)}
    in_graph = {triple_of(q) for q in dataset if q.graph_name == ox.NamedNode(minter.graph(ASSESSMENT_ID))}
    reference = {triple_of(q) for q in dataset if q.graph_name == ox.NamedNode(minter.reference_graph)}
    # self-contained: the assessment's graph and the reference triples of the shared nodes it names
    assert in_graph < one <= in_graph | reference
    assert [t for t in one if t.subject == ox.NamedNode(ITEM_131) and t.predicate == LABEL] != []
    assert "@prefix pia:" in result.stdout

    result = runner.invoke(app, ["export", "--store", str(store), "--assessment", "nowhere-1-2020-01-01"])
    assert result.exit_code != 0


def test_load_into_a_file_instead_of_a_store(tmp_path: Path) -> None:
    out = tmp_path / "graph.nq"
    result = runner.invoke(app, ["load", "--out", str(out), str(KAWAGUCHI)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS))
    minter = IriMinter()
    assert {q.graph_name.value for q in quads} == {
        minter.graph(ASSESSMENT_ID),
        minter.ontology_graph,
        minter.reference_graph,
    }
    labels = [q for q in quads if q.subject == ox.NamedNode(ITEM_131) and q.predicate == LABEL]
    assert [q.graph_name.value for q in labels] == [minter.reference_graph]


def test_export_of_one_assessment_holds_only_the_shared_nodes_it_names(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["load", "--store", str(store), str(KAWAGUCHI), str(KAWASAKI)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "nq", "--assessment", ASSESSMENT_ID])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    minter = IriMinter()
    assert {q.graph_name.value for q in quads} == {minter.graph(ASSESSMENT_ID), minter.reference_graph}
    shared = {q.subject.value for q in quads if q.graph_name.value == minter.reference_graph}
    # the provision both cite, up its pia:partOf chain to the law; and 川口市, not 川崎市
    assert {ITEM_131, ITEM_131.rsplit("/table/", 1)[0], minter.law("bango-19-8-order")} <= shared
    assert minter.local_government("川口市") in shared
    assert minter.local_government("川崎市") not in shared


def test_help_texts_show_examples() -> None:
    for command in ("load", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Examples" in result.output
