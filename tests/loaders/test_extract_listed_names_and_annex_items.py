"""The extractor on hand-made Blocks modelled on corpus 003 (高崎市 住民基本台帳): enumerated file names, a system
name followed by a ※ note, and annexes whose title names no table (別紙1: 情報照会者, 別紙3: 関係課)."""

from __future__ import annotations

import pytest

from loaders.extract import extract
from loaders.extract.values import enumerated, without_note
from loaders.model import AssessmentRecord, Block, Flow, SegmentedDocument, SourceDocument, Span

ROWS = [
    ("表紙", "評価書番号", "1"),
    ("Ⅰ/2/システム2", "①システムの名称", "住民基本台帳ネットワークシステム ※「３．特定個人情報ファイル名」に示す…"),
    ("Ⅰ/3", "", "（１）住民基本台帳ファイル （２）本人確認情報ファイル"),
    ("Ⅱ/ファイル1/1", "", "（１）住民基本台帳ファイル"),
    ("Ⅱ/ファイル1/5", "提供・移転の有無", "[○] 提供を行っている (2) 件 [○] 移転を行っている (1) 件"),
    ("Ⅱ/ファイル1/5/提供先1", "", "番号法第19条第8号に基づく主務省令に定める情報照会者(別紙1参照)"),
    ("Ⅱ/ファイル1/5/提供先1", "①法令上の根拠", "番号法第19条第8号に基づく主務省令第2条の表"),
    ("Ⅱ/ファイル1/5/移転先1", "", "番号法第9条第1項別表に定める情報移転先の事務(別紙3参照)"),
    ("Ⅱ/ファイル1/5/移転先1", "①法令上の根拠", "番号法第9条第1項別表"),
    ("別紙1", "title", "番号法第19条第8号に基づく主務省令に定める事務"),
    ("別紙1", "header", "項番\t情報照会者\t事務\t情報提供者\t利用特定個人情報"),
    ("別紙1", "row", "1\t厚生労働大臣\t\t\t"),
    ("別紙1", "row", "百五十\t厚生労働大臣\t\t\t"),
    ("別紙3", "header", "事務\t項番\t関係課"),
    ("別紙3", "row", "災害弔慰金\t82の2\t社会福祉課"),
]


@pytest.fixture(scope="module")
def record() -> AssessmentRecord:
    blocks = tuple(
        Block(tuple(path.split("/")), label, value, Span(n, n)) for n, (path, label, value) in enumerate(ROWS, 1)
    )
    return extract(SegmentedDocument(SourceDocument("t.txt", "0" * 64, "utf-8", ""), "pdf-text", "full", blocks))


def _rows(record: AssessmentRecord) -> list[Flow]:
    return [f for f in record.files[0].flows if f.annex_row is not None]


def test_enumerated_names_are_split_and_stripped() -> None:
    assert enumerated("（１）住民基本台帳ファイル （２）本人確認情報ファイル") == (
        "住民基本台帳ファイル",
        "本人確認情報ファイル",
    )
    assert enumerated("(1)送付先情報ファイル") == ("送付先情報ファイル",)
    assert enumerated("共通基盤システム（庁内連携システム）") == ("共通基盤システム（庁内連携システム）",)
    assert enumerated("  ") == ()
    assert without_note("中間サーバ ※注記") == "中間サーバ"
    assert without_note("※のみ") is None


def test_file_and_system_names(record: AssessmentRecord) -> None:
    assert record.basic is not None
    assert record.basic.file_names == ("住民基本台帳ファイル", "本人確認情報ファイル")
    assert record.files[0].name == "住民基本台帳ファイル"
    assert [s.name for s in record.basic.systems] == ["住民基本台帳ネットワークシステム"]


def test_annex_items_read_against_the_referring_flows_table(record: AssessmentRecord) -> None:
    rows = [
        (f.kind, f.no, f.recipient, [(p.law.key, p.table, p.table_item) for p in f.legal_basis.provisions])
        for f in _rows(record)
        if f.legal_basis is not None
    ]
    assert rows == [
        ("provision", 1, "厚生労働大臣", [("bango-19-8-order", "第2条の表", "1")]),
        ("provision", 1, "厚生労働大臣", [("bango-19-8-order", "第2条の表", "150")]),
        ("transfer", 1, "社会福祉課", [("425AC0000000027", "別表", "82の2")]),
    ]
    assert [f.legal_basis.text for f in _rows(record) if f.legal_basis] == ["1", "百五十", "82の2"]  # as written


def test_annex_items_without_a_table_anywhere_carry_no_provision() -> None:
    rows = [r for r in ROWS if r[1] != "①法令上の根拠"]
    blocks = tuple(Block(tuple(p.split("/")), label, value, Span(n, n)) for n, (p, label, value) in enumerate(rows, 1))
    record = extract(SegmentedDocument(SourceDocument("t.txt", "0" * 64, "utf-8", ""), "pdf-text", "full", blocks))
    (transfer_row,) = [f for f in _rows(record) if f.kind == "transfer"]
    assert transfer_row.legal_basis is not None
    assert (transfer_row.legal_basis.text, transfer_row.legal_basis.provisions) == ("82の2", ())
    assert any(w.message.startswith("別紙3: the title names no legal table") for w in record.warnings)
