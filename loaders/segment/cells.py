"""Segmenter for the "cells" exports: one table row per line, cells separated by TAB.

Two styles share this module, told apart by ``detect_style``:

- ``html-cells``: cells carry leftover HTML (``<p>``, ``<ul>``, ``<input type="checkbox"/>``);
- ``markdown-cells``: the same rows, plus markdown headings (``# I 基本情報``), ``**bold**`` and ``- `` bullets.

The segmenter walks the lines once and keeps the form's position (section, file, numbered subsection,
numbered item). It recognises, in this order:

1. the table of contents (``項目一覧`` and the lines after it, up to a blank line) — skipped;
2. section headings (``I 基本情報`` .. ``VI 評価実施手続``), annex headings (``(別添2) ...``,
   ``(Ⅱ-5別紙) ...``), numbered subsections (``5. 個人番号の利用``) and numbered items
   (``提供先3``, ``リスク2: ...``; group headings such as ``提供先2～5`` are skipped);
3. label rows (``①法令上の根拠<TAB>value``); a row whose first cell is a group label (``再委託``,
   ``⑦使用の主体``) takes the next cell as its label;
4. free text: appended to the open label (a label printed alone on its line) or to a ``""`` block.

Inside annexes every multi-cell row becomes a ``row`` block (cells joined by TAB, empty cells kept so
columns stay aligned) and the first rows of a table made of short captions become ``header`` blocks.

The heading/label vocabulary is the one in SEGMENTS.md, shared with the PDF segmenter; the extractor
relies on nothing else. Parsing follows the structure of the PPC forms, never line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.model import Block, FormKind, Layout, SegmentedDocument, SourceDocument, Span, Warning
from loaders.normalize.text import checkbox_state, fold_width, strip_tags

ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ", "VI": "Ⅵ"}
ROMAN.update({v: v for v in ROMAN.values()})
SECTION_TITLES = {
    "Ⅰ": "基本情報",
    "Ⅱ": "特定個人情報ファイルの概要",
    "Ⅲ": "特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
    "Ⅳ": "その他のリスク対策",
    "Ⅴ": "開示請求",
    "Ⅵ": "評価実施手続",
}
FILE_SECTIONS = ("Ⅱ", "Ⅲ")
COVER = "表紙"
COVER_LABELS = (
    "評価書番号",
    "評価書名",
    "個人のプライバシー等の権利利益の保護の宣言",
    "特記事項",
    "評価実施機関名",
    "個人情報保護委員会承認日【行政機関等のみ】",
    "個人情報保護委員会承認日",
    "公表日",
)
# Labels the forms print alone on a line, their value on the following lines.
STANDALONE_LABELS = frozenset(
    {
        *COVER_LABELS,
        "法令上の根拠",
        "具体的な対策の内容",
        "具体的な方法",
        "具体的な管理方法",
        "その内容",
        "再発防止策の内容",
    }
)
STANDALONE_SUFFIXES = ("その他のリスク及びそのリスクに対する措置",)
# Labels printed in the second cell of a row whose first cell is the group (row-spanning) label.
SUB_LABELS = frozenset(
    {
        "使用部署",
        "使用者数",
        "対象となる本人の数",
        "対象となる本人の範囲",
        "その妥当性",
        "その必要性",
        "期間",
        "主な記録項目",
        "全ての記録項目",
        "具体的な対策の内容",
        "具体的な方法",
        "具体的な管理方法",
        "規定の内容",
        "手順の内容",
    }
)
ITEM_KINDS = ("システム", "委託事項", "提供先", "移転先", "リスク")
ITEM_HOME = {"システム": ("Ⅰ", "2"), "委託事項": ("Ⅱ", "4"), "提供先": ("Ⅱ", "5"), "移転先": ("Ⅱ", "5")}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^-\s+")
_SEPARATOR = re.compile(r"^[\s\t\-|:]*-{3,}[\s\t\-|:]*$")
_SECTION = re.compile(r"^(VI|IV|V|III|II|I|Ⅵ|Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ)\s*(\S.*)$")
_ANNEX = re.compile(
    r"^(?P<open>[(（])?(?P<label>別添\d+(?:-\d+)?|別紙\d*|(?:VI|IV|V|III|II|I|[ⅠⅡⅢⅣⅤⅥ])-\d+別紙|別紙(?:VI|IV|V|III|II|I|[ⅠⅡⅢⅣⅤⅥ])-\d+)"
    r"(?(open)[)）])\s*(?P<title>.*)$"
)
_INCIDENT_ANNEX = "個人情報に関する重大事故について"
_ANNEX1_CAPTIONS = ("(備考)",)  # compared after width folding
_SUBSECTION = re.compile(r"^(\d{1,2})\s*[.．]\s*(\S.*)$")
_ITEM = re.compile(r"^(" + "|".join(ITEM_KINDS) + r")\s*(\d+)(?:\s*[:：]\s*|\s+|$)(.*)$")
_ITEM_GROUP = re.compile(r"^(" + "|".join(ITEM_KINDS) + r")\s*\d+\s*[～〜~\-－]\s*\d+$")
_INPUT_MARKER = re.compile(r"\[\s*(<input\b[^<>]*>)\s*\]|(<input\b[^<>]*>)")
_RADIO = re.compile(r"type\s*=\s*['\"]?radio", re.IGNORECASE)
_FORM = re.compile(r"(全項目|重点項目|基礎項目)評価書")
_FORM_KINDS: dict[str, FormKind] = {"全項目": "full", "重点項目": "focused", "基礎項目": "basic"}
_NUMERIC = re.compile(r"^[\d０-９.,、\s]+$|^[一二三四五六七八九十百千〇]+$")
_DATE = re.compile(r"^(令和|平成|昭和)(\d+|元)年|^\d{4}[/年-]")


def detect_style(text: str) -> Layout | None:
    """``markdown-cells`` / ``html-cells`` when the text is a TAB-separated cells export, else None."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    tabbed = sum(1 for line in lines if "\t" in line)
    if tabbed < max(20, len(lines) // 10):
        return None
    if any(_MARKDOWN_HEADING.match(line) for line in lines):
        return "markdown-cells"
    return "html-cells"


def segment(doc: SourceDocument) -> SegmentedDocument:
    """Cut a cells export into labelled blocks."""
    layout = detect_style(doc.text) or "html-cells"
    builder = _Builder()
    for number, line in enumerate(doc.lines, start=1):
        builder.feed(number, line)
    builder.close()
    return SegmentedDocument(
        source=doc,
        layout=layout,
        form=detect_form(doc.lines),
        blocks=tuple(builder.blocks),
        warnings=tuple(builder.warnings),
    )


def detect_form(lines: list[str]) -> FormKind | None:
    """The form level named by the cover title (the first mention of ``…項目評価書``)."""
    for line in lines[:40]:
        match = _FORM.search(line)
        if match:
            return _FORM_KINDS[match.group(1)]
    return None


def ticks_as_text(text: str) -> str:
    """Replace checkbox/radio inputs by the textual tick form: ``[○]`` ticked, ``[ ]`` unticked, ``[?]`` unknown.

    A radio input is how these exports draw the chosen option of a group of checkboxes, so it counts as ticked.
    """

    def replace(match: re.Match[str]) -> str:
        if _RADIO.search(match.group(0)):
            return "[○]"
        state = checkbox_state(match.group(1) or match.group(2))
        return {True: "[○]", False: "[ ]", None: "[?]"}[state]

    return _INPUT_MARKER.sub(replace, text)


def clean_cell(cell: str) -> str:
    """A cell's text: markdown markers and HTML tags removed, ticks kept as ``[○]``/``[ ]``."""
    text = _MARKDOWN_HEADING.sub("", cell.strip())
    text = _BULLET.sub("", text)
    text = text.replace("**", "")
    text = strip_tags(ticks_as_text(text))
    return re.sub(r"\s+", " ", text).strip()


def normalise_label(text: str) -> str:
    """A label as the shared vocabulary spells it: no ※ marks, no spaces, half-width digits."""
    text = fold_width(text).replace("※", "")
    text = re.sub(r"[(（]\s*\d+\s*[.．]\s*リスク\d+.*?を除く。?[)）]", "", text)
    return re.sub(r"[\s　]+", "", text).rstrip(":：")


def is_circled_label(text: str) -> bool:
    """``②保管期間``: a short caption starting with a circled number."""
    return bool(text) and text[0] in CIRCLED and len(text) <= 45 and "。" not in text


def is_standalone_label(label: str) -> bool:
    return label in STANDALONE_LABELS or label.endswith(STANDALONE_SUFFIXES) or is_circled_label(label)


def is_header_row(cells: list[str]) -> bool:
    """A table caption row: short texts, none of them a number or a date."""
    filled = [cell for cell in cells if cell]
    return all(
        len(cell) <= 30 and "。" not in cell and not _NUMERIC.match(cell) and not _DATE.match(cell) for cell in filled
    )


@dataclass
class _Pending:
    headings: tuple[str, ...]
    label: str
    parts: list[str]
    start: int
    end: int
    takes_text: bool  # free text on the next lines continues this block

    def block(self) -> Block:
        return Block(self.headings, self.label, " ".join(self.parts).strip(), Span(self.start, self.end))


@dataclass
class _Builder:
    """The running position in the form and the blocks read so far."""

    blocks: list[Block] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    section: str = COVER
    file_no: int = 0
    subsection: str | None = None
    item: str | None = None
    pending: _Pending | None = None
    toc: str | None = None  # None, "start" (after 項目一覧), "in" (inside the list)
    table_run: bool = False  # inside a run of annex table rows (a blank line ends it)
    table_has_rows: bool = False
    cover_header: list[str] | None = None  # 評価書番号/評価書名 caption row waiting for its values

    # ------------------------------------------------------------------ position

    def headings(self) -> tuple[str, ...]:
        parts = [self.section]
        if self.section in FILE_SECTIONS and self.file_no:
            parts.append(f"ファイル{self.file_no}")
        if self.subsection:
            parts.append(self.subsection)
        if self.item:
            parts.append(self.item)
        return tuple(parts)

    def in_annex(self) -> bool:
        return self.section != COVER and self.section not in SECTION_TITLES

    # ------------------------------------------------------------------ output

    def close(self) -> None:
        if self.pending and (self.pending.parts or self.pending.label):
            self.blocks.append(self.pending.block())
        self.pending = None

    def open(self, number: int, label: str, value: str, takes_text: bool) -> None:
        self.close()
        parts = [value] if value else []
        self.pending = _Pending(self.headings(), label, parts, number, number, takes_text)

    def emit(self, number: int, label: str, value: str) -> None:
        self.close()
        self.blocks.append(Block(self.headings(), label, value, Span(number, number)))

    def text(self, number: int, value: str) -> None:
        if self.pending and self.pending.takes_text:
            self.pending.parts.append(value)
            self.pending.end = number
        else:
            self.open(number, "", value, takes_text=True)

    # ------------------------------------------------------------------ lines

    def feed(self, number: int, line: str) -> None:
        if not line.strip():
            self.table_run = False
            if self.toc == "in":
                self.toc = None
            return
        if _SEPARATOR.match(line):
            self.close()  # a markdown table rule ends the cell above it
            return
        cells = [clean_cell(cell) for cell in line.split("\t")]
        filled = [cell for cell in cells if cell]
        if not filled:
            return
        first = filled[0]
        if normalise_label(first) == "項目一覧":
            self.close()
            self.toc = "start"
            return
        if self.toc:
            self.toc = "in"
            return
        if len(filled) == 1 and self.section_heading(number, first):
            return
        if self.annex_heading(number, line, filled):
            return
        if self.section == "Ⅰ" and len(filled) == 1 and normalise_label(first) in _ANNEX1_CAPTIONS:
            self.close()  # 別添1 printed without its heading: its (備考) caption follows section Ⅰ
            self.section, self.subsection, self.item = "別添1", None, None
            self.warnings.append(Warning(f"heading (別添1) not found; 別添1 assumed from its caption at line {number}"))
        if self.in_annex():
            self.annex_line(number, cells, filled)
            return
        if self.section == COVER and self.cover_line(number, filled):
            return
        if _ITEM_GROUP.match(fold_width(first).replace(" ", "")):
            self.close()
            return
        if self.item_heading(number, filled) or self.subsection_heading(number, filled):
            return
        self.label_line(number, filled)

    def section_heading(self, number: int, text: str) -> bool:
        match = _SECTION.match(fold_width(text))
        if not match:
            return False
        roman = ROMAN[match.group(1)]
        title = match.group(2).replace(" ", "")
        if not title.startswith(SECTION_TITLES[roman]):
            return False
        self.close()
        self.section, self.file_no, self.subsection, self.item = roman, 0, None, None
        return True

    def annex_heading(self, number: int, line: str, filled: list[str]) -> bool:
        text = filled[0]
        if len(filled) > 1:
            return False
        if normalise_label(text) == _INCIDENT_ANNEX:
            label, title = f"別紙({_INCIDENT_ANNEX})", _INCIDENT_ANNEX
        else:
            match = _ANNEX.match(fold_width(text))
            if not match or "参照" in text:
                return False
            if not match.group("open") and not _MARKDOWN_HEADING.match(line.strip()):
                return False
            label = normalise_label(match.group("label"))
            label = re.sub(r"^(VI|IV|V|III|II|I)-", lambda m: ROMAN[m.group(1)] + "-", label)
            label = re.sub(r"^別紙([ⅠⅡⅢⅣⅤⅥ]-\d+)$", r"\1別紙", label)
            title = match.group("title").strip()
        self.close()
        self.section, self.file_no, self.subsection, self.item = label, 0, None, None
        self.table_run = False
        if title:
            self.emit(number, "title", title)
        return True

    def annex_line(self, number: int, cells: list[str], filled: list[str]) -> None:
        if len(filled) == 1:
            self.table_run = False
            self.emit(number, "", filled[0])
            return
        while cells and not cells[-1]:
            cells.pop()
        if not self.table_run:
            self.table_run, self.table_has_rows = True, False
        if not self.table_has_rows and is_header_row(cells):
            self.emit(number, "header", "\t".join(cells))
            return
        self.table_has_rows = True
        self.emit(number, "row", "\t".join(cells))

    def cover_line(self, number: int, filled: list[str]) -> bool:
        labels = [normalise_label(cell) for cell in filled]
        if self.cover_header is not None:
            header, self.cover_header = self.cover_header, None
            if len(header) == len(filled):
                for label, value in zip(header, filled, strict=True):
                    self.emit(number, label, value)
                return True
        if len(labels) > 1 and all(label in COVER_LABELS for label in labels):
            self.close()
            self.cover_header = labels
            return True
        if len(labels) == 1 and labels[0] in COVER_LABELS:
            self.open(number, labels[0], "", takes_text=True)
            return True
        if _SUBSECTION.match(filled[0]) or _ITEM.match(filled[0]) or len(filled) > 1:
            self.section = "Ⅰ"
            self.warnings.append(Warning(f"heading Ⅰ not found; section Ⅰ assumed from line {number}"))
            return False
        self.text(number, filled[0])
        return True

    def item_heading(self, number: int, filled: list[str]) -> bool:
        match = _ITEM.match(fold_width(filled[0]))
        if not match or (match.group(1) != "リスク" and match.group(3)):
            return False
        kind, no, rest = match.group(1), int(match.group(2)), match.group(3).strip()
        home = ITEM_HOME.get(kind)
        if home and self.section != home[0] and self.section in (COVER, "Ⅰ"):
            self.section = home[0]
        if home and self.section == home[0] and self.subsection != home[1] and home[1] > (self.subsection or "0"):
            self.subsection = home[1]
        self.item = f"{kind}{no}"
        value = " ".join([rest, *filled[1:]]).strip()
        self.open(number, "", value, takes_text=not value)
        return True

    def subsection_heading(self, number: int, filled: list[str]) -> bool:
        if self.section not in SECTION_TITLES or len(filled) > 2:
            return False
        match = _SUBSECTION.match(fold_width(filled[0]))
        if not match:
            return False
        no, title = match.group(1), match.group(2)
        current = int(self.subsection or 0)
        new_file = no == "1" and self.section in FILE_SECTIONS
        if not (int(no) > current or new_file) or len(title) > 90 or title.endswith("。"):
            return False
        self.close()
        if new_file or (self.section in FILE_SECTIONS and not self.file_no):
            self.file_no += 1  # a file's part printed without its "1. 特定個人情報ファイル名" still belongs to a file
        self.subsection, self.item = no, None
        inline = title.split("[", 1)
        value = " ".join(["[" + inline[1] if len(inline) > 1 else "", *filled[1:]]).strip()
        self.open(number, "", value, takes_text=not value)
        return True

    def label_line(self, number: int, filled: list[str]) -> None:
        if len(filled) == 1:
            label = normalise_label(filled[0])
            if is_standalone_label(label):
                self.open(number, label, "", takes_text=True)
                return
            split = split_inline_label(filled[0])
            if split:
                self.emit(number, *split)
                return
            self.text(number, filled[0])
            return
        label, rest = filled[0], filled[1:]
        while len(rest) > 1 and (normalise_label(rest[0]) in SUB_LABELS or is_circled_label(rest[0])):
            label, rest = rest[0], rest[1:]
        self.emit(number, normalise_label(label), " ".join(rest))


def split_inline_label(text: str) -> tuple[str, str] | None:
    """``対象となる本人の数 [ 10万人以上100万人未満 ] <選択肢> ...``: a label and its value in one cell."""
    for label in SUB_LABELS:
        if text.startswith(label) and text[len(label) :].lstrip().startswith(("[", "<", "＜")):
            return label, text[len(label) :].strip()
    return None
