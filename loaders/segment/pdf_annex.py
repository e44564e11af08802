"""別紙 annex tables in a PDF extraction: the header row, and the rows whose cells can be told apart.

An annex table (e.g. 項番 / 情報照会者 / 事務 / 情報提供者 / 利用特定個人情報, or 事務 / 項番 / 関係課) repeats its
header row at the top of every page, its title (（別紙１）...) usually near it and its page number at the foot
(a lone number followed by the page break's blank lines). The cells of a row come out as separate text boxes in
no fixed order; what stays readable is where the item number (項番) meets the recipient's cell (情報照会者 /
関係課, a narrow column whose text wraps over short lines):

- the number and the recipient spaced on one line in the header's column order ("65 国家公務員共済組合 ...",
  "22 障害福祉" + "課", "児童福祉 9 障害福祉" for 事務 / 項番 / 関係課), the recipient's wrapped lines following;
- the two glued ("厚生労働大臣73", "都道府県知事等81", "教職員課38就学援助", "厚生労働大臣5 地方税関係情報...");
- the recipient wrapped over short lines in its own box, the box right after it starting with the number (alone,
  glued to the 事務 cell, or followed by a wide cell: "都道府県知事又は市町" / "村長" / "" / "144 児童福祉法...").

Only those cells are filled; the others are left empty (unreadable), never guessed. A recipient cell on one
line as wide as the column's wrapped lines, whose box ends where a lone short line tops the next (wide) box, is
wrapped: that short line is its end (the extraction put it in the box beside it).

Pages make up annexes: a page printing an annex title starts that annex; a page without one continues the annex
before it when it has the same header and its page number does not restart at 1. Pages whose title is lost form
an untitled annex: when the body points to exactly one annex (「(別紙N参照)」) that no page titles, and exactly one
untitled annex is printed, in the place its number gives among the titled ones, it is that annex — an inference
reported as a warning. Otherwise its rows are not read (also reported).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.model import Block, Location, Span, Warning
from loaders.segment.pdf_form import compact, parse_annex, parse_section

ITEM_NO = "項番"
RECIPIENT_CAPTIONS = ("情報照会者", "関係課", "提供先", "移転先")
PURPOSE = "事務"
_BODY = r"(?:大臣|知事|市町村長|協会|組合|組合等|機構|委員会|連合会|支払基金|市長|町長|村長|区長)等?"
_ITEM = r"\d{1,3}(?:の\d{1,2})?"
_NUMBER_FIRST_RE = re.compile(rf"^({_ITEM})\s+(\S+)(?:\s+(\S.*))?$")
_SPACED_RE = re.compile(rf"^(\S+)\s+({_ITEM})\s+(\S+)$")  # 事務 項番 関係課 on one line
_NUMBER_LAST_RE = re.compile(rf"^([^\d\s]+?{_BODY})({_ITEM})(?:\s+\S.*)?$")
_DEPARTMENT_RE = re.compile(rf"^([^\d\s]+?課)({_ITEM})([^\d\s]*)$")
_NUMBER_BOX_RE = re.compile(rf"^({_ITEM})([^\d\s]+)?(?:\s+(\S+).*)?$")  # the number, glued text, next token
_WRAPPED_NUMBER_RE = re.compile(r"^\d{1,3}の$")  # "82の" + "2": an item number wrapped in its cell
_BODY_END_RE = re.compile(rf"{_BODY}$")
_REFERENCE_RE = re.compile(r"別紙\s*([0-9０-９]+)\s*参照")
_FOOTER_RE = re.compile(r"^\d{1,3}$")
NARROW = 12  # characters: the longest line of a narrow column's cell (recipient, 事務 short name)
_RAGGED = 2  # characters a wrapped cell's full lines may differ by (half-width marks, spaces dropped)
_PAGE_BREAK = 2  # blank lines at least after a page's footer


@dataclass(frozen=True)
class _Page:
    header: int  # index of the header line
    end: int  # index of the next header line (or of a section heading, or the end)
    captions: tuple[str, ...]
    label: str | None  # the annex title printed on the page
    title: str | None
    title_line: int | None
    number: int | None  # the page number printed at its foot


@dataclass
class _Annex:
    label: str | None
    title: str | None
    title_line: int | None
    pages: list[_Page] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    item: str
    recipient: str
    purpose: str | None
    start: int  # index of its first line
    last: int  # index of its last line
    wrap: int | None = None  # the longest line of the recipient when it wraps over lines (the column's width)
    cut: str | None = None  # the short line topping the next box, when the one-line recipient may be wrapped


def is_header(text: str) -> bool:
    """An annex table's header row: several captions, one of them 項番."""
    captions = text.split()
    return len(captions) >= 3 and ITEM_NO in captions


