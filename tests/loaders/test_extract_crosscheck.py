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
