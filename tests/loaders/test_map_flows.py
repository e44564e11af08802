"""Mapping: flows (listed and annex-expanded), recipients, outsourcing, files and code-list concepts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from records import kawasaki_kaigo, mapped_store, select, stored

from loaders.map import map_assessment
from pia_kg.iri import IriMinter
from pia_kg.store.embedded import EmbeddedStore

BASE = "https://w3id.org/pia-kg/id/"
A = BASE + "assessment/川崎市-61-2025-06-06"
CODE = "https://w3id.org/pia-kg/code/"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return mapped_store(kawasaki_kaigo())


def test_annex_expanded_flow_points_at_row_annex_and_listed_flow(store: EmbeddedStore) -> None:
    rows = select(
        store,
        """SELECT ?flow ?annex ?row ?listed ?label WHERE {
              ?flow pia:viaAnnex ?annex ; pia:fromAnnexRow ?row ; pia:expandsFlow ?listed ; rdfs:label ?label .
              ?annex a pia:Annex ; pia:hasRow ?row . ?row a pia:AnnexRow ; pia:rowNumber "12" }""",
    )
    assert rows == [
        {
            "flow": A + "/file/1/provision/2/annex-row/12",
            "annex": A + "/annex/Ⅱ-5別紙",
            "row": A + "/annex/Ⅱ-5別紙/row/12",
            "listed": A + "/file/1/provision/2",
            "label": "提供先2 (Ⅱ-5別紙 12) 後期高齢者医療広域連合",
        }
    ]
    listed_via = select(store, f"SELECT ?annex WHERE {{ <{A}/file/1/provision/2> pia:viaAnnex ?annex }}")
    assert listed_via == [{"annex": A + "/annex/Ⅱ-5別紙"}]


def test_effective_flows_leave_out_the_expanded_listing(store: EmbeddedStore) -> None:
    rows = select(
        store,
        """SELECT ?flow WHERE { ?file pia:hasFlow ?flow . ?flow a pia:DataProvision .
              FILTER NOT EXISTS { ?other pia:expandsFlow ?flow } } ORDER BY ?flow""",
    )
    assert [r["flow"] for r in rows] == [A + "/file/1/provision/1", A + "/file/1/provision/2/annex-row/12"]


def test_provision_recipient_is_a_national_body(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?r ?text ?label WHERE {{ <{A}/file/1/provision/1> a pia:DataProvision, pia:DataFlow ;
              pia:recipient ?r ; pia:recipientText ?text .
              ?r a pia:RecipientBody, pia:NationalBody ; rdfs:label ?label }}""",
    )
    assert len(rows) == 1
    assert rows[0]["r"].startswith(BASE + "body/")
    assert rows[0]["text"] == rows[0]["label"] == "全国健康保険協会"


def test_transfer_recipient_is_a_department_of_the_local_government(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?r ?lg WHERE {{ <{A}/file/1/transfer/1> a pia:DataTransfer ; pia:recipient ?r .
              ?r a pia:Department, pia:RecipientBody ; pia:ofLocalGovernment ?lg }}""",
    )
    assert rows == [
        {
            "r": BASE + "local-government/川崎市/department/財政局税務部市民税管理課",
            "lg": BASE + "local-government/川崎市",
        }
    ]


def test_outsourcing_with_contractor(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?vendor ?label ?sub ?task ?handlers ?scope WHERE {{
              <{A}/file/1/outsourcing/1> a pia:Outsourcing ; pia:contractor ?vendor ; pia:subcontracting ?sub ;
              pia:outsourcedTask ?task ; pia:handlerCountRange ?handlers ; pia:scopeOfFile ?scope .
              ?vendor a pia:Contractor ; rdfs:label ?label }}""",
    )
    assert rows == [
        {
            "vendor": BASE + "organization/富士通Japan株式会社",
            "label": "富士通Japan株式会社",
            "sub": "true",
            "task": "介護保険システム運用保守業務",
            "handlers": CODE + "staff-count/10-50",
            "scope": CODE + "file-scope/whole",
        }
    ]


