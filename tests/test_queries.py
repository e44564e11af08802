"""The named-query catalogue: headers, parameters, and binding that never lets a value out of its term."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pia_kg.namespaces import PIA, sparql_prologue
from pia_kg.queries import Catalogue, ParameterError, parse
from pia_kg.settings import Settings

QUERIES = Catalogue.from_dir(Settings().queries_dir)
FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
CORE = [
    "recipients-of-affair",
    "providers-to-recipient",
    "flows-by-table-item",
    "vendors-by-affair",
    "systems-connected-to-hub",
    "pre-2024-citations",
    "assessment-changes",
    "outsourcing-subcontracting",
    "assessments-overdue",
    "risks-with-issues",
]
SAMPLE = """# @title-ja 例
# @title-en Example
# @description Finds things,
#   over two lines.
# @param thing iri optional list: things
# @param name text required: a name
# @param kind enum(a|b) optional: a kind
# @param n integer optional: a number
SELECT ?x WHERE {
  VALUES ?thing { <https://e/x> }
  VALUES ?name { "例" }
  VALUES ?kind { UNDEF }
  VALUES ?n { UNDEF }
  ?thing <https://e/p> ?name .
}
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    data = ox.Store()
    data.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return data


def test_the_competency_questions_have_their_files() -> None:
    for name in CORE:
        assert name in QUERIES
    for query in QUERIES:
        assert query.title_ja and query.title_en and len(query.description) > 40, query.name


def test_header_is_read() -> None:
    query = parse("sample", SAMPLE)
    assert (query.title_ja, query.title_en) == ("例", "Example")
    assert query.description == "Finds things, over two lines."
    thing, name, kind, n = query.parameters
    assert (thing.type, thing.required, thing.multiple, thing.example) == ("iri", False, True, ("https://e/x",))
    assert (name.type, name.required, name.example) == ("text", True, ("例",))
    assert (kind.type, kind.choices) == ("enum", ("a", "b"))
    assert n.type == "integer"


def test_a_parameter_without_its_values_line_is_refused() -> None:
    with pytest.raises(ValueError, match="VALUES"):
        parse("broken", SAMPLE.replace('  VALUES ?name { "例" }\n', ""))
    with pytest.raises(ValueError, match="@title-en"):
        parse("broken", SAMPLE.replace("# @title-en Example\n", ""))


def test_binding_replaces_the_values_lines() -> None:
    query = parse("sample", SAMPLE)
    text = query.bind({"name": 'say "hi"\n', "thing": ["https://e/a", "https://e/b"], "n": "42"})
    assert 'VALUES ?name { "say \\"hi\\"\\n" }' in text
    assert "VALUES ?thing { <https://e/a> <https://e/b> }" in text
    assert "VALUES ?kind { UNDEF }" in text
    assert 'VALUES ?n { "42"^^<http://www.w3.org/2001/XMLSchema#integer> }' in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "required"),
        ({"name": "x", "thing": "not an iri"}, "IRI"),
        ({"name": "x", "thing": "https://e/a> } DROP ALL { <https://e/b"}, "IRI"),
        ({"name": "x", "thing": "https://e/a b"}, "IRI"),
        ({"name": "x", "kind": "c"}, "one of"),
        ({"name": "x", "n": "4 2"}, "integer"),
        ({"name": "x" * 501}, "longer"),
        ({"name": ["x", "y"]}, "one value"),
        ({"name": "x", "other": "y"}, "no parameter"),
    ],
)
def test_bad_values_are_refused(params: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        parse("sample", SAMPLE).bind(params)


def test_every_named_query_runs_with_its_examples_and_without_options(store: ox.Store) -> None:
    for query in QUERIES:
        examples = {p.name: list(p.example) for p in query.parameters if p.example}
        for bound in (
            query.text,
            query.bind(examples),
            query.bind({k: v for k, v in examples.items() if query.parameter(k).required}),
        ):
            rows = list(store.query(bound, use_default_graph_as_union=True))
            assert rows, f"{query.name} answers nothing on the fixture"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_stays_one_literal(store: ox.Store, value: str) -> None:
    """Whatever the text, the bound query parses and the value comes back exactly as given."""
    query = parse(
        "echo",
        "# @title-ja e\n# @title-en e\n# @description echo\n# @param v text required: v\n"
        'SELECT ?v WHERE { VALUES ?v { "x" } }\n',
    )
    rows = list(store.query(query.bind({"v": value})))
    assert [r["v"].value for r in rows] == [value]


# One assessment whose listed flow says (別紙参照): the annex row names the recipient, and the flow read from
# that row replaces the listed flow.
ANNEX_GRAPH = """
@prefix pia: <https://w3id.org/pia-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/pia-kg/id/> .
id:graph-x {
  id:x a pia:Assessment .
  id:x-listed-flow a pia:DataProvision ; pia:inAssessment id:x ; pia:recipient id:r .
  id:x-annex-row a pia:AnnexRow ; pia:inAssessment id:x ; pia:recipient id:r .
  id:x-annex-flow a pia:DataProvision ; pia:inAssessment id:x ; pia:recipient id:r ; pia:expandsFlow id:x-listed-flow .
  id:r a pia:NationalBody ; rdfs:label "受け手"@ja .
}
"""


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT query over the union of the graphs, as plain strings."""
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def test_organizations_count_the_effective_flows_only() -> None:
    """The listed flow replaced by its annex row and the annex row itself are not flows the body receives."""
    data = ox.Store()
    data.load(ANNEX_GRAPH.encode(), format=ox.RdfFormat.TRIG)
    rows = _select(data, QUERIES["organizations"].bind({}))
    assert [(r["organization"], r["flow_count"], r["assessment_count"]) for r in rows] == [
        ("https://w3id.org/pia-kg/id/r", "1", "1")
    ]


def test_tuned_aggregates_agree_with_their_plain_form(store: ox.Store) -> None:
    """The counts of legal-bases and assessment-files (read by hash-joined subqueries) are the plain counts."""
    effective = (
        "?flow a ?class ; pia:inAssessment ?a . VALUES ?class { pia:DataProvision pia:DataTransfer pia:Outsourcing } "
        "FILTER NOT EXISTS { ?e pia:expandsFlow ?flow }"
    )
    plain = _select(
        store,
        sparql_prologue() + "SELECT ?provision (COUNT(DISTINCT ?flow) AS ?n) WHERE { "
        f"?flow dpv:hasLegalBasis|pia:hasCitation/pia:citesProvision ?provision . {effective} }} GROUP BY ?provision",
    )
    tuned = _select(store, QUERIES["legal-bases"].bind({}))
    assert {r["provision"]: r["n"] for r in plain} == {
        r["provision"]: r["flow_count"] for r in tuned if r["flow_count"] != "0"
    }
    assert plain
    assessment = "https://w3id.org/pia-kg/id/assessment/川崎市-61-2025-06-06"
    plain_files = _select(
        store,
        sparql_prologue() + "SELECT ?file ?class (COUNT(DISTINCT ?flow) AS ?n) WHERE { "
        f"<{assessment}> pia:hasFile ?file . ?file pia:hasFlow ?flow . {effective} }} GROUP BY ?file ?class",
    )
    files = _select(store, QUERIES["assessment-files"].bind({"assessment": assessment}))
    listed = {
        (r["file"], f"{PIA}{name}"): r[f"listed_{kind}"]
        for r in files
        for kind, name in (("provision", "DataProvision"), ("transfer", "DataTransfer"), ("outsourcing", "Outsourcing"))
    }
    assert {(r["file"], r["class"]): r["n"] for r in plain_files} == {k: n for k, n in listed.items() if n != "0"}
    assert plain_files
