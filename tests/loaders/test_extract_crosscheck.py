"""Cross-check: an unowned Ⅱ-5 row is given to its item only where the change history restates it alike."""

from __future__ import annotations

from loaders.extract.crosscheck import attribute_from_changes
from loaders.model import Block, SegmentedDocument, SourceDocument, Span

BASE = ("Ⅱ", "ファイル1", "5")
HEADER = "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明"


def _doc(*blocks: Block) -> SegmentedDocument:
    source = SourceDocument("x.txt", "0", "utf-8", "")
    return SegmentedDocument(source=source, layout="pdf-text", form="focused", blocks=blocks)


def _block(headings: tuple[str, ...], label: str, value: str, line: int) -> Block:
    return Block(headings, label, value, Span(line, line))


def _change(item: str, new: str, day: str, line: int) -> Block:
    return _block(("別添2",), "row", f"{day}\t（５．提供・移転 {item}）\t旧\t{new}\t事後\t", line)


def _owners(doc: SegmentedDocument) -> dict[str, str]:
    return {b.value: b.headings[-1] for b in doc.blocks if b.label == "①法令上の根拠"}


BODY = (
    _block(("Ⅱ", "ファイル1", "1"), "", "生活保護ファイル", 1),
    _block((*BASE, "提供先3"), "", "都道府県知事", 10),
    _block((*BASE, "提供先4"), "", "都道府県知事又は市町村長", 11),
    _block(BASE, "①法令上の根拠", "主務省令第２条の表１８の項", 12),
    _block(BASE, "①法令上の根拠", "主務省令第２条の表２０の項", 13),
    _block(("別添2",), "header", HEADER, 20),
)


def test_a_row_restated_with_the_same_recipient_is_given_to_its_item() -> None:
    doc = _doc(
        *BODY,
        _change("提供先３", "都道府県知事\n①法令上の根拠\n主務省令第２条の\n表１８の項", "令和7年7月31日", 21),
        _change("提供先４", "都道府県知事又は市町村長 ①法令上の根拠 主務省令第２条の表２０の項", "令和7年7月31日", 22),
    )
    assert _owners(attribute_from_changes(doc)) == {
        "主務省令第２条の表１８の項": "提供先3",
        "主務省令第２条の表２０の項": "提供先4",
    }


def test_the_latest_restatement_counts_and_a_different_recipient_decides_nothing() -> None:
    doc = _doc(
        *BODY,
        _change("提供先３", "都道府県知事 ①法令上の根拠 主務省令第２条の表２０の項", "平成28年8月12日", 21),
        _change("提供先３", "都道府県知事 ①法令上の根拠 主務省令第２条の表１８の項", "令和7年7月31日", 22),
        _change("提供先４", "市町村長 ①法令上の根拠 主務省令第２条の表２０の項", "令和7年7月31日", 23),
    )
    assert _owners(attribute_from_changes(doc)) == {
        "主務省令第２条の表１８の項": "提供先3",
        "主務省令第２条の表２０の項": "5",  # 提供先4's recipient differs from the body's: not decided
    }


def test_a_value_printed_twice_is_not_decided() -> None:
    doc = _doc(
        *BODY,
        _block(BASE, "①法令上の根拠", "主務省令第２条の表１８の項", 14),
        _change("提供先３", "都道府県知事 ①法令上の根拠 主務省令第２条の表１８の項", "令和7年7月31日", 21),
    )
    assert set(_owners(attribute_from_changes(doc)).values()) == {"5"}


def test_a_row_restated_under_its_item_and_label_is_given_by_its_latest_text() -> None:
    doc = _doc(
        *BODY,
        _change("移転先８　①法令上の\n根拠", "主務省令第２条の表１８の項", "平成28年8月12日", 21),
        _change("移転先８　①法令上の\n根拠", "主務省令第２条の表２０の項", "令和2年3月31日", 22),
        _change("移転先８　③移転する情報", "生活保護関係情報", "令和7年7月31日", 23),  # a later change of another row
        _change("移転先９　①法令上の根拠", "主務省令第２条の表９９の項", "令和2年3月31日", 24),  # not printed
    )
    assert _owners(attribute_from_changes(doc)) == {
        "主務省令第２条の表１８の項": "5",  # its earlier text: not the row's latest
        "主務省令第２条の表２０の項": "移転先8",
    }


def test_rows_printed_alike_go_one_to_each_item_restating_them() -> None:
    same = "条例第３条第２項（別表第２の１の項）"
    body = (*BODY, _block(BASE, "①法令上の根拠", same, 14), _block(BASE, "①法令上の根拠", same, 15))
    changes = [_change(f"移転先{n}　①法令上の根拠", same, "令和2年3月31日", 20 + n) for n in (1, 2, 4)]
    assert sorted(
        b.headings[-1] for b in attribute_from_changes(_doc(*body, *changes[:2])).blocks if b.value == same
    ) == [
        "移転先1",
        "移転先2",
    ]
    # three items restating a text printed twice: which item's row is missing cannot be told
    assert {b.headings[-1] for b in attribute_from_changes(_doc(*body, *changes)).blocks if b.value == same} == {"5"}


def test_a_slip_in_a_non_digit_character_still_matches_but_a_different_number_does_not() -> None:
    # the change history of 000 restates 「主務省令第２上の表５３の項」 for the body's 「第２条の表５３の項」
    doc = _doc(
        *BODY,
        _change("提供先３", "都道府県知事 ①法令上の根拠 主務省令第２上の表１８の項", "令和7年7月31日", 21),
        _change("提供先４", "都道府県知事又は市町村長 ①法令上の根拠 主務省令第２条の表２１の項", "令和7年7月31日", 22),
    )
    assert _owners(attribute_from_changes(doc)) == {
        "主務省令第２条の表１８の項": "提供先3",
        "主務省令第２条の表２０の項": "5",  # restated as item 21: another row
    }


def test_an_item_and_label_row_restating_the_recipient_too_is_checked_against_the_body() -> None:
    restated = "都道府県知事 ①法令上の根拠 主務省令第２条の表１８の項"
    doc = _doc(
        *BODY,
        _change("提供先３　①法令上の根拠", restated, "令和2年3月31日", 21),
        _change("提供先４　①法令上の根拠", "市町村長 ①法令上の根拠 主務省令第２条の表２０の項", "令和2年3月31日", 22),
    )
    assert _owners(attribute_from_changes(doc)) == {
        "主務省令第２条の表１８の項": "提供先3",
        "主務省令第２条の表２０の項": "5",  # 提供先4's recipient differs from the body's
    }
