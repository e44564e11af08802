"""Segmenter for assessments whose text was extracted from PDF (layout "pdf-text").

A PDF extraction keeps each text box together (lines of one box follow each other, boxes are separated
by blank lines) but emits the boxes of a page in an order that is not the form's: labels far from their
values, item headings after their fields, subsection headings after their content. So this segmenter
reads the text box by box and places what it reads by the structure of the form (loaders.segment.pdf_form):

- a label carries its own place in the form (①システムの名称 is in Ⅰ-2 whatever heading it follows);
- a label's value is what its own box holds after it, a bracketed selection beside it, else the prose box
  that follows it; an option field takes the one orphan box that is one of its options;
- an item (システムN, 提供先N, ...) owns a label only when that is decidable: the label is on the item's
  line, or it is the item's first label (①) in the box right after the item's heading (items read in sequence,
  or inside a run of items that keep their first rows so), or the gap after the item reads in the form's
  order, or the label is in a run printing a whole table in the form's order (①..⑥ once each) a row of which is
  already the item's, or every other item already has the label;
- where the layout cannot decide, the other places the document states the same fact do
  (loaders.normalize.restatements): a row the change history restates for an item is that item's when its text
  is printed with that label (or as a loose box beside the label printed empty) in the item's region exactly as
  many times as items restate it so, and the recipient the heading prints agrees (or the restatement is of the
  history's latest date); a heading printed without its recipient takes the loose box its current restatement
  names; declared counts printed apart from their options are read when they are the numbers of items listed;
  an item heading the declared count includes is listed even when nothing under it can be read;
- what cannot be placed is not emitted (the extractor then reports the field as unreadable).

Headings and labels follow the shared segment contract ("表紙", "Ⅰ".."Ⅵ", the printed subsection number,
"ファイルK", "システムN", ..., "別紙N"; labels as printed). Subsection numbers are the printed ones: a
重点項目評価書 prints 個人番号の利用 as Ⅰ-4 where a 全項目評価書 prints Ⅰ-5.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from loaders.model import Block, FormKind, Location, SegmentedDocument, SourceDocument, Span, Warning
from loaders.normalize.restatements import current_restatements, restatements, same_text, squeeze
from loaders.normalize.text import collapse_spaces, join_wrapped
from loaders.segment.pdf_annex import annex_tables
from loaders.segment.pdf_changes import change_rows
from loaders.segment.pdf_checkbox import read_connection_grid
from loaders.segment.pdf_form import (
    BODY_RE,
    CHANGE_HISTORY_TITLE,
    CIRCLED,
    FILE_NAME_TITLE,
    FORM_KINDS,
    GROUP_RE,
    ITEM_LABELS,
    KNOWN_LABELS,
    OPTION_VALUES,
    OPTIONS,
    ROMAN,
    TITLE_RE,
    TOC_TITLE,
    WAREKI_DATE_RE,
    Anchor,
    ascii_digits,
    compact,
    is_change_item_cell,
    label_place,
    parse_anchor,
    parse_annex,
    parse_section,
    parse_subsection,
    risk_place,
    section_title,
)

COVER = "表紙"
CONNECTIONS = "③他のシステムとの接続"
LABEL_COLUMN_WIDTH = 16  # characters: a label cell wraps at about this width, value cells are wider
SHORT_CELL_WIDTH = 20  # characters: lines of a cell all shorter than this are a list, not wrapped text
BRACKET_OPEN = "[［"
OPTION_LINE_RE = re.compile(r"^(?:＜選択肢＞|<選択肢>|\d{1,2}\s*[)）])")
CHECKBOX_RE = re.compile(r"[\[\]［］]|^[○〇]$|^[（）()]$|^[（(]\s*[○〇]?\s*\d*$|^[）)]\s*件?$")
BRACKET_VALUE_RE = re.compile(r"^[\[［]\s*([^\[\]［］○〇]+?)\s*(?:[\]］]|$)")
FLOW_OPTION_RE = re.compile(
    r"[\[［]\s*([○〇]?)\s*[\]］]\s*(提供を行っている|移転を行っている|行っていない)(?:\s*[（(]\s*(\d+)\s*[）)]\s*件)?"
)
COUNT_RE = re.compile(r"^[（(]\s*(\d+)\s*[）)]\s*件$")
# a count printed apart from its option: "（ ○35", "29 ） 件", or a bare number beside a split "（" ... "）件"
COUNT_OPEN_RE = re.compile(r"^[（(]\s*[○〇]?\s*(\d+)$")
COUNT_CLOSE_RE = re.compile(r"(?:^|\s)(\d+)\s*[）)]\s*件$")
BARE_NUMBER_RE = re.compile(r"^(\d+)$")
SPLIT_CLOSE_RE = re.compile(r"^[）)]\s*件")
COUNT_WINDOW_BOXES = 30  # how far around its label a scrambled count may be printed
FLOW_COUNT_OPTIONS = (("提供先", "提供を行っている"), ("移転先", "移転を行っている"))
RECIPIENT_KINDS = ("提供先", "移転先")  # items whose heading prints the recipient beside (or below) the number
NEARBY_BOXES = 4  # how far around a label its option rows and count may be printed
MIN_TABLE_ROWS = 6  # fewer labels than a 委託事項 or flow table has (①..⑥, ①..⑦): too few to stand for a whole table
FLOWS_FLAG = "提供・移転の有無"
OUTSOURCING_FLAG = "委託の有無"
# the flag whose declared count bounds each kind of item, and the option the count is printed after
COUNTED_ITEMS = {
    "委託事項": (OUTSOURCING_FLAG, ""),
    "提供先": (FLOWS_FLAG, "提供を行っている"),
    "移転先": (FLOWS_FLAG, "移転を行っている"),
}
TRAILING_LABEL_RE = re.compile(r"^(\S.*?)\s+([①-⑳]\S+)$")
FILE_NO_RE = re.compile(r"^[（(]\s*([0-9０-９]+)\s*[）)]")
LIST_MARK_RE = re.compile(r"^(?:[・●○◆■※＜<【①-⑳]|[（(][0-9０-９]+[）)]|[0-9０-９]+[．.\s　])")


# ----------------------------------------------------------------------------- lines and boxes


@dataclass(frozen=True)
class _Line:
    no: int  # 1-based
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()


def _boxes(lines: Sequence[str]) -> list[list[_Line]]:
    """Runs of non-blank lines: the text boxes of the extraction."""
    boxes: list[list[_Line]] = []
    current: list[_Line] = []
    for index, raw in enumerate(lines, start=1):
        if raw.strip():
            current.append(_Line(index, raw))
        elif current:
            boxes.append(current)
            current = []
    if current:
        boxes.append(current)
    return boxes


def _is_toc_heading(text: str) -> bool:
    return compact(text) == TOC_TITLE or parse_section(text) is not None or parse_annex(text) is not None


def _toc_lines(lines: Sequence[_Line]) -> set[int]:
    """Lines of a table of contents: three or more section/annex headings in a row with nothing else between."""
    toc: set[int] = set()
    run: list[int] = []
    for line in [*lines, _Line(0, "")]:
        if line.no and _is_toc_heading(line.text):
            run.append(line.no)
            continue
        if len(run) >= 3:
            toc.update(run)
        run = []
    return toc


def _is_option_or_checkbox(text: str) -> bool:
    return bool(OPTION_LINE_RE.match(text) or CHECKBOX_RE.search(text))


def _join(texts: Iterable[str]) -> str:
    """Lines of one cell joined: wrapped lines glued (join_wrapped); a list item, or a line that stops well
    short of the cell's width (a line break the author typed), starts a new line."""
    lines = [t.strip() for t in texts if t.strip()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[list[str]] = []
    for line in lines:
        previous = paragraphs[-1][-1] if paragraphs else ""
        broken = len(previous) < width * 0.8 or width < SHORT_CELL_WIDTH
        if not paragraphs or LIST_MARK_RE.match(line) or broken:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n".join(collapse_spaces(join_wrapped(lines)) for lines in paragraphs)


def _bracket_value(text: str) -> str | None:
    """A bracketed selection "[ 実施する ]" (or an unclosed "[ 1万人以上10万人未満") as "[実施する]"."""
    m = BRACKET_VALUE_RE.match(text.strip())
    return f"[{m.group(1).strip()}]" if m else None


# ----------------------------------------------------------------------------- labels


def _split_known(line: str) -> tuple[str, str] | None:
    """(label, rest) when the line starts with a label the forms print."""
    squeezed = compact(line)
    for label in sorted(KNOWN_LABELS, key=len, reverse=True):
        if squeezed.startswith(label):
            return label, _after_chars(line, len(label))
    return None


def _after_chars(line: str, count: int) -> str:
    """The part of ``line`` after its first ``count`` non-space characters."""
    seen = 0
    for index, char in enumerate(line):
        if char.isspace():
            continue
        seen += 1
        if seen == count:
            return line[index + 1 :]
    return ""


def _strip_marks(text: str) -> str:
    return text.strip().lstrip("※").strip()


@dataclass
class _Label:
    label: str
    inline: str  # value printed on the label's own lines
    lines: list[_Line]  # the label's lines (and value lines of the same box)


def _read_label(box: list[_Line], start: int) -> tuple[_Label, int] | None:
    """A label starting at box[start]; returns it and the index of the first line it does not use."""
    first = box[start]
    text = first.text
    known = _split_known(text)
    trailing = TRAILING_LABEL_RE.match(text)
    if known:
        label, rest = known
    elif trailing and trailing.group(2) in KNOWN_LABELS:
        rest, label = trailing.group(1), trailing.group(2)  # value cell and label cell on one line
    elif text[:1] in CIRCLED and first.raw.startswith(" ") and not first.raw.startswith("  "):
        label, _, rest = text.partition(" ") if " " in text else text.partition("\u3000")
        label = label.rstrip("※")
        if len(label) > LABEL_COLUMN_WIDTH * 2:
            return None
    elif first.raw.startswith(" ") and not first.raw.startswith("  ") and _is_label_cell(box, start):
        label, rest = compact(text).rstrip("※"), ""
    else:
        return None
    index = start + 1
    rest = _strip_marks(rest)
    # a label wrapped over the label column: "④提供する情報の対象となる" + "本人の数"
    while not rest and index < len(box) and label not in KNOWN_LABELS:
        nxt = compact(box[index].text)
        if not nxt or len(nxt) > LABEL_COLUMN_WIDTH or _is_option_or_checkbox(nxt) or _is_structural(box[index]):
            break
        label += nxt.rstrip("※")
        index += 1
    while index < len(box) and compact(box[index].text) == "※":
        index += 1
    return _Label(label, rest, box[start:index]), index


def _is_label_cell(box: list[_Line], start: int) -> bool:
    """An unnumbered label cell: a space-led line of the label column width, not an option or checkbox."""
    for line in box[start:]:
        squeezed = compact(line.text)
        if len(squeezed) > LABEL_COLUMN_WIDTH or _is_option_or_checkbox(squeezed):
            return line is not box[start] and all(
                len(compact(x.text)) <= LABEL_COLUMN_WIDTH for x in box[start : box.index(line)]
            )
    return True


def _is_structural(line: _Line) -> bool:
    text = line.text
    return bool(
        parse_section(text) or parse_subsection(text) or parse_annex(text) or parse_anchor(text, line.no)
    ) or _is_group(text)


def _is_group(text: str) -> bool:
    return bool(GROUP_RE.match(text.strip()))


# ----------------------------------------------------------------------------- reading the boxes


@dataclass
class _Entry:
    """A label with its value, before it is placed under an item."""

    label: str
    value: str
    start: int
    end: int
    section: str
    file: int | None
    subsection: str | None
    annex: str | None = None
    typed: bool = False  # placed by what the form says about the label, not by the headings around it


@dataclass
class _State:
    form: FormKind | None
    section: str = COVER
    annex: str | None = None
    subsection: str | None = None
    files: dict[str, int] = field(default_factory=dict)  # section -> current file number
    max_sub: dict[tuple[str, int], int] = field(default_factory=dict)  # (section, file) -> furthest subsection


def _section_rank(section: str) -> int:
    return ROMAN.index(section) + 1 if section in ROMAN else 0


class _Reader:
    """One pass over the boxes: headings move the context, labels become entries, prose may become values."""

    def __init__(self, lines: Sequence[str], form: FormKind | None) -> None:
        self.boxes = _boxes(lines)
        self.toc = _toc_lines([line for box in self.boxes for line in box])
        self.state = _State(form)
        self.entries: list[_Entry] = []
        self.anchors: list[tuple[Anchor, str, int | None, str | None]] = []  # anchor, section, file, subsection
        self.typed_anchors: set[int] = set()  # lines of anchors placed by the form (kind or risk wording)
        self.free: list[_Entry] = []  # free text under a heading (label "")
        self.orphans: list[tuple[_Line, str, str]] = []  # prose boxes no label took: first line, text, section
        self.consumed: dict[int, int] = {}  # box index -> how many of its first lines were used as a value
        self.file_counts = self._count_files()
        self.in_changes = False  # inside the change history: its cells restate labels of the whole form
        self.change_boxes: list[list[_Line]] = []  # the text boxes of the change history
        self.change_label: str | None = None  # its annex label as printed (別添3; 別添2 on a 重点項目評価書)
        self.titles: dict[tuple[str, ...], tuple[str, int]] = {}  # heading path -> (printed title, line)

    def _count_files(self) -> dict[str, int]:
        """How many 特定個人情報ファイル each of Ⅱ and Ⅲ describes (one "1. ファイル名" heading per file)."""
        counts: dict[str, int] = defaultdict(int)
        section = COVER
        for box in self.boxes:
            for line in box:
                if line.no in self.toc:
                    continue
                found = parse_section(line.text)
                if found and _section_rank(found) >= _section_rank(section):
                    section = found
                sub = parse_subsection(line.text)
                if sub and sub[1] == FILE_NAME_TITLE and section in ("Ⅱ", "Ⅲ"):
                    counts[section] += 1
        return counts

    # -- context

    def _on_section(self, section: str, line: _Line) -> None:
        state = self.state
        if _section_rank(section) < _section_rank(state.section) and state.section != COVER:
            if _section_rank(state.section) >= _section_rank("Ⅲ"):
                self.in_changes = True  # the change history restates earlier sections' names as its 項目
            return  # a heading out of order: sections only advance
        state.section, state.annex, state.subsection = section, None, None
        self._title((section,), section_title(line.text), line.no)

    def _title(self, path: tuple[str, ...], title: str | None, line: int) -> None:
        """Keep the title a heading prints (the first one read for that heading)."""
        if title and path not in self.titles:
            self.titles[path] = (title, line)

    def _on_subsection(self, number: str, title: str, box: list[_Line], index: int) -> None:
        state = self.state
        if state.section not in ROMAN:
            return
        state.annex = None
        state.subsection = number
        if title == FILE_NAME_TITLE and state.section in ("Ⅱ", "Ⅲ"):
            state.files[state.section] = self._file_number(box, index)
        file_no = state.files.get(state.section) if state.section in ("Ⅱ", "Ⅲ") else None
        path = (state.section, *([f"ファイル{file_no}"] if file_no else []), number)
        self._title(path, title, box[index].no)

    def _file_number(self, box: list[_Line], index: int) -> int:
        """The file a "1. 特定個人情報ファイル名" heading opens: its printed (K), else the next in order."""
        following = [line.text for line in box[index + 1 :]]
        box_at = self.boxes.index(box)
        if box_at + 1 < len(self.boxes):
            following.append(self.boxes[box_at + 1][0].text)
        for text in following:
            if m := FILE_NO_RE.match(text):
                return int(ascii_digits(m.group(1)))
        return self.state.files.get(self.state.section, 0) + 1

    def _place(self, place: tuple[str, str] | None) -> tuple[str, int | None, str | None]:
        """(section, file, subsection) for something read now whose place in the form is ``place`` if known."""
        state = self.state
        section, subsection = state.section, state.subsection
        file_no = state.files.get(section)
        if place:
            placed_section, placed_sub = place
            if placed_section != section:
                if _section_rank(placed_section) > _section_rank(section):
                    # printed before its section's heading: it opens the next file of that section
                    nxt = state.files.get(placed_section, 0) + 1
                    return placed_section, min(nxt, max(self.file_counts.get(placed_section, 1), 1)), placed_sub
                return placed_section, state.files.get(placed_section), placed_sub
            section, subsection = placed_section, placed_sub
            if section in ("Ⅱ", "Ⅲ") and file_no is None and self.file_counts.get(section):
                return section, 1, subsection  # read after the section heading, before its first file's name
            if section in ("Ⅱ", "Ⅲ") and file_no is not None:
                furthest = state.max_sub.get((section, file_no), 0)
                if furthest - int(placed_sub) >= 3 and file_no < self.file_counts.get(section, 0):
                    return section, file_no + 1, subsection  # the next file's page, printed before its heading
                state.max_sub[(section, file_no)] = max(furthest, int(placed_sub))
        elif section in ("Ⅱ", "Ⅲ") and file_no is not None and subsection and subsection.isdigit():
            key = (section, file_no)
            state.max_sub[key] = max(state.max_sub.get(key, 0), int(subsection))
        return section, file_no if section in ("Ⅱ", "Ⅲ") else None, subsection

    # -- the pass

    def read(self) -> None:
        pending_free = False  # the next prose box is free text under the heading just read
        for box_index, box in enumerate(self.boxes):
            index = self.consumed.get(box_index, 0)
            box_used = index > 0
            while index < len(box):
                line = box[index]
                text = line.text
                if line.no in self.toc:
                    index += 1
                    continue
                annex = parse_annex(text)
                if self.in_changes or is_change_item_cell(text):
                    self.in_changes = not (annex and annex[0].startswith("別紙"))
                    if self.in_changes:
                        self.change_boxes.append(box[index:])
                        break
                if section := parse_section(text):
                    self._on_section(section, line)
                    if self.in_changes:
                        self.change_boxes.append(box[index:])
                        break
                    pending_free = False
                    index += 1
                    box_used = True
                    continue
                if sub := parse_subsection(text):
                    self._on_subsection(sub[0], sub[1], box, index)
                    pending_free = self.state.section in ROMAN and sub[1] == FILE_NAME_TITLE
                    index += 1
                    box_used = True
                    continue
                if annex:
                    self._title((annex[0],), collapse_spaces(annex[1]), line.no)
                    self.in_changes = CHANGE_HISTORY_TITLE in compact(annex[1])
                    if self.in_changes:
                        self.change_label = annex[0]
                        self.change_boxes.append(box[index + 1 :])
                        break
                    self._on_annex(annex[0])
                    pending_free = annex[0].startswith("別添")  # an attachment's text (e.g. the record items list)
                    index += 1
                    box_used = True
                    continue
                if _is_group(text):
                    index += 1
                    box_used = True
                    continue
                if anchor := parse_anchor(text, line.no):
                    anchor, index = _with_text_below(anchor, box, index)
                    self._on_anchor(anchor)
                    box_used = True
                    continue
                read = _read_label(box, index)
                if read:
                    label, index = read
                    index = self._on_label(label, box, box_index, index)
                    pending_free = False
                    box_used = True
                    continue
                if _is_vertical(box):
                    break
                if not box_used and not _is_option_or_checkbox(text):
                    rest = box[index:]
                    if all(not _is_option_or_checkbox(x.text) and not _is_structural(x) for x in rest):
                        if pending_free:
                            self._add_free(rest)
                        else:
                            self.orphans.append((line, _join(x.text for x in rest), self.state.section))
                        pending_free = False
                        break
                index += 1
                box_used = True

    def _on_annex(self, label: str) -> None:
        state = self.state
        if state.annex == label:
            return  # the annex title repeated at the top of each page
        state.annex = label
        state.subsection = None

    def _on_anchor(self, anchor: Anchor) -> None:
        state = self.state
        if anchor.kind == "システム":
            section, file_no, sub = "Ⅰ", None, "2"
        elif anchor.kind in ("委託事項", "提供先", "移転先"):
            section = "Ⅱ"
            file_no = state.files.get("Ⅱ")
            sub = "4" if anchor.kind == "委託事項" else "5"
        else:
            place = risk_place(anchor.text)
            section, file_no, sub = self._place(place)
            if section != "Ⅲ":
                section, file_no, sub = "Ⅲ", state.files.get("Ⅲ"), None
            if place is None:
                self.anchors.append((anchor, section, file_no, sub))
                return
        self.typed_anchors.add(anchor.line)
        self.anchors.append((anchor, section, file_no, sub))

    def _on_label(self, label: _Label, box: list[_Line], box_index: int, index: int) -> int:
        """Read the label's value; returns the index of the next unread line of the box."""
        value_lines: list[str] = []
        bracket = _bracket_value(label.inline) if label.inline[:1] in BRACKET_OPEN else None
        inline = bracket or _cut_options(label.inline)
        if not bracket and _is_option_or_checkbox(inline):
            inline = ""  # a split checkbox bracket, not a value
        last = label.lines[-1].no
        while index < len(box):
            line = box[index]
            if _is_option_or_checkbox(line.text) or _is_structural(line) or _read_label(box, index):
                break
            value_lines.append(line.text)
            last = line.no
            index += 1
        if re.fullmatch(r"[\[［]\s*[\]］]", inline):
            inline = ""  # an empty selection: nothing chosen, nothing to read
        value = _join([inline, *value_lines]) if (inline or value_lines) else ""
        if not value and index >= len(box) and box_index + 1 < len(self.boxes):
            nxt = self.boxes[box_index + 1]
            taken = _prose_prefix(nxt)
            text = compact(_join(x.text for x in nxt[:taken])) if taken else ""
            if label.label in OPTIONS and text not in OPTIONS[label.label]:
                taken = 0  # an option field's value is one of its options
            elif label.label not in OPTIONS and (text in OPTION_VALUES or text.isdigit()):
                taken = 0  # another field's option, or a page number, printed apart from this label
            if taken:
                value = f"[{text}]" if label.label in OPTIONS else _join(x.text for x in nxt[:taken])
                last = nxt[taken - 1].no
                self.consumed[box_index + 1] = taken
        first = label.lines[0].no
        if not value and label.label == CONNECTIONS:
            value, first, last = self._grid(box, box_index, label) or (value, first, last)
        if not value and label.label in OPTIONS:
            value, last = self._selection(label.label, box, box_index, index) or (value, last)
        used: list[int] = []
        if not value and label.label == FLOWS_FLAG:
            value, used = self._flow_options(box_index)
        if value and label.label == OUTSOURCING_FLAG:
            counts = [(m.group(1), line.no) for line in self._nearby(box_index) if (m := COUNT_RE.match(line.text))]
            if len(counts) == 1:
                value += f" （{counts[0][0]}） 件"
                used = [counts[0][1]]
        first, last = min([first, *used]), max([last, *used])
        place = label_place(label.label, self.state.form)
        section, file_no, sub = self._place(place)
        typed = place is not None
        annex = None if typed else self.state.annex
        self.entries.append(_Entry(label.label, value, first, last, section, file_no, sub, annex, typed))
        return index

    def _grid(self, box: list[_Line], box_index: int, label: _Label) -> tuple[str, int, int] | None:
        """The connection grid printed around its label: the checkbox lines of the label's box before it and
        those after it, up to the next label or heading."""
        before = [line for line in box if line.no < label.lines[0].no]
        after: list[_Line] = [line for line in box if line.no > label.lines[-1].no]
        for nxt in self.boxes[box_index + 1 :]:
            if any(_is_structural(line) or _read_label(nxt, n) for n, line in enumerate(nxt)):
                break
            after.extend(nxt)
        lines = [*before, *after]
        if not lines or not all(_is_option_or_checkbox(line.text) for line in lines):
            return None
        value = read_connection_grid([line.text for line in lines])
        numbers = [line.no for line in [*lines, *label.lines]]
        return (value, min(numbers), max(numbers)) if value else None

    def _nearby(self, box_index: int) -> list[_Line]:
        boxes = self.boxes[max(0, box_index - NEARBY_BOXES) : box_index + NEARBY_BOXES + 1]
        return [line for box in boxes for line in box]

    def _flow_options(self, box_index: int) -> tuple[str, list[int]]:
        """提供・移転の有無 from its three option rows printed whole near the label ("[ ○ ] 提供を行っている
        （ 63 ） 件"), with their lines; "" unless each option is printed exactly once."""
        found = [(m, line.no) for line in self._nearby(box_index) for m in FLOW_OPTION_RE.finditer(line.text)]
        order = ["提供を行っている", "移転を行っている", "行っていない"]
        if sorted(m.group(2) for m, _ in found) != sorted(order):
            return "", []
        parts = []
        for m, _ in sorted(found, key=lambda pair: order.index(pair[0].group(2))):
            count = f" （{m.group(3)}） 件" if m.group(3) else ""
            parts.append(f"[{'○' if m.group(1) else ' '}] {m.group(2)}{count}")
        return " ".join(parts), [no for _, no in found]

    def _selection(self, label: str, box: list[_Line], box_index: int, index: int) -> tuple[str, int] | None:
        """The bracketed selection "[ X ]" of an option field: the rest of its box, or the first box after the
        option list printed under it (X must be one of the field's options)."""
        candidates = [box[index]] if index < len(box) else []
        for nxt in self.boxes[box_index + 1 : box_index + 4]:
            candidates.append(nxt[0])
            if not all(OPTION_LINE_RE.match(x.text) for x in nxt):
                break
        for line in candidates:
            value = _bracket_value(line.text)
            if value and value[1:-1] in OPTIONS[label]:
                return value, line.no
        return None

    def _add_free(self, lines: list[_Line]) -> None:
        state = self.state
        section = state.section
        file_no = state.files.get(section) if section in ("Ⅱ", "Ⅲ") else None
        self.free.append(
            _Entry(
                "",
                _join(x.text for x in lines),
                lines[0].no,
                lines[-1].no,
                section,
                file_no,
                state.subsection,
                state.annex,
            )
        )


def _with_text_below(anchor: Anchor, box: list[_Line], index: int) -> tuple[Anchor, int]:
    """A flow's heading printed alone with its recipient on the next lines of its box ("移転先17" then the wrapped
    names): the recipient is its text. Returns the anchor and the index of the first line it does not use."""
    nxt = index + 1
    if anchor.text or anchor.kind not in RECIPIENT_KINDS:
        return anchor, nxt
    lines: list[str] = []
    while nxt < len(box) and not (
        _is_option_or_checkbox(box[nxt].text) or _is_structural(box[nxt]) or _read_label(box, nxt)
    ):
        lines.append(box[nxt].text)
        nxt += 1
    if not lines:
        return anchor, nxt
    return replace(anchor, text=_join(lines).replace("\n", ""), text_line=box[nxt - 1].no), nxt


def _is_vertical(box: list[_Line]) -> bool:
    """Text printed vertically (one character per line, e.g. the 再委託 group label)."""
    return len(box) >= 2 and all(len(compact(line.text)) == 1 for line in box)


def _prose_prefix(box: list[_Line]) -> int:
    """How many lines at the start of a box are prose (no label, heading, option list or checkbox)."""
    if _is_vertical(box):
        return 0
    for index, line in enumerate(box):
        if _is_option_or_checkbox(line.text) or _is_structural(line) or _read_label(box, index):
            return index
    return len(box)


def _cut_options(text: str) -> str:
    """A value without the option list printed after it ("[十分である] ＜選択肢＞ 1) ...")."""
    return re.split(r"＜選択肢＞|<選択肢>", text, maxsplit=1)[0].strip()


# ----------------------------------------------------------------------------- the cover


def _cover_blocks(boxes: list[list[_Line]], toc: set[int]) -> list[Block]:
    """The cover's facts, recognised by their shape: its label/value pairs come out scrambled."""
    cover: list[list[_Line]] = []
    for box in boxes:
        ends = [
            n for n, line in enumerate(box) if line.no in toc or parse_section(line.text) or parse_subsection(line.text)
        ]
        if ends:
            if ends[0]:
                cover.append(box[: ends[0]])
            break
        cover.append(box)
    blocks: list[Block] = []
    heading = (COVER,)
    label_lines: dict[str, list[int]] = {}
    for box in cover:
        label_lines.setdefault(compact(_join(x.text for x in box)), []).extend(x.no for x in box)

    def span(label: str, box: list[_Line]) -> Span:
        """The value's lines, and the label's line when the cover prints that label once."""
        lines = [
            box[0].no,
            box[-1].no,
            *(label_lines.get(compact(label), []) if len(label_lines.get(compact(label), [])) == 1 else []),
        ]
        return Span(min(lines), max(lines))

    for position, box in enumerate(cover):
        text = _join(x.text for x in box)
        if TITLE_RE.match(compact(text)):
            blocks.append(Block(heading, "評価書名", re.sub(r"\s+", " ", text), span("評価書名", box)))
        elif compact(text).startswith("特定個人情報保護評価書"):
            blocks.append(Block(heading, "", text, span("", box)))
        elif text.endswith("宣言する。"):
            label = "個人のプライバシー等の権利利益の保護の宣言"
            blocks.append(Block(heading, label, text, span(label, box)))
        elif compact(text) == "評価書番号" and position + 1 < len(cover):
            number = _join(x.text for x in cover[position + 1])
            if number.isdigit():
                nxt = cover[position + 1]
                blocks.append(Block(heading, "評価書番号", number, Span(box[0].no, nxt[-1].no)))
    for label, shape in (("評価実施機関名", BODY_RE), ("公表日", WAREKI_DATE_RE)):
        found = [box for box in cover if shape.match(compact(_join(x.text for x in box)))]
        if len({compact(_join(x.text for x in box)) for box in found}) == 1:
            box = found[0]
            blocks.append(Block(heading, label, _join(x.text for x in box), span(label, box)))
    return blocks


def _form_kind(text: str) -> FormKind | None:
    for title, kind in FORM_KINDS.items():
        if title in compact(text[:3000]):
            return kind
    return None


# ----------------------------------------------------------------------------- items


def _neighbours(boxes: list[list[_Line]]) -> dict[int, tuple[int | None, int | None]]:
    """line -> the first lines of the boxes before and after the line's box."""
    firsts: list[int | None] = [None, *(box[0].no for box in boxes), None]
    return {line.no: (firsts[n], firsts[n + 2]) for n, box in enumerate(boxes) for line in box}


def _circled_rank(label: str) -> int | None:
    return CIRCLED.index(label[0]) if label[:1] in CIRCLED else None


def _owners(label: str, section: str) -> set[str]:
    """The item kinds whose items print this label."""
    if section == "Ⅲ":
        return {"リスク"}
    return {kind for kind, labels in ITEM_LABELS.items() if label in labels}


def _attribute(
    entries: list[_Entry],
    anchors: list[tuple[Anchor, str, int | None, str | None]],
    neighbours: dict[int, tuple[int | None, int | None]],
    restated: dict[int, Anchor],
) -> dict[int, Anchor]:
    """entry index -> the item that owns it, where decidable (see the module docstring); ``neighbours`` maps a
    line to the first lines of the boxes before and after its own; ``restated`` are the rows the change history
    already gave to their items."""
    owner: dict[int, Anchor] = dict(restated)
    regions: dict[tuple[str, int | None, str | None], list[Anchor]] = defaultdict(list)
    for anchor, section, file_no, sub in anchors:
        if anchor.no is not None:
            regions[(section, file_no, sub)].append(anchor)
    for key, region_anchors in regions.items():
        members = [
            i for i, e in enumerate(entries) if (e.section, e.file, e.subsection) == key and _owners(e.label, e.section)
        ]
        _same_line(entries, members, region_anchors, owner)
        _first_row(entries, members, region_anchors, owner, neighbours)
        _ordered_gaps(entries, members, region_anchors, owner)
        _whole_tables(entries, members, region_anchors, owner)
        idle = _idle_kinds(entries, key)
        if idle:  # the rows of an empty item's table are printed empty: the filled ones are the other items'
            filled = [i for i in members if entries[i].value]
            _elimination(entries, filled, [a for a in region_anchors if a.kind not in idle], owner)
        _elimination(entries, members, region_anchors, owner)
    return owner


def _idle_kinds(entries: list[_Entry], key: tuple[str, int | None, str | None]) -> set[str]:
    """The flow kinds 提供・移転の有無 leaves unticked here: their item headings (printed empty) own no row."""
    flags = [e.value for e in entries if (e.section, e.file, e.subsection) == key and e.label == FLOWS_FLAG]
    if len(flags) != 1:
        return set()
    idle = set()
    for kind, option in (("提供先", "提供を行っている"), ("移転先", "移転を行っている")):
        if re.search(rf"[\[［]\s*[\]］]\s*{option}", flags[0]):
            idle.add(kind)
    return idle


def _same_line(entries: list[_Entry], members: list[int], anchors: list[Anchor], owner: dict[int, Anchor]) -> None:
    by_line = {a.line: a for a in anchors}
    for i in members:
        if i in owner:
            continue
        if entries[i].start in by_line and by_line[entries[i].start].kind in _owners(
            entries[i].label, entries[i].section
        ):
            owner[i] = by_line[entries[i].start]


def _first_row(
    entries: list[_Entry],
    members: list[int],
    anchors: list[Anchor],
    owner: dict[int, Anchor],
    neighbours: dict[int, tuple[int | None, int | None]],
) -> None:
    """An item's first label (①...) printed in the box right after the item's heading is that item's: the
    heading and the first row of its table stay together. Not when that ① box is followed by another item's
    heading, or the heading is preceded by a ① box too (the ① may then be either item's). Where the items of
    the region are printed out of order, only inside a run the extraction kept: the items just before and after
    are numbered one below and one above and show their own ① right after their heading too. Items whose ① is
    already decided (on their heading's line, or restated by the change history) do not compete: neither their
    ① nor their place in the order is in question."""
    headings = {anchor.line for anchor in anchors}
    decided = {owner[i].line for i in owner if entries[i].label == _first_label(owner[i].kind)}  # by heading line
    everyone = sorted(anchors, key=lambda a: a.line)
    ordered = [a for a in everyone if a.line not in decided]
    found: dict[int, int] = {}  # anchor line -> the entry of the ① right after it
    for anchor in ordered:
        first = _first_label(anchor.kind)
        if first is None:
            continue
        before, after = neighbours.get(anchor.line, (None, None))
        firsts = {entries[i].start: i for i in members if entries[i].label == first and i not in owner}
        if after in firsts and before not in firsts and neighbours.get(after, (None, None))[1] not in headings:
            found[anchor.line] = firsts[after]
    # items whose ① is decided keep their first row with them as much as those found so
    kept_together = found | dict.fromkeys(decided, -1)
    for position, anchor in enumerate(ordered):
        entry = found.get(anchor.line)
        if entry is None or entry in owner:
            continue
        at = everyone.index(anchor)
        in_order = _in_sequence(everyone, at) or _in_sequence(ordered, position)
        if in_order or _in_run(everyone, at, kept_together):
            owner[entry] = anchor


def _first_label(kind: str) -> str | None:
    """The label of an item's first row (①...), when its kind has exactly one."""
    circled = [label for label in ITEM_LABELS.get(kind, ()) if _circled_rank(label) == 0]
    return circled[0] if len(circled) == 1 else None


def _in_run(ordered: list[Anchor], position: int, found: dict[int, int]) -> bool:
    """Whether the items of this kind just before and after this one are numbered one below and one above it and
    have their first row right after their heading or already decided (``found``, keyed by heading line) too."""
    anchor = ordered[position]
    before = next((a for a in reversed(ordered[:position]) if a.kind == anchor.kind), None)
    after = next((a for a in ordered[position + 1 :] if a.kind == anchor.kind), None)
    if anchor.no is None or (before is None and after is None):
        return False
    for neighbour, step in ((before, -1), (after, 1)):
        if neighbour is not None and (neighbour.no != anchor.no + step or neighbour.line not in found):
            return False
    return True


def _in_sequence(ordered: list[Anchor], position: int) -> bool:
    """Whether the items of this kind read in one direction, this one's neighbours numbered one off it.

    An extraction that kept the form's order prints the items 1, 2, 3 (or, page bottom up, 3, 2, 1); where
    the items of a region come out in any other order, what follows one item's heading may be another's.
    """
    anchor = ordered[position]
    numbers = [a.no for a in ordered if a.kind == anchor.kind]
    if anchor.no is None or None in numbers or len(set(numbers)) != len(numbers):
        return False
    step = 1 if numbers == sorted(numbers) else -1 if numbers == sorted(numbers, reverse=True) else 0
    if step == 0:
        return False
    before = next((a for a in reversed(ordered[:position]) if a.kind == anchor.kind), None)
    after = next((a for a in ordered[position + 1 :] if a.kind == anchor.kind), None)
    if (before and before.no != anchor.no - step) or (after and after.no != anchor.no + step):
        return False
    nxt = ordered[position + 1] if position + 1 < len(ordered) else None
    return nxt is None or nxt.kind != anchor.kind or nxt is after


def _ordered_gaps(entries: list[_Entry], members: list[int], anchors: list[Anchor], owner: dict[int, Anchor]) -> None:
    """Labels after an item and before the next one, when they read in the form's order (no label twice,
    circled numbers rising): the rows of one item's table printed after its heading."""
    ordered = sorted(anchors, key=lambda a: a.line)
    for position, anchor in enumerate(ordered):
        end = ordered[position + 1].line if position + 1 < len(ordered) else None
        if not _in_sequence(ordered, position):
            continue  # items printed out of order: the rows after one may be another's
        if end is None and anchor.kind == "リスク":
            continue  # Ⅲ labels are not typed by item: an open gap may hold the next subsection's rows
        gap = [
            i
            for i in members
            if anchor.line < entries[i].start and (end is None or entries[i].start < end) and i not in owner
        ]
        if not gap or any(anchor.kind not in _owners(entries[i].label, entries[i].section) for i in gap):
            continue
        labels = [entries[i].label for i in gap]
        ranks = [r for r in (_circled_rank(label) for label in labels) if r is not None]
        if len(set(labels)) == len(labels) and ranks == sorted(ranks):
            for i in gap:
                owner[i] = anchor


def _whole_tables(entries: list[_Entry], members: list[int], anchors: list[Anchor], owner: dict[int, Anchor]) -> None:
    """An item's whole table printed as one run: consecutive rows of the region (in line order) reading every label
    the region prints for the item kind exactly once, circled numbers rising (①委託内容 … ⑥再委託事項). Like the
    rows read in the form's order after a heading (``_ordered_gaps``), such a run is one item's table; when rows
    of it are already decided, all for one item of that kind, the run's other rows are that item's too."""
    ordered = sorted(members, key=lambda i: entries[i].start)
    for kind in sorted({a.kind for a in anchors} - {"リスク"}):
        printed = {entries[i].label for i in ordered if kind in _owners(entries[i].label, entries[i].section)}
        size = len(printed)
        if size < MIN_TABLE_ROWS:
            continue
        for start in range(len(ordered) - size + 1):
            run = ordered[start : start + size]
            labels = [entries[i].label for i in run]
            ranks = [_circled_rank(label) for label in labels]
            if set(labels) != printed or None in ranks or ranks != sorted(ranks) or len(set(ranks)) != size:
                continue
            holders = {(owner[i].kind, owner[i].no): owner[i] for i in run if i in owner}
            if len(holders) == 1 and (item := next(iter(holders.values()))).kind == kind:
                for i in run:
                    owner.setdefault(i, item)


def _elimination(entries: list[_Entry], members: list[int], anchors: list[Anchor], owner: dict[int, Anchor]) -> None:
    """A label that every item but one already has, read once more: it is the last item's."""
    kinds = {a.kind for a in anchors} - {"リスク"}
    for label in {entries[i].label for i in members}:
        owning = _owners(label, entries[members[0]].section) & kinds
        have = {(owner[i].kind, owner[i].no) for i in members if i in owner and entries[i].label == label}
        missing = [a for a in anchors if a.kind in owning and (a.kind, a.no) not in have]
        loose = [i for i in members if entries[i].label == label and i not in owner]
        if len(missing) == 1 and len(loose) == 1:
            owner[loose[0]] = missing[0]


def _restated_recipients(
    entries: list[_Entry],
    anchors: list[tuple[Anchor, str, int | None, str | None]],
    changes: list[Block],
    orphans: list[tuple[_Line, str, str]],
) -> list[tuple[Anchor, str, int | None, str | None]]:
    """The anchors, the flow headings printed without their recipient given the one their current restatement
    (made on the history's latest date) names, when that text is printed as loose boxes among the item's region
    exactly as many times as such headings restate it (the recipient cell printed apart from its heading; the
    texts being the same, which box goes to which heading changes only the lines the block points at)."""
    current = current_restatements(changes, {e.label for e in entries})
    needy: dict[tuple[str, int | None, str | None, str], list[int]] = defaultdict(list)
    for n, (anchor, section, file_no, sub) in enumerate(anchors):
        head = current.get(f"{anchor.kind}{anchor.no}", (None, {}))[0]
        same_item = [a for a, *_ in anchors if (a.kind, a.no) == (anchor.kind, anchor.no)]
        if not anchor.text and anchor.kind in RECIPIENT_KINDS and head is not None and len(same_item) == 1:
            needy[(section, file_no, sub, head)].append(n)
    placed_anchors = list(anchors)
    for (section, file_no, sub, head), headings in needy.items():
        lines = [e.start for e in entries if (e.section, e.file, e.subsection) == (section, file_no, sub)]
        lines += [a.line for a, sec, f, s in anchors if (sec, f, s) == (section, file_no, sub)]
        loose = [
            (line, value)
            for line, value, placed in orphans
            if placed == section and min(lines) <= line.no <= max(lines) and squeeze(value) == head
        ]
        if len(loose) != len(headings):
            continue
        for n, (line, value) in zip(headings, loose, strict=True):
            anchor = anchors[n][0]
            placed_anchors[n] = (replace(anchor, text=value, text_line=line.no), section, file_no, sub)
    return placed_anchors


def _restated_rows(
    entries: list[_Entry],
    anchors: list[tuple[Anchor, str, int | None, str | None]],
    changes: list[Block],
    orphans: list[tuple[_Line, str, str]],
) -> dict[int, Anchor]:
    """entry index -> item, for the rows the change history restates (loaders.normalize.restatements), decided
    before the layout is read: an item restated whole with what its heading prints beside it (a flow's recipient)
    must print that same text there, unless the restatement is of the history's latest date (it numbers the items
    as this version does); a restated row is given when its text is printed, with that label, among the item's
    region exactly as many times as items restate it so (rows printed alike go one to each), or printed so as
    loose boxes beside that label printed empty. The history does not say which file an item is in: an item
    numbered in several files is not decided."""
    items: dict[str, list[tuple[Anchor, str, int | None, str | None]]] = defaultdict(list)
    for placed in anchors:
        if placed[0].no is not None:
            items[f"{placed[0].kind}{placed[0].no}"].append(placed)
    claims: dict[tuple[str, int | None, str | None, str, str], list[Anchor]] = defaultdict(list)
    labels = {e.label for e in entries}
    current = current_restatements(changes, labels)
    for item, (head, rows) in restatements(changes, labels).items():
        if len(items.get(item, [])) != 1:
            continue
        anchor, section, file_no, sub = items[item][0]
        if head is not None and squeeze(anchor.text) != head and not (anchor.text and item in current):
            # restated beside another recipient, or the heading prints none: not this item's rows, unless restated
            # on the history's latest date (the item as this version numbers it, whatever recipient it names)
            continue
        for label, text in rows.items():
            if anchor.kind in _owners(label, section):
                claims[(section, file_no, sub, label, text)].append(anchor)
    owner: dict[int, Anchor] = {}
    for (section, file_no, sub, label, text), claimants in claims.items():
        region = [i for i, e in enumerate(entries) if (e.section, e.file, e.subsection) == (section, file_no, sub)]
        matching = [
            i
            for i in region
            if entries[i].label == label and entries[i].value and same_text(squeeze(entries[i].value), text)
        ]
        if not matching:
            matching = _values_printed_apart(entries, region, label, text, orphans, len(claimants))
        if len(matching) == len(claimants):
            for i, anchor in zip(matching, sorted(claimants, key=lambda a: a.no or 0), strict=True):
                owner[i] = anchor
    return owner


def _values_printed_apart(
    entries: list[_Entry], region: list[int], label: str, text: str, orphans: list[tuple[_Line, str, str]], wanted: int
) -> list[int]:
    """The restated text of a row printed apart from its label (a prose box no label took, the label printed
    empty elsewhere in the region): when the region prints that text exactly ``wanted`` times as loose boxes and
    has as many empty labels of the row, each box becomes the value of the empty label nearest to it (the pairing
    only sets the lines the block points at; whose row it is, the restatement decides). Returns those entries."""
    if not region:
        return []
    lines = [n for i in region for n in (entries[i].start, entries[i].end)]
    loose = [
        (line, value)
        for line, value, section in orphans
        if section == entries[region[0]].section
        and min(lines) <= line.no <= max(lines)
        and same_text(squeeze(value), text)
    ]
    empty = [i for i in region if entries[i].label == label and not entries[i].value]
    if len(loose) != wanted or len(empty) < wanted:
        return []
    chosen: list[int] = []
    for line, value in loose:
        nearest = min((i for i in empty if i not in chosen), key=lambda i: abs(entries[i].start - line.no))
        entry = entries[nearest]
        entry.value = value
        entry.start, entry.end = min(entry.start, line.no), max(entry.end, line.no)
        chosen.append(nearest)
    return chosen


# ----------------------------------------------------------------------------- option fields


def _place_untyped(
    entries: list[_Entry], anchors: list[tuple[Anchor, str, int | None, str | None]], typed_anchors: set[int]
) -> tuple[list[_Entry], list[tuple[Anchor, str, int | None, str | None]]]:
    """Entries worth emitting, and the anchors, with untyped ones placed by their typed neighbours.

    Labels such as その妥当性 (and risks worded alike in Ⅲ-2 and Ⅲ-6) are printed in several subsections; in a
    PDF extraction the heading before them may belong to another row, so they take the subsection on which
    the typed labels or items read just before and just after them (same section and file) agree, and lose
    it otherwise (an untyped label is then not emitted). Labels of the cover (read by shape) and untyped
    labels inside an annex are dropped.
    """
    marks: list[tuple[int, str, int | None, str | None]] = [
        (e.start, e.section, e.file, e.subsection) for e in entries if e.typed
    ] + [(a.line, sec, f, sub) for a, sec, f, sub in anchors if a.line in typed_anchors]
    marks.sort()

    def agreed(line: int, section: str) -> tuple[int | None, str] | None:
        before = next((m for m in reversed(marks) if m[0] < line and m[1] == section), None)
        after = next((m for m in marks if m[0] > line and m[1] == section), None)
        if before and after and (before[2], before[3]) == (after[2], after[3]) and before[3]:
            return before[2], before[3]
        return None

    kept: list[_Entry] = []
    for entry in entries:
        if entry.section == COVER or (entry.annex and not entry.typed):
            continue
        if entry.section in ROMAN and not entry.typed:
            found = agreed(entry.start, entry.section)
            if found is None:
                continue
            entry.file, entry.subsection = found
        kept.append(entry)
    placed = []
    for anchor, section, file_no, sub in anchors:
        if section == "Ⅲ" and anchor.line not in typed_anchors:
            found = agreed(anchor.line, section)
            file_no, sub = found if found else (file_no, None)
        placed.append((anchor, section, file_no, sub))
    return kept, placed


def _fill_options(entries: list[_Entry], orphans: list[tuple[_Line, str, str]]) -> None:
    """An option field without a value takes the one orphan box of its section that is one of its options,
    when no other field of that section offering the same options is without a value too."""
    used: set[int] = set()
    for entry in entries:
        if entry.value or entry.label not in OPTIONS:
            continue
        options = OPTIONS[entry.label]
        rivals = [e for e in entries if e.section == entry.section and not e.value and OPTIONS.get(e.label) == options]
        if len(rivals) != 1:
            continue
        found = [
            (n, line, text)
            for n, (line, text, section) in enumerate(orphans)
            if section == entry.section and n not in used and compact(text) in options
        ]
        if len({compact(text) for _n, _line, text in found}) == 1 and len(found) == 1:
            n, line, text = found[0]
            used.add(n)
            entry.value = f"[{compact(text)}]"
            entry.start, entry.end = min(entry.start, line.no), max(entry.end, line.no)


# ----------------------------------------------------------------------------- declared counts


def _listed(reader: _Reader, entry: _Entry, kind: str) -> int | None:
    """How many items of ``kind`` the entry's section and file list: N when they are numbered 1..N, else None."""
    numbers = {
        anchor.no
        for anchor, section, file_no, _sub in reader.anchors
        if anchor.kind == kind and (section, file_no) == (entry.section, entry.file)
    }
    return len(numbers) if numbers and numbers == set(range(1, len(numbers) + 1)) else None


def _scrambled_counts(reader: _Reader, entry: _Entry) -> list[tuple[int, int]]:
    """(number, line) of the numbers printed as count fragments around the entry's label ("（ ○35", "29 ） 件"), and
    of the bare numbers of the boxes next to it when a split "）件" is printed there too."""
    at = [n for n, box in enumerate(reader.boxes) if any(entry.start <= line.no <= entry.end for line in box)]
    if not at:
        return []
    near = sorted({n for a in at for n in range(max(0, a - NEARBY_BOXES), a + NEARBY_BOXES + 1)})
    wide = range(max(0, at[0] - COUNT_WINDOW_BOXES), min(len(reader.boxes), at[-1] + COUNT_WINDOW_BOXES + 1))
    wide_lines = [line for n in wide for line in reader.boxes[n]]
    counts = [
        (int(m.group(1)), line.no)
        for line in wide_lines
        if (m := COUNT_OPEN_RE.match(line.text) or COUNT_CLOSE_RE.search(line.text))
    ]
    if any(SPLIT_CLOSE_RE.match(line.text) for line in wide_lines):
        near_lines = [line for n in near if n < len(reader.boxes) for line in reader.boxes[n]]
        counts += [(int(m.group(1)), line.no) for line in near_lines if (m := BARE_NUMBER_RE.match(line.text))]
    return counts


def _bounded_counts(reader: _Reader) -> None:
    """Declared counts printed apart from their options (the option rows of 委託の有無 and 提供・移転の有無 split
    over several boxes): a count is read only when the numbers printed as counts around the label are exactly the
    numbers of items the file lists (委託事項1..N, 提供先1..N, 移転先1..N), each matched to its kind by value.
    The ticks stay unread: only the counts are added."""
    for entry in reader.entries:
        if entry.label == OUTSOURCING_FLAG and entry.value and not re.search(r"\d+\s*[）)]\s*件", entry.value):
            kinds: tuple[tuple[str, str], ...] = (("委託事項", ""),)
        elif entry.label == FLOWS_FLAG and not entry.value:
            kinds = FLOW_COUNT_OPTIONS
        else:
            continue
        listed = [(_listed(reader, entry, kind), option) for kind, option in kinds]
        numbers = [n for n, _option in listed]
        if None in numbers or len(set(numbers)) != len(numbers):
            continue  # a kind not listed 1..N, or two kinds listing as many items: which count is whose is unknown
        printed = _scrambled_counts(reader, entry)
        if sorted(n for n, _line in printed) != sorted(n for n in numbers if n is not None):
            continue
        counts = " ".join(f"{option} （{n}） 件".strip() for n, option in listed)
        entry.value = f"{entry.value} {counts}".strip()
        entry.start = min(entry.start, *(line for _n, line in printed))
        entry.end = max(entry.end, *(line for _n, line in printed))


def _declared_count(reader: _Reader, kind: str, section: str, file_no: int | None) -> int | None:
    """The count the file's flag declares for ``kind`` (「（4） 件」 in 委託の有無), when it is printed once."""
    flag, option = COUNTED_ITEMS[kind]
    pattern = re.compile(re.escape(option) + r"\s*[（(]\s*(\d+)\s*[）)]\s*件")
    counts = {
        int(m.group(1))
        for e in reader.entries
        if e.label == flag and (e.section, e.file) == (section, file_no) and (m := pattern.search(e.value))
    }
    return counts.pop() if len(counts) == 1 else None


def _declared_items(reader: _Reader, blocks: list[Block]) -> list[Block]:
    """An empty free-text block for each item heading printed with nothing read under it (no recipient or title
    beside it, no row decided to be its) whose number the declared count includes (委託事項4 under 「（4） 件」):
    the item is listed and its fields are reported unread. A heading beyond the count, or in a file declaring
    none, is an empty table the form prints, not an item."""
    read = {b.headings for b in blocks}
    listed: list[Block] = []
    for anchor, section, file_no, sub in reader.anchors:
        if anchor.kind not in COUNTED_ITEMS or anchor.no is None:
            continue
        path = _headings(_Entry("", "", anchor.line, anchor.line, section, file_no, sub), anchor)
        declared = _declared_count(reader, anchor.kind, section, file_no)
        if path not in read and declared is not None and anchor.no <= declared:
            listed.append(Block(path, "", "", Span(anchor.line, anchor.line)))
            read.add(path)
    return listed


# ----------------------------------------------------------------------------- assembling


def _headings(entry: _Entry, item: Anchor | None) -> tuple[str, ...]:
    if entry.annex:
        return (entry.annex,)
    path: list[str] = [entry.section]
    if entry.section in ("Ⅱ", "Ⅲ") and entry.file is not None:
        path.append(f"ファイル{entry.file}")
    if entry.subsection:
        path.append(entry.subsection)
    if item is not None:
        path.append(f"{item.kind}{item.no if item.no is not None else ''}")
    return tuple(path)


def _unowned_rows(
    entries: list[_Entry], anchors: list[tuple[Anchor, str, int | None, str | None]], owner: dict[int, Anchor]
) -> list[Warning]:
    """One warning per subsection whose items' rows could not all be given to an item."""
    with_items = {(section, file_no, sub) for _anchor, section, file_no, sub in anchors}
    loose: dict[tuple[str, int | None, str | None], list[_Entry]] = defaultdict(list)
    for index, entry in enumerate(entries):
        key = (entry.section, entry.file, entry.subsection)
        if index not in owner and entry.value and key in with_items and _owners(entry.label, entry.section):
            loose[key].append(entry)
    warnings = []
    for (section, file_no, sub), rows in loose.items():
        path = "/".join(p for p in (section, f"ファイル{file_no}" if file_no else "", sub or "") if p)
        span = Span(min(e.start for e in rows), max(e.end for e in rows))
        message = f"{path}: {len(rows)} rows printed out of order were not given to an item"
        warnings.append(Warning(message, Location(path, span)))
    return warnings


def _table_starts(blocks: list[Block]) -> dict[tuple[str, ...], int]:
    """Where each table's header sorts: before its first row, even when printed after it."""
    starts: dict[tuple[str, ...], int] = {}
    for block in blocks:
        if block.label in ("row", "header"):
            starts[block.headings] = min(starts.get(block.headings, block.span.start), block.span.start)
    return starts


def _join_lines(lines: list[str]) -> str:
    return _join(lines)


def _titles(reader: _Reader) -> tuple[Block, ...]:
    """The titles the headings print, and those of the annexes the table of contents lists but the body does
    not title (an annex's own heading may be lost in the extraction)."""
    titles = dict(reader.titles)
    for line in (line for box in reader.boxes for line in box if line.no in reader.toc):
        annex = parse_annex(line.text)
        if annex and annex[1] and (annex[0],) not in titles:
            titles[(annex[0],)] = (collapse_spaces(annex[1]), line.no)
    return tuple(Block(path, "title", title, Span(no, no)) for path, (title, no) in titles.items())


def _toc_change_label(boxes: list[list[_Line]], toc: set[int]) -> str | None:
    """The change history's annex label as the table of contents prints it (its own title may be lost)."""
    for line in (line for box in boxes for line in box if line.no in toc):
        annex = parse_annex(line.text)
        if annex and CHANGE_HISTORY_TITLE in compact(annex[1]):
            return annex[0]
    return None


def segment(source: SourceDocument) -> SegmentedDocument:
    """Cut a PDF-extracted assessment into the form's labelled blocks (see SEGMENTS contract)."""
    form = _form_kind(source.text)
    reader = _Reader(source.lines, form)
    reader.read()
    reader.entries, reader.anchors = _place_untyped(reader.entries, reader.anchors, reader.typed_anchors)
    _fill_options(reader.entries, reader.orphans)
    _bounded_counts(reader)
    label = reader.change_label or _toc_change_label(reader.boxes, reader.toc)
    changes: list[Block] = []
    if label:
        boxes = [[(line.no, line.text) for line in box] for box in reader.change_boxes if box]
        changes = change_rows(boxes, label, _join_lines)
    reader.anchors = _restated_recipients(reader.entries, reader.anchors, changes, reader.orphans)
    restated = _restated_rows(reader.entries, reader.anchors, changes, reader.orphans)
    owner = _attribute(reader.entries, reader.anchors, _neighbours(reader.boxes), restated)
    blocks = _cover_blocks(reader.boxes, reader.toc)
    for anchor, section, file_no, sub in reader.anchors:
        if anchor.text:
            entry = _Entry("", anchor.text, anchor.line, anchor.line, section, file_no, sub)
            other = anchor.text_line or anchor.line
            span = Span(min(anchor.line, other), max(anchor.line, other))
            blocks.append(Block(_headings(entry, anchor), "", anchor.text, span))
    for index, entry in enumerate(reader.entries):
        if entry.value:
            blocks.append(
                Block(_headings(entry, owner.get(index)), entry.label, entry.value, Span(entry.start, entry.end))
            )
    blocks.extend(_declared_items(reader, blocks))
    for entry in reader.free:
        blocks.append(Block(_headings(entry, None), "", entry.value, Span(entry.start, entry.end)))
    annex_blocks, annex_warnings = annex_tables(source.lines)
    blocks.extend(annex_blocks)
    blocks.extend(changes)
    warnings = [*annex_warnings, *_unowned_rows(reader.entries, reader.anchors, owner)]
    starts = _table_starts(blocks)
    blocks.sort(key=lambda b: (starts[b.headings], 0, 0) if b.label == "header" else (b.span.start, 1, b.span.end))
    return SegmentedDocument(
        source=source,
        layout="pdf-text",
        form=form,
        blocks=tuple(blocks),
        warnings=tuple(warnings),
        titles=_titles(reader),
    )
