"""002: 川口市 国民健康保険 全項目評価書, markdown-like tab-separated cells with HTML; the Ⅱ-5別紙 annex.

Expectations written from a reading of the document itself (not from the loader's output).
"""

from __future__ import annotations

from datetime import date

from corpus_blocks import table_items

from loaders.citations import PROVISION_ORDER
from loaders.model import AssessmentRecord, FileRecord

NAME = "002_e85a03c2c6247dbf.txt"
ANNEX = "Ⅱ-5別紙"


def test_layout_and_cover(record: AssessmentRecord) -> None:
    assert record.layout == "markdown-cells"
    cover = record.cover
    assert cover.form == "full"
    assert cover.number == "13"
    assert cover.title == "川口市 国民健康保険に関する事務 全項目評価書"
    assert cover.assessing_body == "埼玉県川口市長"
    assert (cover.prefecture, cover.local_government) == ("埼玉県", "川口市")
    assert cover.published == date(2025, 6, 6)
    assert cover.special_notes and cover.special_notes.startswith(
        "国民健康保険に関する事務では、事務の一部を外部業者に委託"
    )
    assert cover.approval_date is None


def test_affair_and_systems(record: AssessmentRecord) -> None:
    basic = record.basic
    assert basic is not None
    assert basic.affair_name == "国民健康保険に関する事務"
    assert basic.subject_count_range == "30万人以上"
    systems = {s.no: s for s in basic.systems}
    assert sorted(systems) == [1, 4, 5, 6, 11]
    assert [systems[n].name for n in (1, 4, 5, 6, 11)] == [
        "国民健康保険システム",
        "共通基盤システム(庁内連携システム)",
        "既存住民基本台帳システム",
        "中間サーバ",
        "電子申請システム",
    ]
    assert systems[1].connections == ("庁内連携システム", "その他")
    assert systems[1].connection_note == "国保総合システムおよび国保情報集約システム"
    assert systems[4].connections == ("既存住民基本台帳システム", "宛名システム等", "税務システム", "その他")
    assert systems[5].connections == ("庁内連携システム", "住民基本台帳ネットワークシステム", "その他")
    assert systems[5].connection_note == "証明書コンビニ交付システム、中間サーバ"
    assert systems[6].connections == ("情報提供ネットワークシステム", "既存住民基本台帳システム", "宛名システム等")
    assert systems[11].connections == ("その他",)


def test_legal_bases(record: AssessmentRecord) -> None:
    basic = record.basic
    assert basic is not None
    assert basic.file_names == ("国民健康保険ファイル",)
    use = basic.number_use_basis
    assert use is not None
    tables = {(p.law.short_name, p.table, p.table_item) for p in use.provisions if p.table_item}
    assert {("番号法", "別表", "44"), ("番号法", "別表", "24")} <= tables
    assert any(p.law.short_name == "番号法" and (p.article, p.paragraph) == ("9", "2") for p in use.provisions)
    assert basic.network_linkage is True
    markers = [c.text[:6] for c in basic.network_basis]
    assert markers[:2] == ["【情報提供】", "【情報照会】"]
    provide, query = basic.network_basis[:2]
    order_items = [p.table_item for p in query.provisions if p.law == PROVISION_ORDER and p.table_item]
    assert order_items == ["69", "70", "71", "48"]
    assert {"2", "3", "131", "173"} <= {p.table_item for p in provide.provisions if p.law == PROVISION_ORDER}
    assert {("番号法", "別表", "44"), ("番号法", "別表", "24")} <= {
        (p.law.short_name, p.table, p.table_item) for p in query.provisions if p.table_item
    }  # the [番号法別表44の項関係] captions
    assert basic.department == "川口市 保健部 国民健康保険課、国保収納課"
    assert basic.head_post == "国民健康保険課長、国保収納課長"
    assert basic.other_bodies is None  # Ⅰ-8 is empty; the 別添1 text after it is not its value
    assert any("(別添1) not found" in w.message for w in record.warnings)


def test_file_basics(file1: FileRecord) -> None:
    assert file1.name == "国民健康保険ファイル"
    assert file1.file_type == "システム用ファイル"
    assert file1.subject_count_range == "10万人以上100万人未満"
    assert file1.retention_start == date(2016, 1, 1)
    assert file1.departments == ("国民健康保険課", "国保収納課")
    assert file1.use is not None and file1.use.user_count_range == "100人以上500人未満"
    assert file1.storage is not None and file1.storage.period == "20年以上"
    assert file1.record_items[0].name == "宛名番号" and file1.record_items[0].group == "宛名情報"
    assert any(i.name == "口座情報" and i.group == "収納情報" for i in file1.record_items)


def test_outsourcing(file1: FileRecord) -> None:
    assert file1.outsourcing_declared == 6
    assert [o.no for o in file1.outsourcing] == [1, 2, 3, 4, 5, 6]
    assert [o.contractor for o in file1.outsourcing] == [
        "株式会社 日立システムズ",
        "北日本コンピューターサービス株式会社",
        "埼玉県国民健康保険団体連合会",
        "埼玉県国保連合会 (埼玉県国保連合会は、国保中央会に再委託する)",
        "支払基金 (支払基金は、国保中央会に再委託する)",
        "埼玉県国保連合会 (埼玉県国保連合会は、国保中央会に再委託する)",
    ]
    assert all(o.subcontracting is True for o in file1.outsourcing)
    assert file1.outsourcing[3].title == "医療保険者等向け中間サーバ等における資格履歴管理事務"
    assert file1.outsourcing[2].file_scope == "一部"
    assert file1.outsourcing[4].methods == ("専用線",)  # ticked with a radio input


