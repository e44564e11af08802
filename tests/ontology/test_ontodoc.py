"""ontology/README.md carries the diagram and alignment table generated from the current Turtle."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from pia_kg.ontodoc import README, alignment_table, main, mermaid_class_diagram, render


def test_readme_blocks_are_up_to_date(graph: Graph) -> None:
    current = README.read_text(encoding="utf-8")
    assert render(current, graph) == current, "run: python -m pia_kg.ontodoc --write"


def test_diagram_shows_classes_subclasses_and_relations(graph: Graph) -> None:
    diagram = mermaid_class_diagram(graph)
    assert diagram.startswith("classDiagram")
    assert "DataFlow <|-- DataProvision" in diagram
    assert "Outsourcing --> Contractor : contractor" in diagram
    assert "AnnexRow --> RecipientBody : recipient" in diagram  # a domain given as owl:unionOf
    assert "+Concept assessmentKind" in diagram


def test_alignment_table_lists_external_superterms(graph: Graph) -> None:
    table = alignment_table(graph)
    assert "| `pia:Assessment` | rdfs:subClassOf | `dpv:PIA` |" in table
    assert "| `pia:partOf` | rdfs:subPropertyOf | `eli:is_part_of` |" in table


def test_check_fails_on_a_stale_readme(tmp_path, graph: Graph) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(
        README.read_text(encoding="utf-8").replace("classDiagram", "classDiagram\n    class Stale"), "utf-8"
    )
    assert main(["--readme", str(stale), "--check"]) == 1
    assert main(["--readme", str(stale), "--write"]) == 0
    assert main(["--readme", str(stale), "--check"]) == 0


def test_render_requires_the_markers(graph: Graph) -> None:
    with pytest.raises(ValueError, match="markers"):
        render("# no markers here\n", graph)


def test_competency_questions_name_existing_query_files() -> None:
    named = re.findall(r"`queries/([a-z0-9-]+\.rq)`", README.read_text(encoding="utf-8"))
    assert len(named) >= 10
    queries_dir = README.parent.parent / "queries"
    assert [name for name in named if not (queries_dir / name).is_file()] == []
