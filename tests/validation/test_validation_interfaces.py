"""The report through the CLI (`pia-kg validate`) and the API (`/validation`, `/assessments/{id}/validation`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner
from validation_fixtures import BASE_ID, FIXTURES, SETTINGS, fixture_graph, store_of

from api.app import create_app
from pia_kg.cli import app as cli
from pia_kg.validation import render, validate_store

BROKEN = FIXTURES / "violating" / "declared-counts.ru"


def test_cli_reports_and_fails_on_violations(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = store_of({BASE_ID: fixture_graph(BROKEN)}, store_dir)
    store.close()
    out = tmp_path / "report.json"
    args = ["validate", "--store", str(store_dir), "--format", "json", "--today", "2026-01-01", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["counts"] == {"Violation": 3, "Warning": 0, "Info": 0}
    assert report["assessments"][0]["id"] == BASE_ID
    assert {s["shape"].rsplit("#", 1)[1] for s in report["shapes"]} == {
        "DeclaredProvisionCountShape",
        "DeclaredTransferCountShape",
        "DeclaredOutsourcingCountShape",
    }
    never = CliRunner().invoke(cli, [*args[:-2], "--fail-on", "never"])
    assert never.exit_code == 0 and "Declares 4 provisions but lists 3" in never.output


def test_cli_unknown_assessment(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store_of({BASE_ID: fixture_graph()}, store_dir).close()
    result = CliRunner().invoke(cli, ["validate", "--store", str(store_dir), "--assessment", "無い市-1-2025-01-01"])
    assert result.exit_code == 2


def test_api_reports_per_assessment_and_in_turtle() -> None:
    client = TestClient(create_app(SETTINGS, store=store_of({BASE_ID: fixture_graph(BROKEN)})))
    everything = client.get("/validation", params={"today": "2026-01-01"})
    assert everything.status_code == 200
    assert everything.json()["counts"]["Violation"] == 3
    turtle = client.get(f"/assessments/{BASE_ID}/validation", params={"format": "ttl", "today": "2026-01-01"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == 3
    assert client.get("/assessments/無い市-1-2025-01-01/validation").status_code == 404
    assert client.get("/validation", params={"format": "pdf"}).status_code == 422


def test_html_and_text_are_readable() -> None:
    report = validate_store(store_of({BASE_ID: fixture_graph(BROKEN)}), SETTINGS, today=date(2026, 1, 1))
    html = render(report, "html")
    assert "提供件数 4 件と記載された提供先 3 件が一致しない" in html and "<script" not in html
    assert "Ⅱ/ファイル1" in html
    text = render(report, "text")
    assert "at 999_kakuu.txt Ⅱ/ファイル1 lines 100-110" in text
