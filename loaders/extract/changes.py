"""The change history (別添3 of a 全項目評価書, 別添2 of a 重点項目評価書, 別添1 of a 基礎項目評価書; found by its
title 変更箇所, its header captions, else the form's numbering: forms.py) and its continuation sheets such as
別添3-1: one ChangeRecord per table row.

Columns are found by caption: 変更日, 項目 (項目番号), 変更前…, 変更後…, 提出時期, 提出時期に係る説明 (摘要).
"""

from __future__ import annotations

from loaders.extract.blocks import FormBlocks, meaningful
from loaders.model import Block, ChangeRecord
from loaders.normalize.dates import parse_wareki

_COLUMNS = (
    ("date", ("変更日",)),
    ("reason", ("提出時期に係る説明", "摘要", "理由", "説明")),
    ("timing", ("提出時期",)),
    ("item", ("項目",)),
    ("old", ("変更前",)),
    ("new", ("変更後",)),
)
TIMINGS = ("事前", "事後")


def extract_changes(form: FormBlocks) -> tuple[ChangeRecord, ...]:
    records: list[ChangeRecord] = []
    annex = form.path("change-history")
    if annex is None:
        return ()
    labels = dict.fromkeys(
        b.headings[0]
        for b in form.blocks
        if b.headings and (b.headings[0] == annex[0] or _continues(b.headings[0], annex[0]))
    )
    for label in labels:
        columns: dict[str, int] = {}
        undated = 0
        for block in form.under((label,)):
            if block.label == "header":
                columns = _columns(block.value.split("\t")) or columns
            elif block.label == "row" and columns:
                record = _record(form, label, block, columns)
                records.append(record)
                undated += record.date is None
        if undated and "date" in (columns or {}):
            form.warn(f"{label}: {undated} rows without a readable 変更日", form.location((label,)))
    return tuple(records)


def _continues(label: str, annex: str) -> bool:
    """A continuation sheet of ``annex`` (別添3-1 of 別添3)."""
    return label.startswith(f"{annex}-") and label[len(annex) + 1 :].isdigit()


def _columns(captions: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, caption in enumerate(captions):
        caption = caption.replace(" ", "")
        for key, names in _COLUMNS:
            if key not in found and any(caption.startswith(name) for name in names):
                found[key] = index
                break
    return found if "item" in found and ("old" in found or "new" in found) else {}


def _record(form: FormBlocks, label: str, row: Block, columns: dict[str, int]) -> ChangeRecord:
    cells = [cell.strip() for cell in row.value.split("\t")]
    location = form.block_location(row)

    def cell(key: str) -> str | None:
        index = columns.get(key)
        return meaningful(cells[index]) if index is not None and index < len(cells) else None

    date_text = cell("date")
    date = parse_wareki(date_text) if date_text else None
    if date_text and date is None:
        form.warn(f"変更日: no date in {date_text!r}", location)
    timing = cell("timing")
    if timing is not None and timing not in TIMINGS:
        form.warn(f"提出時期: {timing[:20]!r} is not 事前/事後", location)
        timing = None
    item = cell("item")
    if item is None:
        form.warn("変更箇所: 項目 empty", location)
    elif "date" not in columns:
        item = f"{label} 項目番号{item}"
    return ChangeRecord(
        date=date,
        item=item,
        old=cell("old"),
        new=cell("new"),
        timing=timing,
        reason=cell("reason"),
        location=location,
    )
