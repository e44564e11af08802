"""Cross-checks for rows whose item a layout could not decide (PDF text extractions lose the form's order).

The segmenter leaves a row of Ⅱ-5 without its item (提供先N / 移転先N) when the extraction printed the items
out of order. The change history (別添 変更箇所) often restates an item whole, e.g. 項目 "…（５．…　提供先４）"
with 変更後の記載 "都道府県知事又は市町村長 ①法令上の根拠 番号法第１９条第８号に基づく主務省令第２条の表２０の項".
A row is given to an item only when the two places agree:

- the item's latest restatement (by 変更日; rows of one date must agree) names the recipient the body prints
  beside the item's heading; an item restated one row at a time (項目 "…　移転先８　①法令上の根拠）", 変更後の記載
  the row's text alone) names no recipient: each row's latest text (by 変更日) is checked by the two rules below;
- the restated row's text is printed among the unowned rows with that label exactly as many times as items
  restate it so (once for one item; rows printed alike, e.g. three items on the same table item, are given one
  each: what each item states is the same text, whichever of the alike rows it is read from).

Only documents with one 特定個人情報ファイル are checked (a change-history 項目 does not say which file).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from loaders.extract.forms import FormParts
from loaders.model import Block, SegmentedDocument, YearMonth
from loaders.normalize.dates import parse_wareki
from loaders.normalize.text import fold_width

_ITEM_RE = re.compile(r"(提供先|移転先)(\d+)[)）]?$")
_ITEM_LABEL_RE = re.compile(r"(提供先|移転先)(\d+)([①-⑦][^()]*)\)?$")  # "…移転先8①法令上の根拠)"
_CIRCLED = "①②③④⑤⑥⑦"
_CHANGES = "変更箇所"

Restatement = tuple[str | None, dict[str, str]]  # recipient (None: not restated), label -> value (no spaces)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _item(cell: str) -> str | None:
    match = _ITEM_RE.search(fold_width(_squeeze(cell)))
    return f"{match.group(1)}{int(match.group(2))}" if match else None


def _item_and_label(cell: str, new: str, labels: set[str]) -> tuple[str, Restatement] | None:
    """(item, restatement) of a 項目 naming an item and one of ``labels``, 変更後の記載 being that row's text."""
    match = _ITEM_LABEL_RE.search(fold_width(_squeeze(cell)))
    label = next((label for label in labels if match and fold_width(label) == match.group(3)), None)
    if match is None or label is None or not _squeeze(new):
        return None
    return f"{match.group(1)}{int(match.group(2))}", (None, {label: _squeeze(new)})


def _parts(text: str, labels: set[str]) -> Restatement | None:
    """Recipient and labelled rows of a restated item ("受け手①法令上の根拠…②…")."""
    squeezed = re.sub(r"^(?:提供先|移転先)[0-9０-９]+", "", _squeeze(text))  # restated with its item number
    pieces = re.split(f"(?=[{_CIRCLED}])", squeezed)
    recipient, rows = pieces[0], {}
    for piece in pieces[1:]:
        label = next((label for label in labels if piece.startswith(label)), None)
        if label is None:
            return None
        rows[label] = piece[len(label) :]
    return (recipient, rows) if recipient and rows else None


def _sort_key(day: date | YearMonth | None) -> tuple[int, int, int]:
    if isinstance(day, date):
        return (day.year, day.month, day.day)
    if isinstance(day, YearMonth):
        return (day.year, day.month, 0)
    return (0, 0, 0)


def _restatements(blocks: tuple[Block, ...], labels: set[str]) -> dict[str, Restatement]:
    """item -> its latest restatement in the change history (items restated differently on one date are left)."""
    found: dict[str, list[tuple[tuple[int, int, int], Restatement]]] = {}
    for annex in dict.fromkeys(b.headings for b in blocks if b.label == "header"):
        header = next(b for b in blocks if b.headings == annex and b.label == "header").value.split("\t")
        if not any(_CHANGES in fold_width(h) for h in annex) and "変更後の記載" not in header:
            continue
        columns = {caption: n for n, caption in enumerate(header)}
        for row in (b for b in blocks if b.headings == annex and b.label == "row"):
            cells = row.value.split("\t")
            if len(cells) != len(header):
                continue
            item = _item(cells[columns["項目"]])
            restated = _parts(cells[columns["変更後の記載"]], labels) if item else None
            if item is None and (
                labelled := _item_and_label(cells[columns["項目"]], cells[columns["変更後の記載"]], labels)
            ):
                item, restated = labelled
            if item and restated:
                day = parse_wareki(cells[columns["変更日"]]) if cells[columns["変更日"]] else None
                found.setdefault(item, []).append((_sort_key(day), restated))
    latest: dict[str, Restatement] = {}
    for item, dated in found.items():
        whole = [(key, r) for key, r in dated if r[0] is not None]
        if whole:
            newest = max(key for key, _ in whole)
            versions = {(r[0], tuple(sorted(r[1].items()))) for key, r in whole if key == newest}
            if len(versions) == 1:
                latest[item] = next(r for key, r in whole if key == newest)
        elif rows := _latest_rows(dated):
            latest[item] = (None, rows)
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


def attribute_from_changes(segmented: SegmentedDocument) -> SegmentedDocument:
    """``segmented`` with the Ⅱ-5 rows the change history decides moved under their item."""
    blocks = segmented.blocks
    parts = FormParts(segmented)
    section = parts.section("files")
    files = {b.headings[1] for b in blocks if b.headings[:1] == (section,) and b.headings[1:2] != ()}
    files = {f for f in files if f.startswith("ファイル")}
    if section is None or len(files) != 1:
        return segmented
    base = parts.locate("flows", (section, files.pop()))
    if base is None:
        return segmented
    recipients = {
        b.headings[3]: _squeeze(b.value)
        for b in blocks
        if b.headings[:3] == base and len(b.headings) == 4 and b.label == ""
    }
    unowned = [n for n, b in enumerate(blocks) if b.headings == base and b.label]
    labels = {blocks[n].label for n in unowned}
    owned = {(b.headings[3], b.label) for b in blocks if b.headings[:3] == base and len(b.headings) == 4}
    claims: dict[tuple[str, str], list[str]] = {}  # (label, text) -> the items restating that row so
    for item, (recipient, rows) in _restatements(blocks, labels).items():
        if recipient is not None and recipients.get(item) != recipient:
            continue
        for label, value in rows.items():
            if (item, label) not in owned:  # an item the segmenter gave that row keeps it
                claims.setdefault((label, value), []).append(item)
    moved = list(blocks)
    for (label, value), items in claims.items():
        matching = [n for n in unowned if blocks[n].label == label and _squeeze(blocks[n].value) == value]
        if len(matching) == len(items):  # as many rows printed alike as items restating them: one each
            for n, item in zip(matching, sorted(items, key=_item_order), strict=True):
                moved[n] = replace(blocks[n], headings=(*base, item))
    return replace(segmented, blocks=tuple(moved))


def _item_order(item: str) -> tuple[str, int]:
    match = _ITEM_RE.search(item)
    return (match.group(1), int(match.group(2))) if match else (item, 0)
