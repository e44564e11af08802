"""The change history (別添 変更箇所) in a PDF extraction: the rows whose cells came out in the form's order.

A row of the change history is 変更日 / 項目 / 変更前の記載 / 変更後の記載 / 提出時期 / 提出時期に係る説明. The
extraction gives each cell its own text box; where a row's boxes follow each other (a 項目 cell, two text
cells, then the 提出時期 cell starting with 事前/事後 and carrying the explanation), the row is read, with
the 変更日 when a date box stands right before the 項目 cell. Any other arrangement (cells of two rows
interleaved, dates gathered at the top of a page, old and new text on one line) is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from loaders.model import Block, Span
from loaders.normalize.text import collapse_spaces, join_wrapped
from loaders.segment.pdf_form import WAREKI_DATE_RE, compact, is_change_item_cell, parse_annex, parse_section

CAPTIONS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
_TIMING_RE = re.compile(r"^(事前|事後)(?:\s+(.*))?$")

Box = Sequence[tuple[int, str]]  # (1-based line number, text) of one text box


def _is_item(box: Box) -> bool:
    first = box[0][1].strip()
    if is_change_item_cell(first):
        return True
    if parse_section(first) and len(box) > 1:
        return True  # "Ⅰ　基本情報" with the changed field's path on the next lines
    annex = parse_annex(first)
    return bool(annex and annex[0].startswith("別添") and len(box) > 1)


def _is_date(box: Box) -> bool:
    return len(box) == 1 and bool(WAREKI_DATE_RE.match(compact(box[0][1])))


def _timing(box: Box) -> re.Match[str] | None:
    return _TIMING_RE.match(box[0][1].strip())


def change_rows(boxes: Sequence[Box], label: str, join: Callable[[list[str]], str]) -> list[Block]:
    """The header and the readable rows of the change history whose text boxes are ``boxes`` (none when the
    table's header row is not printed among them: then these are not the change history's cells)."""
    heading = (label,)
    blocks: list[Block] = []
    for index, box in enumerate(boxes):
        if not _is_item(box):
            continue
        end = next((j for j in range(index + 1, min(index + 4, len(boxes))) if _timing(boxes[j])), None)
        if end != index + 3 or any(_is_item(b) or _is_date(b) for b in boxes[index + 1 : end]):
            continue
        timing = _timing(boxes[end])
        assert timing is not None
        before = boxes[index - 1] if index and _is_date(boxes[index - 1]) else None
        if before and index > 1 and _is_date(boxes[index - 2]):
            before = None  # a page's dates printed together: which is this row's cannot be told
        reason = [timing.group(2) or "", *(text for _, text in boxes[end][1:])]
        cells = (
            compact(before[0][1]) if before else "",
            collapse_spaces(join_wrapped([text for _, text in box])),
            join([text for _, text in boxes[index + 1]]),
            join([text for _, text in boxes[index + 2]]),
            timing.group(1),
            collapse_spaces(join_wrapped(reason)),
        )
        start = (before or box)[0][0]
        blocks.append(Block(heading, "row", "\t".join(cells), Span(start, boxes[end][-1][0])))
    printed = next((no for box in boxes for no, text in box if "変更前の記載" in text), None)
    if blocks and printed is not None:
        blocks.insert(0, Block(heading, "header", "\t".join(CAPTIONS), Span(printed, printed)))
    return blocks if printed is not None else []
