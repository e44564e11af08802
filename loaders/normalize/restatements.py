"""What a change history (別添 変更箇所) says an item of the form reads now: its restatements.

A change-history row names what changed in its 項目 cell and gives the new text in 変更後の記載. Rows that
name a numbered item restate it, either whole (項目 "…（５．…　提供先４）", new text
"都道府県知事又は市町村長 ①法令上の根拠 …", or "【①システムの名称】 中間サーバー 【②システムの機能】 …")
or one row at a time (項目 "…　移転先８　①法令上の根拠）", new text the row's text alone).
Layouts that lose the form's order use these to decide which item a row is (loaders.segment.pdf_text
before placing rows, loaders.extract.crosscheck after): both read restatements here.

The latest restatement counts (by 変更日; rows of one date must agree, else the item is left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from loaders.model import Block, YearMonth
from loaders.normalize.dates import parse_wareki
from loaders.normalize.text import fold_width

ITEM_KINDS = ("システム", "委託事項", "提供先", "移転先")
_KINDS = "|".join(ITEM_KINDS)
_ITEM_RE = re.compile(rf"({_KINDS})(\d+)[)）]?$")
_ITEM_LABEL_RE = re.compile(rf"({_KINDS})(\d+)([①-⑳][^()]*)\)?$")  # "…移転先8①法令上の根拠)"
_LEADING_ITEM_RE = re.compile(rf"^(?:{_KINDS})[0-9０-９]+")  # a restatement starting with its item: "提供先１０ …"
_BRACKETED_LABEL_RE = re.compile(r"【([①-⑳][^【】]*)】")  # "【①システムの名称】"
_CHANGES = "変更箇所"
_NEW_TEXT = "変更後の記載"

Restatement = tuple[str | None, dict[str, str]]  # what precedes the rows (None: not restated), label -> text


def squeeze(text: str) -> str:
    """The text without whitespace: restatements and the body wrap text differently."""
    return re.sub(r"\s+", "", text)


def same_text(printed: str, restated: str) -> bool:
    """Whether a squeezed row printed in the body is the squeezed restated text: equal, or but for one
    character that is not a digit (a slip: 「第２上の表」 for 「第２条の表」); the numbers, which make the
    row what it is, agree."""
    if printed == restated:
        return True
    a, b = fold_width(printed), fold_width(restated)
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differing) == 1 and not any(char.isdigit() for char in differing[0])


def _item(cell: str) -> str | None:
    match = _ITEM_RE.search(fold_width(squeeze(cell)))
    return f"{match.group(1)}{int(match.group(2))}" if match else None


def _parts(text: str, labels: Iterable[str]) -> Restatement | None:
    """What precedes the first label, and the text after each label, of a text restating labelled rows; None when
    no label is written or one is written twice. The text is split only where a label starts, so an enumeration
    inside a value (「①資格履歴管理事務に係る機能」) is part of that value."""
    squeezed = _LEADING_ITEM_RE.sub("", _BRACKETED_LABEL_RE.sub(r"\1", squeeze(text)))
    ordered = sorted(set(labels), key=len, reverse=True)
    starts: list[tuple[int, str]] = []
    position = 0
    while position < len(squeezed):
        label = next((label for label in ordered if squeezed.startswith(label, position)), None)
        if label is not None:
            starts.append((position, label))
            position += len(label)
        else:
            position += 1
    found = [label for _, label in starts]
    if not starts or len(set(found)) != len(found):
        return None
    rows = {
        label: squeezed[at + len(label) : starts[n + 1][0] if n + 1 < len(starts) else len(squeezed)]
        for n, (at, label) in enumerate(starts)
    }
    head = squeezed[: starts[0][0]]
    return (head or None), rows


def _names_another_item(text: str, item: str) -> bool:
    """Whether a restated text starts with an item number other than the row's item."""
    leading = _LEADING_ITEM_RE.match(fold_width(squeeze(text)))
    return leading is not None and _item(leading.group(0)) != item


def _item_and_label(cell: str, new: str, labels: Iterable[str]) -> tuple[str, Restatement] | None:
    """(item, restatement) of a 項目 naming an item and one of ``labels``, 変更後の記載 being that row's text, or
    the item restated whole from its recipient on ("受け手 ①法令上の根拠 …") when the text reads so."""
    match = _ITEM_LABEL_RE.search(fold_width(squeeze(cell)))
    label = next((label for label in labels if match and fold_width(label) == match.group(3)), None)
    if match is None or label is None or not squeeze(new):
        return None
    item = f"{match.group(1)}{int(match.group(2))}"
    whole = _parts(new, labels)
    if whole is not None and label in whole[1]:
        return item, whole
    return item, (None, {label: squeeze(new)})