def _footer(lines: Sequence[str], start: int, end: int) -> int | None:
    """The page number printed at the foot of the page: a lone number followed by the page break's blanks."""
    index, blanks = end - 1, 0
    while index > start and not lines[index].strip():
        index, blanks = index - 1, blanks + 1
    text = lines[index].strip()
    if blanks >= _PAGE_BREAK and _FOOTER_RE.match(text) and not lines[index - 1].strip():
        return int(text)
    return None


def _pages(lines: Sequence[str]) -> list[_Page]:
    headers = [i for i, line in enumerate(lines) if is_header(line.strip())]
    pages = []
    for position, start in enumerate(headers):
        end = headers[position + 1] if position + 1 < len(headers) else len(lines)
        section = next((i for i in range(start + 1, end) if parse_section(lines[i].strip())), None)
        end = section if section is not None else end
        label = title = title_line = None
        for index in range(start + 1, end):
            annex = parse_annex(lines[index].strip())
            if annex and annex[0].startswith("別紙"):
                label, title, title_line = annex[0], annex[1], index
                break
        captions = tuple(lines[start].split())
        pages.append(_Page(start, end, captions, label, title, title_line, _footer(lines, start, end)))
    return pages


def _annexes(pages: list[_Page]) -> list[_Annex]:
    """Pages grouped into annexes: a title starts its annex; an untitled page continues the annex before it
    (same header, page number not restarting at 1), else starts an untitled one."""
    annexes: list[_Annex] = []
    for page in pages:
        current = annexes[-1] if annexes else None
        if page.label is not None:
            if current is None or current.label != page.label:
                current = _Annex(page.label, page.title, page.title_line)
                annexes.append(current)
        elif current is None or page.number == 1 or current.pages[-1].captions != page.captions:
            current = _Annex(None, None, None)
            annexes.append(current)
        current.pages.append(page)
    return annexes


def _referenced(lines: Sequence[str]) -> set[str]:
    """The annexes the text points to: 「(別紙N参照)」."""
    found = (_REFERENCE_RE.findall(unicodedata.normalize("NFKC", line)) for line in lines)
    return {f"別紙{int(number)}" for numbers in found for number in numbers}


def _number(label: str) -> int:
    return int(label.removeprefix("別紙"))


def _label_untitled(annexes: list[_Annex], lines: Sequence[str]) -> list[Warning]:
    """Give the one untitled annex the one label the body points to and no page titles, when its place agrees."""
    untitled = [a for a in annexes if a.label is None]
    if not untitled:
        return []
    titled = [a.label for a in annexes if a.label is not None]
    missing = sorted(_referenced(lines) - set(titled), key=_number)
    annex = untitled[0]
    span = Span(annex.pages[0].header + 1, annex.pages[-1].end)
    if len(untitled) == 1 and len(missing) == 1:
        at = annexes.index(annex)
        before = [_number(a.label) for a in annexes[:at] if a.label]
        after = [_number(a.label) for a in annexes[at + 1 :] if a.label]
        number = _number(missing[0])
        if all(n < number for n in before) and all(n > number for n in after):
            annex.label = missing[0]
            restart = ", its page numbers restarting at 1" if annex.pages[0].number == 1 else ""
            message = (
                f"{missing[0]}: its title is not in the text; the one annex table printed without a title "
                f"({len(annex.pages)} pages{restart}) is read as {missing[0]}, the one annex the body points to "
                f"that no page titles ({', '.join(titled)} are titled)"
            )
            return [Warning(message, Location(missing[0], span))]
    pages = sum(len(a.pages) for a in untitled)
    message = f"{pages} annex table pages print no title and cannot be told apart: their rows are not read"
    return [Warning(message, Location("別紙", span))]


# ----------------------------------------------------------------------------- rows


def _box_end(lines: Sequence[str], index: int, end: int) -> int:
    """The index after the last line of the box holding ``lines[index]``."""
    while index < end and lines[index].strip():
        index += 1
    return index


def _starts_box(lines: Sequence[str], index: int, first: int = 0) -> bool:
    """Whether ``lines[index]`` starts a box (``first``: the page's first line after its header lines)."""
    return index in (0, first) or not lines[index - 1].strip()


def _header_lines(pages: list[_Page], lines: Sequence[str]) -> int:
    """How many non-blank lines after the header row every page of an annex prints alike: the header's other
    lines (captions of the wide columns), which the extraction may glue to the first row's box."""
    if len(pages) < 2:
        return 0
    texts = [[compact(line) for line in lines[page.header + 1 : page.end] if line.strip()] for page in pages]
    count = 0
    while all(len(text) > count for text in texts) and len({text[count] for text in texts}) == 1:
        count += 1
    return count


