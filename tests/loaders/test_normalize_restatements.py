"""Change-history restatements: what the latest change says an item reads now."""

from __future__ import annotations

from loaders.model import Block, Span
from loaders.normalize.restatements import restatements, same_text

HEADER = "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明"
SYSTEM_LABELS = {"①システムの名称", "②システムの機能"}


def _changes(*rows: tuple[str, str, str]) -> list[Block]:
    blocks = [Block(("別添2",), "header", HEADER, Span(1, 1))]
    for n, (day, item, new) in enumerate(rows, 2):
        blocks.append(Block(("別添2",), "row", f"{day}\t{item}\t（新規）\t{new}\t事後\t", Span(n, n)))
    return blocks


def test_a_system_restated_with_bracketed_labels_and_an_enumeration_inside_a_value() -> None:
    # 000's 別添2: 「【①システムの名称】 … 【②システムの機能】 ①資格履歴管理事務に係る機能 …」
    new = "【①システムの名称】 医療保険者等向け中間サーバー等 【②システムの機能】 ①資格履歴管理事務に係る機能 (1)資格"
    found = restatements(
        _changes(("令和6年3月26日", "Ⅰ関連情報（２．使用するシステム システム５）", new)), SYSTEM_LABELS
    )
    assert found == {
        "システム5": (
            None,
            {
                "①システムの名称": "医療保険者等向け中間サーバー等",
                "②システムの機能": "①資格履歴管理事務に係る機能(1)資格",
            },
        )
    }


def test_the_latest_restatement_counts_and_rows_of_one_date_must_agree() -> None:
    rows = (
        ("令和2年3月31日", "（２．システム システム３）", "【①システムの名称】 旧サーバー"),
        ("令和6年3月26日", "（２．システム システム３）", "【①システムの名称】 中間サーバー"),
        ("令和6年3月26日", "（２．システム システム４）", "【①システムの名称】 甲"),
        ("令和6年3月26日", "（２．システム システム４）", "【①システムの名称】 乙"),
    )
    found = restatements(_changes(*rows), SYSTEM_LABELS)
    assert found == {"システム3": (None, {"①システムの名称": "中間サーバー"})}


def test_a_label_written_twice_is_not_a_restatement() -> None:
    new = "【①システムの名称】 甲 【①システムの名称】 乙"
    assert restatements(_changes(("令和6年3月26日", "（システム１）", new)), SYSTEM_LABELS) == {}


def test_same_text_forgives_one_non_digit_slip_only() -> None:
    assert same_text("主務省令第２条の表５３の項", "主務省令第２上の表５３の項")
    assert not same_text("主務省令第２条の表５３の項", "主務省令第２条の表５４の項")
    assert not same_text("主務省令第２条の表５３の項", "主務省令第２上の表５３の頃")  # two slips
    assert not same_text("表５３の項", "表５３の項目")