def test_listed_provision_points_to_the_annex(file1: FileRecord) -> None:
    assert (file1.provision_declared, file1.transfer_declared) == (82, 10)
    listed = [f for f in file1.flows if f.kind == "provision" and f.annex_row is None]
    assert len(listed) == 1
    flow = listed[0]
    assert flow.no == 1 and flow.annex == ANNEX
    assert flow.recipient and flow.recipient.endswith("情報照会者(Ⅱ-5別紙参照)")
    assert flow.methods == ("情報提供ネットワークシステム", "紙")
    assert flow.timing == "照会を受けたら都度"


def test_annex_rows_are_the_flows(record: AssessmentRecord, file1: FileRecord) -> None:
    (annex,) = record.annexes
    assert annex.label == ANNEX
    assert annex.title == "番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第二条別表に定める事務"
    assert len(annex.rows) == 82
    expanded = [f for f in file1.flows if f.annex_row is not None]
    assert len(expanded) == 82
    assert all(f.no == 1 and f.kind == "provision" and f.annex == ANNEX for f in expanded)
    rows = {f.annex_row: f for f in expanded}
    samples = {
        "1": ("厚生労働大臣", "1"),
        "8": ("都道府県知事", "11"),
        "22": (
            "公営住宅法(昭和二十六年法律第九十三号)第二条第十六号に規定する事業主体である都道府県知事又は市町村長",
            "53",
        ),
        "47": ("市町村長(児童手当法第十七条第一項の表の下欄に掲げる者を含む。)", "106"),
        "55": ("市町村長", "131"),
        "82": ("都道府県知事", "173"),
    }
    for no, (recipient, item) in samples.items():
        assert rows[no].recipient == recipient
        assert table_items(rows[no].legal_basis) == [item]
        basis = rows[no].legal_basis
        assert basis is not None and basis.provisions[0].law == PROVISION_ORDER
    assert rows["1"].purpose and rows["1"].purpose.startswith("健康保険法第五条第二項の規定により厚生労働大臣")
    assert rows["1"].methods == ("情報提供ネットワークシステム", "紙")  # stated by the listed flow for all rows


def test_transfers(file1: FileRecord) -> None:
    transfers = [f for f in file1.flows if f.kind == "transfer"]
    assert [f.no for f in transfers] == list(range(1, 11))
    assert [f.recipient for f in transfers] == [
        "川口市 市民課",
        "川口市 子育て支援課",
        "川口市 障害福祉課",
        "川口市 地域保健センター、健康増進課",
        "川口市 介護保険課",
        "川口市 長寿支援課",
        "川口市 生活福祉1課・2課",
        "川口市 納税課",
        "川口市 特別債権回収課",
        "川口市 税制課",
    ]
    items = [table_items(f.legal_basis) for f in transfers]
    assert items == [[], [], ["9", "117"], ["70", "111"], ["100"], ["61"], ["23"], ["24"], ["24"], ["24"]]
    assert all(f.methods == ("庁内連携システム",) for f in transfers)


def test_no_count_mismatch_is_reported(record: AssessmentRecord) -> None:
    messages = [w.message for w in record.warnings]
    assert not any("declared" in m for m in messages)  # 82 provisions = 82 annex rows, 10 transfers, 6 委託


def test_risks_and_other_sections(record: AssessmentRecord) -> None:
    numbered = [r for r in record.risks if r.no is not None]
    assert len(numbered) == 21
    assert all(r.rating == "十分である" for r in numbered)
    assert [r.rating for r in record.risks if r.stage == "委託" and r.no is None and r.rating] == ["十分である"]
    assert record.serious_incident is False
    assert {m.kind for m in record.other_measures} == {"自己点検", "監査", "従業者に対する教育・啓発", "その他"}
    steps = {s.kind: s for s in record.procedure}
    assert steps["threshold"].date == date(2025, 2, 3)
    assert steps["public-comment"].date == date(2025, 3, 14)
    assert steps["public-comment"].opinions == "意見なし。"
    assert steps["third-party-review"].date == date(2025, 5, 19)
    assert steps["third-party-review"].method == "川口市情報公開・個人情報保護運営審議会に諮問"
    assert record.contacts[0].text.startswith("川口市総務部行政管理課情報公開文書係")


def test_change_history(record: AssessmentRecord) -> None:
    history = [c for c in record.changes if c.location.section == "別添3"]
    annex_changes = [c for c in record.changes if c.location.section == "別添3-1"]
    assert len(history) == 74
    assert len(annex_changes) == 89
    assert all(c.date == date(2025, 6, 6) for c in history)
    assert history[0].item == "別添1" and history[0].timing == "事後"
    assert annex_changes[0].item == "別添3-1 項目番号1"
