"""別紙 annex tables in a PDF extraction: the header row, and the rows whose cells can be told apart.

An annex table (e.g. 項番 / 情報照会者 / 事務 / 情報提供者 / 利用特定個人情報) repeats its header row at the
top of every page, and its page title (（別紙１）...) usually near it. The cells of a row come out as separate
text boxes in no fixed order; what stays readable is the start of a row: the item number with the body
next to it ("65 国家公務員共済組合 国家公務員共済組合法による..."), the two glued ("厚生労働大臣73"), or a
department with its item number and affair ("教職員課38就学援助"). Only those cells are filled; the others
are left empty (unreadable), never guessed.

A page's annex is the annex whose title is printed between its header row and the next header row; a page
without a title cannot be told from the other annexes sharing the same header, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.model import Block, Span
from loaders.segment.pdf_form import compact, parse_annex, parse_section

ITEM_NO = "項番"
_BODY = r"(?:大臣|知事|市町村長|協会|組合|組合等|機構|委員会|連合会|支払基金|市長|町長|村長|区長)"
_NUMBER_FIRST_RE = re.compile(r"^(\d{1,3})\s+(\S+)(?:\s+\S.*)?$")
_NUMBER_LAST_RE = re.compile(rf"^(\S+?{_BODY})(\d{{1,3}})$")
_DEPARTMENT_RE = re.compile(r"^(\S+?課)(\d{1,3})(\S*)$")
_BODY_END_RE = re.compile(rf"{_BODY}$")
_WRAP_WIDTH = 12  # characters of a wrapped body or affair name cell


@dataclass(frozen=True)
class _Page:
    header: int  # index of the header line
    end: int  # index of the next header line (or the end)
    label: str
    title: str
    title_line: int  # index of the title line
    captions: tuple[str, ...]


def is_header(text: str) -> bool:
    """An annex table's header row: several captions, one of them 項番."""
    captions = text.split()
    return len(captions) >= 3 and ITEM_NO in captions


def _pages(lines: Sequence[str]) -> list[_Page]:
    headers = [i for i, line in enumerate(lines) if is_header(line.strip())]
    pages = []
    for position, start in enumerate(headers):
        end = headers[position + 1] if position + 1 < len(headers) else len(lines)
        for index in range(start + 1, end):
            text = lines[index].strip()
            if parse_section(text):
                end = index
                break
            annex = parse_annex(text)
            if annex and annex[0].startswith("別紙"):
                pages.append(_Page(start, end, annex[0], annex[1], index, tuple(lines[start].split())))
                break
    return pages


def _wrapped_body_then_number(lines: Sequence[str], index: int) -> tuple[str, str, int] | None:
    """A body's name wrapped over short lines, its own box, followed by a box holding only the item number
    ("国家公務員共済組合連" / "合会" / "" / "66"); a name on one line is printed glued to its number instead."""
    if index and lines[index - 1].strip():
        return None  # not the start of a box
    end = index
    while end < len(lines) and lines[end].strip():
        end += 1
    box = [compact(line) for line in lines[index:end]]
    if len(box) < 2 or any(len(line) > _WRAP_WIDTH for line in box):
        return None
    name = "".join(box)
    number = lines[end + 1].strip() if end + 1 < len(lines) else ""
    after = lines[end + 2].strip() if end + 2 < len(lines) else ""
    if lines[end].strip() or not re.fullmatch(r"\d{1,3}", number) or after or not _BODY_END_RE.search(name):
        return None
    return name, number, end + 1


def _row(lines: Sequence[str], index: int, captions: tuple[str, ...]) -> tuple[dict[str, str], int] | None:
    """The readable cells of a row starting at ``lines[index]``, and the index of its last line."""
    text = lines[index].strip()
    last = index
    cells: dict[str, str] = {}
    if "情報照会者" in captions and (m := _NUMBER_FIRST_RE.match(text)):
        cells = {ITEM_NO: m.group(1), "情報照会者": m.group(2)}
        if len(text.split()) == 2:  # the body's cell wrapped: its rest follows on short lines
            while last + 1 < len(lines) and 0 < len(compact(lines[last + 1])) <= _WRAP_WIDTH:
                last += 1
                cells["情報照会者"] += compact(lines[last])
        if not _BODY_END_RE.search(cells["情報照会者"]) or len(cells["情報照会者"]) > _WRAP_WIDTH * 3:
            return None  # not a body's name: another column's text after a number
    elif "情報照会者" in captions and (m := _NUMBER_LAST_RE.match(text)):
        cells = {ITEM_NO: m.group(2), "情報照会者": m.group(1)}
    elif "情報照会者" in captions and (found := _wrapped_body_then_number(lines, index)):
        name, number, last = found
        cells = {ITEM_NO: number, "情報照会者": name}
    elif "関係課" in captions and (m := _DEPARTMENT_RE.match(text)):
        cells = {ITEM_NO: m.group(2), "関係課": m.group(1)}
        if m.group(3) and "事務" in captions:
            cells["事務"] = m.group(3)
            while last + 1 < len(lines) and 0 < len(compact(lines[last + 1])) <= _WRAP_WIDTH // 2:
                last += 1
                cells["事務"] += compact(lines[last])
    return (cells, last) if cells else None


def annex_table_blocks(lines: Sequence[str]) -> list[Block]:
    """Header and row blocks (label "header" / "row", cells joined by TAB) and the title of each annex."""
    blocks: list[Block] = []
    seen: set[str] = set()
    rows_seen: set[tuple[str, str]] = set()
    for page in _pages(lines):
        heading = (page.label,)
        if page.label not in seen:
            seen.add(page.label)
            blocks.append(Block(heading, "header", "\t".join(page.captions), Span(page.header + 1, page.header + 1)))
            if page.title:
                blocks.append(Block(heading, "", page.title, Span(page.title_line + 1, page.title_line + 1)))
        index = page.header + 1
        while index < page.end:
            found = _row(lines, index, page.captions)
            if found is None:
                index += 1
                continue
            cells, last = found
            if (page.label, cells[ITEM_NO]) in rows_seen:
                index = last + 1
                continue
            rows_seen.add((page.label, cells[ITEM_NO]))
            value = "\t".join(cells.get(caption, "") for caption in page.captions)
            blocks.append(Block(heading, "row", value, Span(index + 1, last + 1)))
            index = last + 1
    return blocks
