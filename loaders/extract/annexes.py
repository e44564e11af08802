"""別紙 annex tables: rows naming 情報照会者 with the legal table item (項番) and 用途.

Columns are found by their header captions (No / 情報照会者, 提供先, 移転先 or 関係課 / 法令上の根拠 or 項番 /
用途 / 情報), never by position alone. A row's item number becomes a Citation (text: the cell as written) on the
table the annex title names (``…命令第二条別表に定める事務`` -> read as ``…命令第二条別表の{項番}の項``); when the
title names no table, the Citation has no provisions yet and the flow pointing to the annex resolves the item
against the table its own ①法令上の根拠 names (see flows.py).
"""

from __future__ import annotations

import re

from loaders.citations import parse_citations
from loaders.extract.blocks import FormBlocks, meaningful
from loaders.model import Annex, AnnexRow, Block, Citation, Location
from loaders.normalize.text import fold_width

_COLUMNS = (
    ("no", ("No", "No.", "番号", "項目番号")),
    ("recipient", ("情報照会者", "提供先", "照会者", "移転先", "関係課")),
    ("basis", ("法令上の根拠", "項番", "根拠")),
    ("purpose", ("用途", "事務")),
    ("information", ("情報",)),
)
_TABLE_REFERENCE = re.compile(r"^(.*?(?:別表|の表)(?:第[一二三四五六七八九十\d]+)?)")
# a title naming the 第19条第8号 order without its table (「番号法第19条第8号に基づく主務省令に定める事務」): the
# citation parser reads 「…主務省令の{項番}の項」 as an item of the order's only table (第2条の表)
_ORDER_REFERENCE = re.compile(r"^(.*?第(?:19|十九)条第(?:8|八)号に基づく(?:主務省令|命令))")


def is_table_annex(label: str) -> bool:
    return "別紙" in label and not label.startswith("別紙(")


def extract_annexes(form: FormBlocks, municipality: str | None) -> tuple[Annex, ...]:
    annexes = []
    labels = [h for h in dict.fromkeys(b.headings[0] for b in form.blocks if b.headings) if is_table_annex(h)]
    for label in labels:
        blocks = form.under((label,))
        title = next((b.value for b in blocks if b.label == "title"), None)
        title = title or next((b.value for b in blocks if b.label == ""), None)
        header = next((b for b in blocks if b.label == "header"), None)
        rows = [b for b in blocks if b.label == "row"]
        if header is None or not rows:
            form.warn(f"{label}: no table with a header row", form.location((label,)))
            continue
        columns = _columns(header.value.split("\t"))
        if "recipient" not in columns:
            form.warn(f"{label}: no 情報照会者/提供先 column in {header.value!r}", form.block_location(header))
            continue
        table = _table_reference(title)
        if table is None:
            form.warn(
                f"{label}: the title names no legal table; row items are read against the referring flow's table",
                form.location((label,)),
            )
        annex_rows = tuple(_row(form, row, columns, table, municipality) for row in rows)
        annexes.append(Annex(label=label, title=title, rows=annex_rows, location=form.location((label,))))
    return tuple(annexes)


def _columns(captions: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, caption in enumerate(captions):
        caption = caption.replace(" ", "")
        for key, names in _COLUMNS:
            if key not in found and any(caption.startswith(name) or name in caption for name in names):
                found[key] = index
                break
    return found


def _table_reference(title: str | None) -> str | None:
    """``…命令第二条別表に定める事務`` -> ``…命令第二条別表``; ``番号法第19条第8号に基づく主務省令に定める事務``
    -> ``番号法第19条第8号に基づく主務省令`` (the order, whose items are those of its one table)."""
    if not title:
        return None
    squeezed = fold_width(title.replace(" ", ""))
    match = _TABLE_REFERENCE.match(squeezed) or _ORDER_REFERENCE.match(squeezed)
    return match.group(1) if match else None


def _row(
    form: FormBlocks, row: Block, columns: dict[str, int], table: str | None, municipality: str | None
) -> AnnexRow:
    cells = [cell.strip() for cell in row.value.split("\t")]
    location = form.block_location(row)

    def cell(key: str) -> str | None:
        index = columns.get(key)
        return meaningful(cells[index]) if index is not None and index < len(cells) else None

    no = cell("no") or str(row.span.start)
    item = cell("basis")
    basis = _basis(form, table, item, location, municipality) if item else None
    if item is None:
        form.warn(f"row {no}: 法令上の根拠(項番) empty", location)
    return AnnexRow(
        no=no,
        recipient=cell("recipient"),
        legal_basis=basis,
        purpose=cell("purpose"),
        information=cell("information"),
        location=location,
    )


def _basis(
    form: FormBlocks, table: str | None, item: str, location: Location, municipality: str | None
) -> Citation | None:
    """The row's item as a citation; with no table in the title, a citation without provisions that keeps the
    item as written, for the flow pointing to the annex to read against the table its own basis names."""
    if table is None and not ("条" in item or "表" in item):
        return Citation(text=item, provisions=(), location=location)
    text = item if ("条" in item or "表" in item) else f"{table}の{item}の項"
    found = parse_citations(text, location, municipality=municipality)
    provisions = tuple(p for citation in found for p in citation.provisions if p.table_item)
    if not provisions:
        form.warn(f"法令上の根拠(項番) {item!r}: no table item recognised", location)
        return None
    return Citation(text=item, provisions=provisions, location=location)  # the cell as written