def _first_row_line(page: _Page, lines: Sequence[str], header_lines: int) -> int:
    """The index of the page's first line after its header lines."""
    index, seen = page.header + 1, 0
    while index < page.end and seen < header_lines:
        seen += bool(lines[index].strip())
        index += 1
    return index


def _narrow_lines(lines: Sequence[str], start: int, end: int) -> list[str]:
    """The lines from ``start`` on, in its box, that a narrow cell wraps into."""
    found = []
    for index in range(start, _box_end(lines, start, end)):
        text = compact(lines[index])
        if len(text) > NARROW:
            break
        found.append(text)
    return found


def _wrapped_box(lines: Sequence[str], start: int, end: int) -> list[str] | None:
    """A narrow cell wrapped over two or more lines, the whole of its box: every line short, all but the last
    about as long as the longest (the column's width)."""
    stop = _box_end(lines, start, end)
    box = [compact(line) for line in lines[start:stop]]
    if len(box) < 2 or any(len(line) > NARROW for line in box):
        return None
    width = max(len(line) for line in box)
    if any(width - len(line) > _RAGGED for line in box[:-1]):
        return None
    return box


def _cut_line(lines: Sequence[str], index: int, end: int) -> str | None:
    """The short line topping the box after the one-line box ``lines[index]``, the rest of that box wide."""
    if index + 3 >= end or lines[index + 1].strip() or not lines[index + 2].strip():
        return None
    fragment, below = compact(lines[index + 2]), compact(lines[index + 3])
    return fragment if len(fragment) <= NARROW < len(below) else None


def _is_footer(lines: Sequence[str], index: int, end: int) -> bool:
    """A lone number followed by the page break's blank lines up to the page's end."""
    rest = lines[index + 1 : end]
    return len(rest) >= _PAGE_BREAK and not any(line.strip() for line in rest)


def _item_number(lines: Sequence[str], index: int, end: int) -> tuple[str, int]:
    """The item number starting ``lines[index]`` ("82の" wrapped before "2" is 82の2) and its last line."""
    text = lines[index].strip()
    if _WRAPPED_NUMBER_RE.match(text) and index + 1 < end and re.fullmatch(r"\d{1,2}", lines[index + 1].strip()):
        return text + lines[index + 1].strip(), index + 1
    return text, index


class _Table:
    """The row grammar of one annex table, from its header captions."""

    def __init__(self, captions: tuple[str, ...]) -> None:
        self.captions = captions
        self.recipient = next((c for c in captions if c in RECIPIENT_CAPTIONS), None)
        at = captions.index(ITEM_NO)
        self.after = captions[at + 1] if at + 1 < len(captions) else None  # the caption right of 項番
        self.before = captions[at - 1] if at else None

    def row(self, lines: Sequence[str], index: int, end: int, first: int) -> _Row | None:
        """The row whose readable cells start at ``lines[index]`` (a box's first line), if any."""
        if self.recipient is None or not _starts_box(lines, index, first):
            return None
        return (
            self._spaced(lines, index, end)
            or self._glued(lines, index, end)
            or self._number_first(lines, index, end)
            or self._wrapped_then_number(lines, index, end)
        )

    def _spaced(self, lines: Sequence[str], index: int, end: int) -> _Row | None:
        """事務 項番 関係課 on one line, in the header's order; the recipient's wrapped lines follow."""
        m = _SPACED_RE.match(lines[index].strip())
        if not m or self.after != self.recipient or self.before is None or len(m.group(3)) > NARROW:
            return None
        wrapped = _narrow_lines(lines, index + 1, end)
        recipient = m.group(3) + "".join(wrapped)
        purpose = m.group(1) if self.before == PURPOSE else None
        cut = _cut_line(lines, index, end) if not wrapped else None
        wrap = _widest([m.group(3), *wrapped]) if wrapped else None
        return _Row(m.group(2), recipient, purpose, index, index + len(wrapped), wrap, cut)

    def _glued(self, lines: Sequence[str], index: int, end: int) -> _Row | None:
        """The recipient glued before its number ("厚生労働大臣73", "教職員課38就学援助")."""
        text = lines[index].strip()
        if self.recipient == "関係課" and (m := _DEPARTMENT_RE.match(text)):
            purpose, last = m.group(3), index
            if purpose and PURPOSE in self.captions:
                wrapped = _narrow_lines(lines, index + 1, end)
                purpose, last = purpose + "".join(wrapped), index + len(wrapped)
            return _Row(m.group(2), m.group(1), purpose or None, index, last)
        if self.recipient != "関係課" and (m := _NUMBER_LAST_RE.match(text)) and len(m.group(1)) <= NARROW:
            return _Row(m.group(2), m.group(1), None, index, index)
        return None

    def _number_first(self, lines: Sequence[str], index: int, end: int) -> _Row | None:
        """The number, then the recipient (the header's next column): alone on the line and wrapped over the
        short lines below it, or followed by a wide cell when it is a body's name ("65 国家公務員共済組合 ...")."""
        m = _NUMBER_FIRST_RE.match(lines[index].strip())
        if not m or self.after != self.recipient or len(m.group(2)) > NARROW:
            return None
        if m.group(3) is not None:
            if not _BODY_END_RE.search(m.group(2)) and not m.group(2).endswith("課"):
                return None  # another column's text after a number
            return _Row(m.group(1), m.group(2), None, index, index)
        wrapped = _narrow_lines(lines, index + 1, end)
        cut = _cut_line(lines, index, end) if not wrapped else None
        wrap = _widest([m.group(2), *wrapped]) if wrapped else None
        return _Row(m.group(1), m.group(2) + "".join(wrapped), None, index, index + len(wrapped), wrap, cut)

    def _wrapped_then_number(self, lines: Sequence[str], index: int, end: int) -> _Row | None:
        """The recipient wrapped in its own box, the next box starting with the number: alone, glued to the
        事務 cell ("8児童福祉", "40" + "学校保健"), or before a wide cell ("144 児童福祉法による...")."""
        box = _wrapped_box(lines, index, end)
        if box is None:
            return None
        at = index + len(box) + 1  # one blank line between the boxes
        if at >= end or lines[at - 1].strip() or not lines[at].strip():
            return None
        m = _NUMBER_BOX_RE.match(lines[at].strip())
        if not m:
            return None
        glued, spaced = m.group(2), m.group(3)
        if glued is None and spaced is not None and len(spaced) <= NARROW:
            return None  # "22 障害福祉": the cell after the number is the recipient, this box another column's
        item, last = _item_number(lines, at, end)
        if last == at and glued is None and spaced is None and _is_footer(lines, at, end):
            return None  # the page number
        if last == at:
            item = m.group(1)
        else:
            glued = None  # "82の" + "2": the の was the number's
        purpose = None
        if self.recipient == "関係課" and PURPOSE in self.captions:  # the 事務 cell glued after the number
            wrapped = _narrow_lines(lines, last + 1, end) if spaced is None else []
            purpose = (glued or "") + "".join(wrapped) or None
            last += len(wrapped)
        return _Row(item, "".join(box), purpose, index, last, _widest(box))


