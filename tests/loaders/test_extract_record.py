"""The extractor on hand-made Blocks (layout independent): numbering, annex expansion, counts, warnings."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract import extract
from loaders.model import AssessmentRecord, Block, SegmentedDocument, SourceDocument, Span
from loaders.segment.form_reader import read_form

RANGE = "[10万人以上100万人未満] <選択肢> 1) 1万人未満 2) 1万人以上10万人未満 3) 10万人以上100万人未満"
ROWS = [
    ("表紙", "評価書番号", "5"),
    ("表紙", "評価書名", "〇〇市 国民健康保険に関する事務 全項目評価書"),
    ("表紙", "評価実施機関名", "〇〇県〇〇市長"),
    ("表紙", "公表日", "令和7年6月6日"),
    ("表紙", "", "[平成30年5月 様式4]"),
    ("Ⅰ/1", "①事務の名称", "国民健康保険に関する事務"),
    ("Ⅰ/2/システム1", "①システムの名称", "国民健康保険システム"),
    ("Ⅰ/2/システム1", "③他のシステムとの接続", "[○] 庁内連携システム [ ] 税務システム"),
    ("Ⅰ/2/システム2", "①システムの名称", "中間サーバー"),
    ("Ⅰ/2/システム2", "③他のシステムとの接続", "[ ] 庁内連携システム [ ] 税務システム"),
    ("Ⅰ/3", "", "国保ファイル"),
    ("Ⅰ/5", "法令上の根拠", "番号法第9条第1項 別表の44の項"),
    ("Ⅰ/6", "①実施の有無", "[実施する] <選択肢> 1) 実施する 2) 実施しない 3) 未定"),
    ("Ⅰ/6", "②法令上の根拠", "【情報照会】 番号法第19条第8号主務省令第2条の表の69の項 【情報提供】 同表の2の項"),
    ("Ⅰ/7", "①部署", "国民健康保険課"),
    ("Ⅱ/ファイル1/1", "", "国保ファイル"),
    ("Ⅱ/ファイル1/2", "②対象となる本人の数", RANGE),
    ("Ⅱ/ファイル1/4", "委託の有無", "[委託する] <選択肢> 1) 委託する 2) 委託しない (2) 件"),
    ("Ⅱ/ファイル1/4/委託事項1", "", "保守業務"),
    ("Ⅱ/ファイル1/4/委託事項1", "⑦再委託の有無", "[再委託しない] <選択肢> 1) 再委託する 2) 再委託しない"),
    ("Ⅱ/ファイル1/5", "提供・移転の有無", "[○] 提供を行っている (4) 件 [ ] 移転を行っている ( ) 件"),
    ("Ⅱ/ファイル1/5/提供先1", "", "全国健康保険協会"),
    ("Ⅱ/ファイル1/5/提供先1", "①法令上の根拠", "番号法第19条第8号に基づく主務省令第2条の表の2の項"),
    ("Ⅱ/ファイル1/5/提供先1", "⑥提供方法", "[○] 情報提供ネットワークシステム [ ] 専用線"),
    ("Ⅱ/ファイル1/5/提供先21", "", "命令第2条の表に定める情報照会者(別紙1参照)"),
    ("Ⅱ/ファイル1/5/提供先21", "①法令上の根拠", "命令第2条の表(別紙1参照)"),
    ("Ⅱ/ファイル1/5/提供先21", "④提供する情報の対象となる本人の数", RANGE),
    ("Ⅱ/ファイル1/5/提供先21", "⑥提供方法", "[ ] 情報提供ネットワークシステム [ ] 専用線"),
    ("Ⅲ/ファイル1/2/リスク1", "", "目的外の入手が行われるリスク"),
    ("Ⅲ/ファイル1/2/リスク1", "リスクに対する措置の内容", "窓口で確認する。"),
    ("Ⅲ/ファイル1/2/リスク1", "リスクへの対策は十分か", "[課題が残されている] <選択肢> 1) 特に力を入れている"),
    ("別紙1", "title", "番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第二条の表に定める事務"),
    ("別紙1", "header", "No.\t情報照会者\t法令上の根拠(項番)\t用途"),
    ("別紙1", "row", "1\t厚生労働大臣\t一\t健康保険に関する事務"),
    ("別紙1", "row", "2\t市町村長\t八十二の二\t介護保険に関する事務"),
    ("別添3", "header", "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明"),
    ("別添3", "row", "令和7年6月6日\tⅠ 基本情報\t(略)\t(新規)\t事後\t形式的な変更"),
]


@pytest.fixture(scope="module")
def record() -> AssessmentRecord:
    blocks = tuple(
        Block(tuple(path.split("/")), label, value, Span(n, n)) for n, (path, label, value) in enumerate(ROWS, 1)
    )
    cover = "\n".join(f"{label}\n{value}" for path, label, value in ROWS if path == "表紙")
    source = SourceDocument("t.txt", "0" * 64, "utf-8", cover)  # the cover is read from the text by the form reader
    return extract(SegmentedDocument(source, "pdf-text", "full", blocks, reading=read_form(cover)))


def _messages(record: AssessmentRecord) -> list[str]:
    return [w.message for w in record.warnings]


def test_cover(record: AssessmentRecord) -> None:
    assert record.cover.number == "5"
    assert record.cover.form_version == "平成30年5月 様式4"
    assert record.cover.published == date(2025, 6, 6)
    assert (record.cover.prefecture, record.cover.local_government) == ("〇〇県", "〇〇市")


def test_systems_and_undecidable_ticks(record: AssessmentRecord) -> None:
    assert record.basic is not None
    first, second = record.basic.systems
    assert first.connections == ("庁内連携システム",)
    assert second.connections is None
    assert "③他のシステムとの接続: ticks cannot be decided" in _messages(record)


def test_network_basis_parts(record: AssessmentRecord) -> None:
    assert record.basic is not None
    query, provide = record.basic.network_basis
    assert query.text.startswith("【情報照会】") and provide.text.startswith("【情報提供】")
    assert [p.table_item for p in query.provisions if p.table_item] == ["69"]


def test_outsourcing_count_and_missing_contractor(record: AssessmentRecord) -> None:
    file1 = record.files[0]
    assert file1.outsourcing_declared == 2
    (item,) = file1.outsourcing
    assert item.title == "保守業務" and item.subcontracting is False and item.contractor is None
    assert "⑥委託先名: not found" in _messages(record)
    assert "委託: 2 declared, 1 listed" in _messages(record)


def test_listed_flows_keep_their_numbers(record: AssessmentRecord) -> None:
    listed = [f for f in record.files[0].flows if f.annex_row is None]
    assert [f.no for f in listed] == [1, 21]
    assert listed[0].location.section == "Ⅱ/ファイル1/5/提供先1"
    assert listed[1].annex == "別紙1"
    assert listed[1].methods is None  # nothing ticked: undecidable
    assert "提供先: 1, 21 listed; 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 not found" in (
        _messages(record)
    )


def test_annex_rows_expand_the_flow(record: AssessmentRecord) -> None:
    expanded = [f for f in record.files[0].flows if f.annex_row is not None]
    assert [(f.no, f.annex_row, f.recipient) for f in expanded] == [(21, "1", "厚生労働大臣"), (21, "2", "市町村長")]
    assert [p.table_item for f in expanded for p in f.legal_basis.provisions] == ["1", "82の2"]  # type: ignore[union-attr]
    assert expanded[1].purpose == "介護保険に関する事務"
    assert expanded[1].subject_count_range == "10万人以上100万人未満"  # stated by the listed flow for every row
    assert expanded[0].location.section == "別紙1"
    assert "提供先: 4 declared, 3 read" in _messages(record)
    assert record.files[0].transfer_declared is None


def test_risk_rating_and_changes(record: AssessmentRecord) -> None:
    (risk,) = record.risks
    assert (risk.stage, risk.no, risk.rating) == ("入手", 1, "課題が残されている")
    assert risk.measures == "リスクに対する措置の内容: 窓口で確認する。"
    (change,) = record.changes
    assert change.date == date(2025, 6, 6) and change.timing == "事後" and change.new == "(新規)"


def _two_file_record(*annex: tuple[str, str, str]) -> AssessmentRecord:
    rows = [
        ("表紙", "評価書名", "住民基本台帳に関する事務 全項目評価書"),
        ("Ⅱ/ファイル1/1", "", "（１）住民基本台帳ファイル"),
        ("Ⅱ/ファイル2/1", "", "（２）本人確認情報ファイル"),
        ("別添2", "title", "特定個人情報ファイル記録項目"),
        *annex,
    ]
    blocks = tuple(
        Block(tuple(path.split("/")), label, value, Span(n, n)) for n, (path, label, value) in enumerate(rows, 1)
    )
    return extract(SegmentedDocument(SourceDocument("t.txt", "0" * 64, "utf-8", ""), "cells", "full", blocks))


def test_record_items_of_several_files_go_to_the_file_their_caption_names() -> None:
    record = _two_file_record(
        ("別添2", "", "（１）住民基本台帳ファイル"),
        ("別添2", "header", "No\t項目名\tNo\t項目名"),
        ("別添2", "row", "1\t氏名\t2\t住所"),
        ("別添2", "", "本人確認情報ファイル"),  # the file's name alone
        ("別添2", "row", "1\t住民票コード\t2\t個人番号"),
    )
    assert [[item.name for item in file.record_items] for file in record.files] == [
        ["氏名", "住所"],
        ["住民票コード", "個人番号"],
    ]
    assert not any("record items not assigned" in w.message for w in record.warnings)


def test_record_items_of_several_files_without_captions_are_not_guessed() -> None:
    record = _two_file_record(("別添2", "row", "1\t氏名\t2\t住所"), ("別添2", "", "（３）住民基本台帳ファイル"))
    assert [file.record_items for file in record.files] == [(), ()]  # (3) is no file's number: not a caption
    assert any("record items not assigned" in w.message for w in record.warnings)