def _sort_key(day: date | YearMonth | None) -> tuple[int, int, int]:
    if isinstance(day, date):
        return (day.year, day.month, day.day)
    if isinstance(day, YearMonth):
        return (day.year, day.month, 0)
    return (0, 0, 0)


def restatements(blocks: Iterable[Block], labels: Iterable[str]) -> dict[str, Restatement]:
    """item ("提供先4", "システム3") -> its latest restatement in the change-history tables among ``blocks``.

    An item restated with what precedes its rows (a flow's recipient) counts by its latest such restatement;
    an item restated row by row (or without anything before its rows) by each row's latest text."""
    return {item: restated for item, (_day, restated) in _dated(blocks, labels).items()}


def current_restatements(blocks: Iterable[Block], labels: Iterable[str]) -> dict[str, Restatement]:
    """The restatements (as ``restatements``) made on the history's latest 変更日: they state the items as this
    version numbers them (no later change can have renumbered them)."""
    blocks = list(blocks)
    latest = max((_sort_key(parse_wareki(day)) for day in _change_dates(blocks) if day), default=(0, 0, 0))
    dated = _dated(blocks, labels)
    return {item: restated for item, (day, restated) in dated.items() if day == latest and day != (0, 0, 0)}


def _tables(blocks: list[Block]) -> list[tuple[tuple[str, ...], dict[str, int]]]:
    """(headings, caption -> column) of each change-history table among ``blocks``."""
    tables = []
    for annex in dict.fromkeys(b.headings for b in blocks if b.label == "header"):
        header = next(b for b in blocks if b.headings == annex and b.label == "header").value.split("\t")
        if not any(_CHANGES in fold_width(h) for h in annex) and _NEW_TEXT not in header:
            continue
        columns = {caption: n for n, caption in enumerate(header)}
        if {"変更日", "項目", _NEW_TEXT} <= set(columns):
            tables.append((annex, columns))
    return tables


def _change_dates(blocks: list[Block]) -> list[str]:
    """The 変更日 cells of every row of the change history."""
    dates = []
    for annex, columns in _tables(blocks):
        for row in (b for b in blocks if b.headings == annex and b.label == "row"):
            cells = row.value.split("\t")
            if len(cells) == len(columns):
                dates.append(cells[columns["変更日"]])
    return dates


def _dated(blocks: Iterable[Block], labels: Iterable[str]) -> dict[str, tuple[tuple[int, int, int], Restatement]]:
    """item -> (the date of its latest restatement, that restatement); see ``restatements``."""
    blocks = list(blocks)
    labels = set(labels)
    found: dict[str, list[tuple[tuple[int, int, int], Restatement]]] = {}
    for annex, columns in _tables(blocks):
        for row in (b for b in blocks if b.headings == annex and b.label == "row"):
            cells = row.value.split("\t")
            if len(cells) != len(columns):
                continue
            item = _item(cells[columns["項目"]])
            restated = _parts(cells[columns[_NEW_TEXT]], labels) if item else None
            if item and _names_another_item(cells[columns[_NEW_TEXT]], item):
                continue  # 項目 "…提供先２９）" restating "提供先３１ …": which item it is cannot be told
            if item is None and (
                labelled := _item_and_label(cells[columns["項目"]], cells[columns[_NEW_TEXT]], labels)
            ):
                item, restated = labelled
            if item and restated:
                day = parse_wareki(cells[columns["変更日"]]) if cells[columns["変更日"]] else None
                found.setdefault(item, []).append((_sort_key(day), restated))
    latest: dict[str, tuple[tuple[int, int, int], Restatement]] = {}
    for item, dated in found.items():
        whole = [(key, r) for key, r in dated if r[0] is not None]
        if whole:
            newest = max(key for key, _ in whole)
            versions = {(r[0], tuple(sorted(r[1].items()))) for key, r in whole if key == newest}
            if len(versions) == 1:
                latest[item] = (newest, next(r for key, r in whole if key == newest))
        elif rows := _latest_rows(dated):
            latest[item] = (max(key for key, _ in dated), (None, rows))
    return latest


def _latest_rows(dated: list[tuple[tuple[int, int, int], Restatement]]) -> dict[str, str]:
    """label -> its latest restated text, for an item restated one row at a time (rows of one date must agree)."""
    rows: dict[str, str] = {}
    for label in {label for _, (_, restated) in dated for label in restated}:
        texts = [(key, restated[label]) for key, (_, restated) in dated if label in restated]
        newest = max(key for key, _ in texts)
        versions = {text for key, text in texts if key == newest}
        if len(versions) == 1:
            rows[label] = versions.pop()
    return rows


def item_order(item: str) -> tuple[str, int]:
    """A sort key for items: kind, then number."""
    match = _ITEM_RE.search(item)
    return (match.group(1), int(match.group(2))) if match else (item, 0)
