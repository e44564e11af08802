"""001: 川崎市 介護保険 全項目評価書, tab-separated cells with leftover HTML.

Expectations written from a reading of the document itself (not from the loader's output).
"""

from __future__ import annotations

from corpus_blocks import table_items

from loaders.citations import PROVISION_ORDER
from loaders.model import AssessmentRecord, FileRecord

NAME = "001_b80d6855a7643af9.txt"


def test_layout_and_cover(record: AssessmentRecord) -> None:
    assert record.layout == "html-cells"
    cover = record.cover
    assert cover.form == "full"
    assert cover.number == "61"
    assert cover.title == "介護保険法による介護保険に関する事務 全項目評価書"
    assert cover.assessing_body == "神奈川県川崎市市長"
    assert (cover.prefecture, cover.local_government) == ("神奈川県", "川崎市")
    assert cover.declaration and cover.declaration.startswith("川崎市は、介護保険事務における")
    assert cover.published is None  # 公表日 is printed empty
    assert cover.special_notes is None
    assert cover.form_version is None


def test_section_one_heading_missing_is_reported(record: AssessmentRecord) -> None:
    assert any("Ⅰ" in w.message and "not found" in w.message for w in record.warnings)
    assert record.basic is not None
    # Ⅰ-1 is not in this export: the affair's name is read from the 評価書名, and the load report says so.
    assert record.basic.affair_name == "介護保険法による介護保険に関する事務"
    assert any("①事務の名称: not printed; read from the 評価書名" in w.message for w in record.warnings)


def test_systems(record: AssessmentRecord) -> None:
    assert record.basic is not None
    systems = {s.no: s for s in record.basic.systems}
    assert sorted(systems) == [3, 4]  # only システム3 and システム4 are printed
    assert systems[3].name == "中間サーバー"
    assert set(systems[3].connections or ()) == {"情報提供ネットワークシステム", "庁内連携システム", "宛名システム等"}
    assert systems[4].name == "サービス検索・電子申請機能"
    assert systems[4].connections == ("その他",)
    assert systems[4].connection_note == "申請管理システム"
    assert any("システム: 3, 4 listed; 1, 2 not found" in w.message for w in record.warnings)


def test_files_and_legal_bases(record: AssessmentRecord) -> None:
    basic = record.basic
    assert basic is not None
    assert basic.file_names == ("介護保険情報ファイル",)
    use = basic.number_use_basis
    assert use is not None
    refs = {(p.law.short_name, p.article, p.paragraph, p.table, p.table_item) for p in use.provisions}
    assert ("番号法", None, None, "別表", "100") in refs
    assert ("番号法", "9", "1", None, None) in refs
    assert any(p.law.kind == "ordinance" and p.article == "3" for p in use.provisions)
    assert any(p.article == "50" and p.item == "11" for p in use.provisions)
    assert basic.network_linkage is True
    query, provide = basic.network_basis
    assert query.text.startswith("【情報照会】") and provide.text.startswith("【情報提供】")
    assert table_items(query) == ["131", "132"]
    provided = [2, 3, 7, 11, 15, 38, 42, 56, 65, 69, 70, 80, 83, 86, 87, 108, 115, 116, 125, 128, 132, 137, 141]
    assert table_items(provide) == [str(n) for n in [*provided, 144, 145, 158, 161]]
    assert {p.law for p in query.provisions if p.table_item} == {PROVISION_ORDER}
    assert basic.department == "健康福祉局長寿社会部介護保険課"
    assert basic.head_post == "介護保険課長"
    assert basic.other_bodies is None  # printed as 「—」


def test_file_basics(file1: FileRecord) -> None:
    assert file1.name == "介護保険情報ファイル"
    assert file1.file_type == "システム用ファイル"
    assert file1.subject_count_range == "10万人以上100万人未満"
    assert file1.record_item_count_range == "100項目以上"
    assert file1.retention_start is not None and file1.retention_start.isoformat() == "2015-10"
    assert file1.departments == ("健康福祉局長寿社会部介護保険課",)
    assert file1.record_item_categories is None  # every box printed unticked: undecidable, not "none"
    assert file1.acquisition is not None and file1.acquisition.sources is None
    assert file1.use is not None and file1.use.user_count_range == "100人以上500人未満"
    assert file1.use.start_date is not None and file1.use.start_date.isoformat() == "2016-01-01"


def test_outsourcing(record: AssessmentRecord, file1: FileRecord) -> None:
    assert file1.outsourcing_declared == 6
    assert [o.no for o in file1.outsourcing] == [1, 2, 3, 4, 5]
    assert [o.contractor for o in file1.outsourcing] == [
        "富士通Japan株式会社",
        "富士通Japan株式会社",
        "神奈川県国民健康保険団体連合会",
        "株式会社 日立製作所",
        "神奈川県国民健康保険団体連合会 (神奈川県国民健康保険団体連合会は、国保中央会に再委託する)",
    ]
    assert [o.subcontracting for o in file1.outsourcing] == [True] * 5
    third = file1.outsourcing[2]
    assert third.title == "介護保険保険者事務共同処理業務委託"
    assert third.file_scope == "一部"
    assert third.methods == ("専用線",)
    assert file1.outsourcing[0].subject_count_range is None  # only the option list is printed
    assert any(w.message == "委託: 6 declared, 5 listed" for w in record.warnings)