def test_file_facts_and_declared_counts(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?type ?people ?start ?p ?t ?o WHERE {{ <{A}/file/1> a pia:SpecificPersonalInformationFile ;
              pia:fileType ?type ; pia:subjectCountRange ?people ; pia:retentionStart ?start ;
              pia:declaredProvisionCount ?p ; pia:declaredTransferCount ?t ; pia:declaredOutsourcingCount ?o }}""",
    )
    assert rows == [
        {
            "type": CODE + "file-type/system-file",
            "people": CODE + "people-count/100k-1m",
            "start": "2015-10",
            "p": "27",
            "t": "10",
            "o": "6",
        }
    ]
    datatype = select(store, f"SELECT (DATATYPE(?d) AS ?t) WHERE {{ <{A}/file/1> pia:retentionStart ?d }}")
    assert datatype == [{"t": "http://www.w3.org/2001/XMLSchema#gYearMonth"}]


def test_assessment_cover_affair_and_systems(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?kind ?date ?title ?body ?lg ?pref ?cat WHERE {{ <{A}> a pia:Assessment ;
              pia:assessmentKind ?kind ; pia:publicationDate ?date ; dct:title ?title ; pia:assessingBody ?body ;
              pia:describesAffair/pia:affairCategory ?cat .
              ?body pia:ofLocalGovernment ?lg . ?lg pia:prefecture ?pref }}""",
    )
    assert len(rows) == 1
    assert rows[0]["kind"] == CODE + "assessment-kind/full"
    assert rows[0]["date"] == "2025-06-06"
    assert rows[0]["pref"] == "神奈川県"
    assert rows[0]["cat"] == CODE + "affair-category/long-term-care-insurance"
    systems = select(
        store,
        f"""SELECT ?sys ?to WHERE {{ <{A}/system/3> pia:listedSystem ?sys ; pia:connectsTo ?to }}""",
    )
    assert {r["sys"] for r in systems} == {BASE + "system/intermediate-server"}
    assert BASE + "system/information-provision-network-system" in {r["to"] for r in systems}


def test_unmatched_option_text_is_kept_and_warned() -> None:
    record = kawasaki_kaigo()
    odd_file = replace(record.files[0], file_type="紙ファイル(台帳)")
    mapped = map_assessment(replace(record, files=(odd_file,)), IriMinter())
    store = stored(mapped)
    rows = select(
        store,
        f"SELECT ?type ?text WHERE {{ <{A}/file/1> pia:fileTypeText ?text "
        f"OPTIONAL {{ <{A}/file/1> pia:fileType ?type }} }}",
    )
    assert rows == [{"text": "紙ファイル(台帳)"}]
    assert [w.message for w in mapped.warnings if "file-type" in w.message] == [
        "no file-type code-list concept for '紙ファイル(台帳)'; kept as printed text"
    ]
    assert mapped.warnings[0].location == record.files[0].location


def test_listed_flow_deferring_to_an_annex_keeps_text_but_names_no_recipient(store: EmbeddedStore) -> None:
    listed = select(
        store, f"SELECT ?p ?o WHERE {{ <{A}/file/1/provision/2> ?p ?o FILTER(CONTAINS(STR(?p), 'recipient')) }}"
    )
    assert listed == [{"p": "https://w3id.org/pia-kg/ontology#recipientText", "o": "健康保険組合 (別紙参照)"}]
    expanded = select(store, f"SELECT ?r WHERE {{ <{A}/file/1/provision/2/annex-row/12> pia:recipient ?r }}")
    assert len(expanded) == 1


def test_risks_and_other_measures_use_code_lists(store: EmbeddedStore) -> None:
    risk = select(
        store, f"SELECT ?stage ?rating WHERE {{ <{A}/risk/1> pia:processStage ?stage ; pia:selfRating ?rating }}"
    )
    assert risk == [{"stage": CODE + "process-stage/acquisition", "rating": CODE + "rating/sufficient"}]
    measure = select(store, f"SELECT ?kind WHERE {{ <{A}/other-measure/1> pia:measureKind ?kind }}")
    assert measure == [{"kind": CODE + "measure-kind/self-inspection"}]


def test_flow_pointing_at_an_annex_that_was_not_read() -> None:
    record = replace(kawasaki_kaigo(), annexes=())
    mapped = map_assessment(record, IriMinter())
    store = stored(mapped)
    assert select(store, "SELECT ?f ?x WHERE { ?f pia:viaAnnex ?x }") == []
    assert select(store, "SELECT ?f ?x WHERE { ?f pia:fromAnnexRow ?x }") == []
    assert "提供先2 refers to Ⅱ-5別紙, which was not read: its rows are not in the graph" in [
        w.message for w in mapped.warnings
    ]