def _widest(cell_lines: list[str]) -> int:
    return max(len(compact(line)) for line in cell_lines)


def _finish(row: _Row, width: int | None) -> _Row | None:
    """A row whose one-line recipient is as wide as the column (``width``: the widest wrapped recipient of the
    annex) takes the short line cut off into the next box; when no recipient wraps, such a row may be cut and
    is not read."""
    if row.cut is None or (width is not None and len(compact(row.recipient)) < width):
        return row
    if width is None:
        return None
    return _Row(row.item, row.recipient + row.cut, row.purpose, row.start, row.last + 2, width)


def annex_tables(lines: Sequence[str]) -> tuple[list[Block], list[Warning]]:
    """Header and row blocks (label "header" / "row", cells joined by TAB) and the title of each annex, with
    the warnings about annexes whose title had to be inferred or whose pages could not be placed."""
    annexes = _annexes(_pages(lines))
    warnings = _label_untitled(annexes, lines)
    blocks: list[Block] = []
    for annex in annexes:
        if annex.label is None:
            continue
        heading = (annex.label,)
        top = annex.pages[0]
        blocks.append(Block(heading, "header", "\t".join(top.captions), Span(top.header + 1, top.header + 1)))
        if annex.title and annex.title_line is not None:
            blocks.append(Block(heading, "", annex.title, Span(annex.title_line + 1, annex.title_line + 1)))
        rows: list[tuple[_Page, _Row]] = []
        header_lines = _header_lines(annex.pages, lines)
        for page in annex.pages:
            table = _Table(page.captions)
            index = first = _first_row_line(page, lines, header_lines)
            while index < page.end:
                row = table.row(lines, index, page.end, first)
                if row is None:
                    index += 1
                    continue
                rows.append((page, row))
                index = row.last + 1
        width = max((row.wrap for _, row in rows if row.wrap is not None), default=None)
        seen: set[str] = set()
        for page, read in rows:
            row = _finish(read, width)
            if row is None or row.item in seen:
                continue
            seen.add(row.item)
            recipient = next(c for c in page.captions if c in RECIPIENT_CAPTIONS)
            cells = {ITEM_NO: row.item, recipient: row.recipient, PURPOSE: row.purpose or ""}
            value = "\t".join(cells.get(caption, "") for caption in page.captions)
            blocks.append(Block(heading, "row", value, Span(row.start + 1, row.last + 1)))
    return blocks, warnings