PROVISIONS = [
    ("全国健康保険協会", "2"),
    ("健康保険組合", "3"),
    ("全国健康保険協会", "7"),
    ("都道府県知事", "11"),
    ("市町村長", "15"),
    ("都道府県知事", "38"),
    ("都道府県知事等", "42"),
    ("日本私立学校振興・共済事業団", "56"),
    ("国家公務員共済組合", "65"),
    ("市町村長又は国民健康保険組合", "69"),
    ("市町村長又は国民健康保険組合", "70"),
    ("市町村長", "80"),
    ("地方公務員共済組合", "83"),
    ("市町村長", "86"),
    ("市町村長", "87"),
    ("市町村長", "108"),
    ("後期高齢者医療広域連合", "115"),
    ("後期高齢者医療広域連合", "116"),
    ("都道府県知事等", "125"),
    ("都道府県知事又は広島市長若しくは長崎市長", "128"),
]
TRANSFERS = [
    ("財政局税務部市民税管理課", []),
    ("市民文化局市民生活部戸籍住民サービス課", []),
    ("健康福祉局医療保険部医療保険課", ["10"]),
    ("健康福祉局医療保険部国民年金・福祉医療課", ["23"]),
    ("健康福祉局生活保護・自立支援室", ["7", "36"]),
    ("健康福祉局障害保健福祉部障害福祉課、医療保険部国民年金・福祉医療課", ["27"]),
    ("健康福祉局障害保健福祉部障害福祉課", ["2"]),
    ("財政局税務部税制課", ["8"]),
    ("健康福祉局障害保健福祉部障害福祉課", ["19"]),
    ("健康福祉局障害保健福祉部障害福祉課", ["31"]),
]


def test_provisions_declared_and_listed(record: AssessmentRecord, file1: FileRecord) -> None:
    assert (file1.provision_declared, file1.transfer_declared) == (27, 10)
    provisions = [f for f in file1.flows if f.kind == "provision"]
    assert [f.no for f in provisions] == list(range(1, 21))  # 提供先21..27 are not printed: nothing invented
    assert [(f.recipient, table_items(f.legal_basis)) for f in provisions] == [(r, [i]) for r, i in PROVISIONS]
    assert all(f.annex is None and f.annex_row is None for f in file1.flows)
    assert any(w.message == "提供先: 27 declared, 20 read" for w in record.warnings)
    first = provisions[0]
    assert first.methods == ("情報提供ネットワークシステム",)
    assert first.timing == "照会を受けた都度"
    assert first.location.section == "Ⅱ/ファイル1/5/提供先1"
    assert provisions[6].methods is None  # 提供先7: no box ticked -> undecidable


def test_transfers(file1: FileRecord) -> None:
    transfers = [f for f in file1.flows if f.kind == "transfer"]
    assert [f.no for f in transfers] == list(range(1, 11))
    assert [f.recipient for f in transfers] == [r for r, _ in TRANSFERS]
    for flow, (_, items) in zip(transfers, TRANSFERS, strict=True):
        assert flow.legal_basis is not None
        assert sorted(table_items(flow.legal_basis), key=int) == items
    second = transfers[1].legal_basis
    assert second is not None
    assert [(p.article, p.item) for p in second.provisions] == [("7", "10")]
    assert transfers[0].methods == ("電子記録媒体(フラッシュメモリを除く。)",)
    assert transfers[4].subject_count_range is None  # options printed as unticked boxes, no value


def test_record_items(file1: FileRecord) -> None:
    names = [item.name for item in file1.record_items]
    assert names[:2] == ["署名データ", "署名用電子証明書"]
    assert names[-1] == "資格取得日(証記載保険者)"
    assert file1.record_items[0].group == "1 申請管理システム関係"
    assert len(file1.record_items) == 20


def test_risks(record: AssessmentRecord) -> None:
    numbered = [r for r in record.risks if r.no is not None]
    counts = {stage: sum(1 for r in numbered if r.stage == stage) for stage in {r.stage for r in numbered}}
    assert counts == {"入手": 4, "使用": 4, "提供・移転": 3, "情報提供ネットワークシステムとの接続": 7, "保管・消去": 3}
    assert all(r.rating == "十分である" for r in numbered)
    outsourcing = [r for r in record.risks if r.stage == "委託"]
    assert len(outsourcing) == 1 and outsourcing[0].rating == "十分である"
    assert numbered[0].risk == "目的外の入手が行われるリスク"
    assert numbered[0].location.section == "Ⅲ/ファイル1/2/リスク1"
    assert len(record.risks) == 24


def test_other_sections(record: AssessmentRecord) -> None:
    kinds = {m.kind: m.rating for m in record.other_measures}
    assert kinds["自己点検"] == kinds["監査"] == kinds["従業者に対する教育・啓発"] == "十分に行っている"
    assert record.serious_incident is True
    assert record.serious_incident_text and "国民健康保険高額療養費支給申請書の紛失" in record.serious_incident_text
    assert [c.kind for c in record.contacts] == ["disclosure", "inquiry"]
    assert record.contacts[1].text.startswith("健康福祉局長寿社会部介護保険課")
    steps = {s.kind: s for s in record.procedure}
    assert steps["threshold"].date is not None and steps["threshold"].date.isoformat() == "2026-04-01"
    assert steps["threshold"].result == "基礎項目評価及び全項目評価の実施が義務付けられる"
    assert steps["public-comment"].text == "令和8年6月4日から7月3日までの30日間"
    assert steps["third-party-review"].date is None


def test_change_history(record: AssessmentRecord) -> None:
    assert len(record.changes) == 288
    first = record.changes[0]
    assert first.date is not None and first.date.isoformat() == "2016-08-12"
    assert first.item == "I 基本情報(5. 個人番号の利用 法令上の根拠)"
    assert first.timing == "事後"
    assert sum(1 for c in record.changes if c.date is None) == 74
    assert record.annexes == ()
