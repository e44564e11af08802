"""Parts of the form found by meaning (loaders/extract/forms.py): the full, focused and basic forms number their
sections differently, and a printed title outranks the number."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import extract
from loaders.extract.forms import PARTS, SECTIONS, FormParts
from loaders.extract.values import enumerated
from loaders.model import AssessmentRecord, Block, FormKind, SegmentedDocument, SourceDocument, Span
from loaders.read import read_document
from loaders.segment import segment

CHANGES_HEADER = "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明"
CHANGE_ROW = "令和7年6月6日\tⅠ 基本情報\t(略)\t(新規)\t事後\t形式的な変更"
LINKAGE = "[実施する] <選択肢> 1) 実施する 2) 実施しない 3) 未定"

# a 重点項目評価書 as printed: 個人番号の利用 Ⅰ-4, 情報連携 Ⅰ-5, 担当部署 Ⅰ-6, Ⅳ 開示請求・問合せ, 別添2 変更箇所
FOCUSED = [
    ("Ⅰ/1", "①事務の名称", "生活保護に関する事務"),
    ("Ⅰ/3", "", "生活保護ファイル"),
    ("Ⅰ/4", "法令上の根拠", "番号法第9条第1項 別表の23の項"),
    ("Ⅰ/5", "①実施の有無", LINKAGE),
    ("Ⅰ/5", "②法令上の根拠", "【情報照会】 番号法第19条第8号に基づく主務省令第2条の表42の項"),
    ("Ⅰ/6", "①部署", "生活保護・自立支援室"),
    ("Ⅰ/6", "②所属長の役職名", "保護指導担当課長"),
    ("Ⅱ/ファイル1/1", "", "生活保護ファイル"),
    ("Ⅲ/ファイル1/2/リスク1", "", "目的外の入手が行われるリスク"),
    ("Ⅲ/ファイル1/2/リスク1", "リスクへの対策は十分か", "[十分である] <選択肢> 1) 特に力を入れている"),
    ("Ⅳ/1", "①請求先", "生活保護・自立支援室"),
    ("Ⅳ/2", "①連絡先", "生活保護・自立支援室 電話番号"),
    ("Ⅴ/2", "②実施日・期間", "令和7年4月1日から令和7年4月30日まで"),
    ("別添2", "header", CHANGES_HEADER),
    ("別添2", "row", CHANGE_ROW),
]


def _document(
    rows: list[tuple[str, str, str]], form: FormKind | None, titles: dict[str, str] | None = None
) -> SegmentedDocument:
    blocks = tuple(
        Block(tuple(path.split("/")), label, value, Span(n, n)) for n, (path, label, value) in enumerate(rows, 1)
    )
    printed = tuple(Block(tuple(path.split("/")), "title", title, Span(1, 1)) for path, title in (titles or {}).items())
    return SegmentedDocument(SourceDocument("t.txt", "0" * 64, "utf-8", ""), "pdf-text", form, blocks, titles=printed)


@pytest.fixture(scope="module")
def focused() -> AssessmentRecord:
    return extract(_document(FOCUSED, "focused"))


def test_focused_form_read_by_its_own_numbering(focused: AssessmentRecord) -> None:
    basic = focused.basic
    assert basic is not None
    assert basic.number_use_basis is not None and basic.number_use_basis.text.startswith("番号法第9条第1項")
    assert basic.network_linkage is True
    assert [c.text for c in basic.network_basis] == ["【情報照会】 番号法第19条第8号に基づく主務省令第2条の表42の項"]
    assert (basic.department, basic.head_post) == ("生活保護・自立支援室", "保護指導担当課長")
    assert [(c.kind, c.text) for c in focused.contacts] == [
        ("disclosure", "生活保護・自立支援室"),
        ("inquiry", "生活保護・自立支援室 電話番号"),
    ]
    assert [step.kind for step in focused.procedure] == ["public-comment"]
    assert [(c.item, c.timing) for c in focused.changes] == [("Ⅰ 基本情報", "事後")]
    assert [(r.stage, r.rating) for r in focused.risks] == [("入手", "十分である")]


def test_the_same_blocks_read_as_a_full_form_take_other_fields() -> None:
    record = extract(_document(FOCUSED, "full"))
    assert record.basic is not None
    assert record.basic.network_linkage is None  # Ⅰ-6 of a full form (情報連携) is Ⅰ-6 担当部署 here
    assert record.basic.department is None  # Ⅰ-7 of a full form is not printed in this focused form
    assert len(record.changes) == 1  # the change history is recognised by its captions, not by its number


def test_a_printed_title_outranks_the_number() -> None:
    """A full form whose headings print 個人番号の利用 as Ⅰ-4 (say, a version without 取り扱う理由) is read by title."""
    rows = [
        ("Ⅰ/4", "法令上の根拠", "番号法第9条第1項 別表の23の項"),
        ("Ⅰ/5", "①実施の有無", LINKAGE),
        ("Ⅰ/6", "①部署", "市民課"),
        ("別添9", "header", CHANGES_HEADER),
        ("別添9", "row", CHANGE_ROW),
    ]
    titles = {"Ⅰ": "基本情報", "Ⅰ/4": "個人番号の利用", "Ⅰ/5": "情報提供ネットワークシステムによる情報連携 ※"}
    titles["Ⅰ/6"] = "評価実施機関における担当部署"
    record = extract(_document(rows, "full", titles))
    assert record.basic is not None
    assert record.basic.number_use_basis is not None
    assert record.basic.network_linkage is True
    assert record.basic.department == "市民課"
    assert len(record.changes) == 1  # the change history recognised by its captions, whatever its label


def test_a_title_without_blocks_falls_back_to_the_number() -> None:
    """A heading read out of place (its title recorded where its fields are not) does not hide the fields."""
    document = _document(FOCUSED, "focused", {"Ⅲ/2": "特定個人情報ファイルの取扱いに関する問合せ"})
    assert FormParts(document).locate("inquiry") == ("Ⅳ", "2")


def test_titles_shared_by_several_parts_count_inside_their_section() -> None:
    titles = {
        "Ⅱ": "特定個人情報ファイルの概要",
        "Ⅲ": "リスク対策",
        "Ⅱ/ファイル1/4": "特定個人情報ファイルの取扱いの委託",
    }
    titles["Ⅲ/ファイル1/4"] = "特定個人情報ファイルの取扱いの委託"
    parts = FormParts(_document([], "focused", titles))
    assert parts.part(("Ⅱ", "ファイル1", "4")) == "outsourcing"
    assert parts.part(("Ⅲ", "ファイル1", "4")) == "risk-outsourcing"
    assert parts.part(("Ⅲ", "ファイル1", "8")) == "audit"  # by the focused form's number
    assert FormParts(_document([], "full")).part(("Ⅳ", "1")) == "audit"


def test_basic_form_numbering() -> None:
    rows = [
        ("Ⅰ/3", "法令上の根拠", "番号法第9条第1項 別表の23の項"),
        ("Ⅰ/5", "①部署", "市民課"),
        ("Ⅰ/7", "①請求先", "市民課"),
        ("別添1", "header", CHANGES_HEADER),
        ("別添1", "row", CHANGE_ROW),
    ]
    record = extract(_document(rows, "basic"))
    assert record.basic is not None and record.basic.number_use_basis is not None
    assert record.basic.department == "市民課"
    assert [c.kind for c in record.contacts] == ["disclosure"]
    assert len(record.changes) == 1
    assert record.files == ()


def test_every_part_is_placed_in_a_known_section() -> None:
    for part in PARTS:
        assert part.places, part.meaning
        for form, (section, number) in part.places.items():
            assert section == "annex" or form in SECTIONS[section][1], (part.meaning, form)
            assert number.isdigit() or number.startswith("別添"), part.meaning


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def kawasaki() -> AssessmentRecord:
    """000: a 重点項目評価書 extracted from PDF."""
    found = sorted(CORPUS.glob("000_*.txt")) if CORPUS.is_dir() else []
    if not found:
        pytest.skip("corpus not found")
    return extract(segment(read_document(found[0])))


def test_corpus_focused_form(kawasaki: AssessmentRecord) -> None:
    basic = kawasaki.basic
    assert basic is not None and basic.number_use_basis is not None
    assert basic.number_use_basis.text.startswith("・番号法第９条第１項 別表の２３の項")
    assert basic.network_linkage is True
    assert [c.text.split()[0] for c in basic.network_basis] == ["【情報照会】", "【情報提供】"]
    assert (basic.department, basic.head_post) == ("健康福祉局生活保護・自立支援室", "保護指導担当課長")
    assert [c.kind for c in kawasaki.contacts] == ["disclosure", "inquiry"]
    assert len(kawasaki.changes) == 210
    assert {c.timing for c in kawasaki.changes} <= {"事前", "事後"}


def test_enumerators_of_every_kind_are_stripped() -> None:
    assert enumerated("（１）住民基本台帳ファイル\n（２）本人確認情報ファイル") == (
        "住民基本台帳ファイル",
        "本人確認情報ファイル",
    )
    assert enumerated("１．Ａファイル\n２．Ｂファイル") == ("Ａファイル", "Ｂファイル")
    assert enumerated("①Aファイル\n②Bファイル") == ("Aファイル", "Bファイル")
    assert enumerated("1. 住民基本台帳ファイル") == ("住民基本台帳ファイル",)
    assert enumerated("1.5次システム") == ("1.5次システム",)  # a decimal, not an enumerator


def test_a_note_under_a_system_name_goes_to_its_description() -> None:
    rows = [
        (
            "Ⅰ/2/システム1",
            "①システムの名称",
            "住基ネット\n※「３．特定個人情報ファイル名」は市町村ＣＳ部分について記載する。",
        ),
        ("Ⅰ/2/システム1", "②システムの機能", "本人確認情報の更新"),
    ]
    record = extract(_document(rows, "full"))
    assert record.basic is not None
    [system] = record.basic.systems
    assert system.name == "住基ネット"
    assert system.function == "本人確認情報の更新\n※「３．特定個人情報ファイル名」は市町村ＣＳ部分について記載する。"


def test_record_items_listed_under_bracketed_groups() -> None:
    rows = [
        ("Ⅱ/ファイル1/1", "", "生活保護ファイル"),
        ("別添1", "", "【決定関連情報】\n氏名、資産保有情報（土地、家屋）、ケース番号\n【経理関連情報】\n口座情報"),
    ]
    record = extract(_document(rows, "focused", {"別添1": "特定個人情報ファイル記録項目"}))
    items = [(i.group, i.name) for i in record.files[0].record_items]
    assert items == [
        ("決定関連情報", "氏名"),
        ("決定関連情報", "資産保有情報（土地、家屋）"),
        ("決定関連情報", "ケース番号"),
        ("経理関連情報", "口座情報"),
    ]


def test_annex_rows_of_the_order_read_as_items_of_its_table() -> None:
    """An annex titled by the 第19条第8号 order without its table: its 項番 are items of the order's 第2条の表."""
    rows = [
        ("別紙1", "title", "番号法第１９条第８号に基づく主務省令に定める事務"),
        ("別紙1", "header", "項番\t情報照会者\t事務"),
        ("別紙1", "row", "3\t健康保険組合\t"),
    ]
    [annex] = extract(_document(rows, "full")).annexes
    [row] = annex.rows
    assert row.legal_basis is not None
    assert [(p.law.key, p.table, p.table_item) for p in row.legal_basis.provisions] == [
        ("bango-19-8-order", "第2条の表", "3")
    ]


def test_form_told_by_the_form_number_when_the_title_does_not_say() -> None:
    rows = [("表紙", "", "[令和6年10月 様式3]"), *FOCUSED]
    assert FormParts(_document(rows, None)).form == "focused"
    assert FormParts(_document(FOCUSED, None)).form == "full"  # unknown: the full form's numbering
