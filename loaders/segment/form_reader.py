"""The form reader: one engine that reads the cover and section Ⅰ of any layout by the form's template.

Labels are found by matching the form file's labels (``loaders/forms``) against a folded copy of the text
(``FoldedText``: no spaces, line breaks, tags or punctuation; NFKC per character, so ①/1)/(1) and full-width
digits meet), never by their place in a line. Everything between two found labels is a *gap*; values are
taken from the gaps by the field's type, in the template's order, in either direction, by the ordered
``STRATEGIES``:

1. ``beside-label``: the value of the field's type at the head of the gap after its label; a run of labels
   printed together (評価書番号 評価書名 ... 2 個人住民税…) shares the gap after the run, read in label order;
2. ``label-after-value``: the value at the tail of the gap before the label (PDF text often prints a value
   first); when both directions give a value of the type and neither is another field's, nothing decides and
   the field is left unread;
3. ``only-value-of-its-type``: the one value of the type in the cover that no field has taken, when exactly
   one field of that type is still open (the approval date counts only for national bodies: 【行政機関等のみ】).

Layout detection chooses strategies, not parsers: text with a space between every character is read with
those spaces removed first. The reading records the rule that placed each value and the reason for each field
left unread, the form and version found, and where the text ends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from loaders.forms import Field, FormTemplate, PartTemplate, form, form_of_style, forms
from loaders.model import FieldReading, FormKind, FormReading, Span, Unread
from loaders.normalize.dates import find_dates
from loaders.normalize.folding import TAG as _TAG
from loaders.normalize.folding import FoldedText, fold

COVER = "表紙"
_PAGE_MARKER = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|[(（]\s*\d{1,3}\s*[)）]|\d{1,3})\s*$")
# markers that are never a value (a lone number may be 評価書番号): these separate values
_PAGE_ANCHOR = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|[(（]\s*\d{1,3}\s*[)）])\s*$")
_PAGE_MARKER_INLINE = re.compile(r"(?<!\S)(?:-\s?\d{1,3}\s?-|\d{1,3}\s?/\s?\d{1,3})(?!\S)")
_STAMP = re.compile(
    r"[\[［]?\s*((?:平\s*成|令\s*和)\s*(?:\d{1,2}|元)\s*年\s*\d{1,2}\s*月)\s*様\s*式\s*([2-4])\s*[\]］]?"
)
_CJK = r"\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f①-⑳Ⅰ-Ⅹ"
_SPACED = re.compile(rf"(?<=[{_CJK}0-9]) (?=[{_CJK}0-9])")
_SPACED_PAIR = re.compile(rf"[{_CJK}] [{_CJK}]")
_FORM_NAMES: dict[str, FormKind] = {"全項目": "full", "重点項目": "focused", "基礎項目": "basic"}
_FORM_IN_TEXT = re.compile(r"(全項目|重点項目|基礎項目)\s*評\s*価")
_BODY = re.compile(
    r"^\s*(?P<post>[^\s。、,，]{2,40}?(?:知事|大臣|長官|委員会|組合|広域連合|連合会|機構|長))"
    r"(?:[ \u3000]+(?P<person>[^\s。、]{1,6}(?:[ \u3000][^\s。、]{1,6})?))?\s*$"
)
_NUMBER_HEAD = re.compile(r"^\s*([0-9０-９]{1,4})(?![0-9０-９年月日.．/／,，])")
_TITLE_HEAD = re.compile(
    r"^\s*+(?![0-9０-９]{1,4}\s*\n)([^。]{0,160}?(?:全|重\s*点|基\s*礎)\s*項\s*目\s*評\s*価(?:\s*書)?(?:\s*[（(]\s*素?\s*案\s*[）)])?)",
    re.S,
)
_AFFAIR_HEAD = re.compile(r"^\s*([^。]{1,100}?事\s*務(?:\s*[（(][^）)\n]{1,30}[）)])?)(?=\s|$|[【・])")
_DECLARATION = re.compile(r"^\s*(\S[^【]*?宣\s*言\s*す\s*る[。.]?)", re.S)
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?:([0-9０-９]{1,2})\s*[.．]|[(（]([0-9０-９]{1,2})[)）]|([⑴-⒇]))\s*")


# ----------------------------------------------------------------------------- values by type


@dataclass(frozen=True)
class Value:
    """A value found in a gap: its offsets in the document and its text as printed (spaces collapsed)."""

    start: int
    end: int
    text: str | tuple[str, ...]
    weak: bool = False  # read by a fallback shape (a short first line): a value of the type's own shape wins


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in _TAG.sub(" ", text).splitlines()]
    joined = ""
    for line in (line for line in lines if line):
        glue = " " if joined and joined[-1].isascii() and line[0].isascii() else ""
        joined = f"{joined}{glue}{line}" if joined else line
    return joined


def _head(pattern: re.Pattern[str], gap: str, base: int) -> Value | None:
    match = pattern.match(gap)
    if not match:
        return None
    return Value(base + match.start(1), base + match.end(1), _clean(match.group(1)))


def _date_value(gap: str, base: int, *, at_tail: bool) -> Value | None:
    dates = find_dates(gap)
    if not dates:
        return None
    _, written = dates[-1] if at_tail else dates[0]
    at = gap.rfind(written) if at_tail else gap.find(written)
    outside = gap[at + len(written) :] if at_tail else gap[:at]
    if outside.strip():
        return None
    return Value(base + at, base + at + len(written), _clean(written))


def _body_value(gap: str, base: int) -> Value | None:
    first = gap.strip().splitlines()[0] if gap.strip() else ""
    for candidate in dict.fromkeys((gap, first)):
        match = _BODY.match(candidate)
        if match:
            at = gap.find(candidate.strip())
            return Value(base + at, base + at + len(candidate.strip()), _clean(candidate))
    return None


def _list_value(gap: str, base: int, *, at_tail: bool) -> Value | None:
    """A numbered list (1.X 2.Y, ⑴X ⑵Y, (1)X) ending the gap, or the gap's lines / whole text."""
    markers = list(_LIST_MARKER.finditer(gap))
    numbers = [_marker_number(m) for m in markers]
    for first in range(len(markers)):
        if numbers[first:] != list(range(1, len(markers) - first + 1)):
            continue  # the list is the run of markers 1..k that ends the gap
        start = markers[first].start()
        if at_tail or not gap[:start].strip():
            ends = [m.start() for m in markers[first + 1 :]] + [len(gap)]
            items = tuple(_clean(gap[m.end() : end]) for m, end in zip(markers[first:], ends, strict=True))
            return Value(base + start, base + len(gap), tuple(item for item in items if item))
        break
    if at_tail or not gap.strip():
        return None
    lines = [_clean(line) for line in gap.splitlines() if line.strip() and not _PAGE_MARKER.match(line)]
    return Value(base, base + len(gap), tuple(lines)) if lines else None


def _marker_number(match: re.Match[str]) -> int:
    digits = match.group(1) or match.group(2)
    if digits:
        return int(unicodedata.normalize("NFKC", digits))
    return ord(match.group(3)) - ord("⑴") + 1


def _text_value(gap: str, base: int) -> Value | None:
    lines = [line for line in gap.splitlines() if not _PAGE_MARKER.match(line)]
    text = _PAGE_MARKER_INLINE.sub(" ", "\n".join(lines))
    printed = text.strip()
    if _PAGE_MARKER.match(text) or not (fold(text) or re.fullmatch(r"[-－‐―ー]", printed)):  # 「-」: nothing to note
        return None
    start = gap.find(text.strip()[:8])
    return Value(base + max(start, 0), base + len(gap.rstrip()), _clean(text))


def head_value(kind: str, gap: str, base: int) -> Value | None:
    """The value of type ``kind`` at the head of ``gap`` (``base``: the gap's offset in the document)."""
    readers: dict[str, Callable[[], Value | None]] = {
        "number": lambda: _head(_NUMBER_HEAD, gap, base),
        "title": lambda: _head(_TITLE_HEAD, gap, base),
        "affair-name": lambda: _head(_AFFAIR_HEAD, gap, base) or _first_line(gap, base),
        "declaration": lambda: _head(_DECLARATION, gap, base),
        "date": lambda: _date_value(gap, base, at_tail=False) or _date_value(_first(gap), base, at_tail=True),
        "body": lambda: _body_value(gap, base),
        "list": lambda: _list_value(gap, base, at_tail=False),
    }
    if kind in ("select", "checkbox"):
        return None  # chosen options and ticks are read by the extractor from the segmenter's cells
    reader = readers.get(kind)
    return reader() if reader else _text_value(gap, base)


def tail_value(kind: str, gap: str, base: int) -> Value | None:
    """The value of type ``kind`` ending ``gap`` (a value printed before its label)."""
    if kind == "number":
        match = re.search(r"(?<![0-9０-９])([0-9０-９]{1,4})\s*$", gap)
        return Value(base + match.start(1), base + match.end(1), match.group(1)) if match else None
    if kind == "date":
        return _date_value(gap, base, at_tail=True)
    if kind == "list":
        return _list_value(gap, base, at_tail=True)
    if kind == "affair-name":
        lines = gap.rstrip().splitlines()
        last = lines[-1] if lines else ""
        return _head(_AFFAIR_HEAD, last, base + len(gap.rstrip()) - len(last)) if last.rstrip().endswith("務") else None
    if kind == "title":
        return _title_tail(gap, base)
    if kind == "body":
        lines = gap.rstrip().splitlines()
        last = lines[-1] if lines else ""
        return _body_value(last, base + len(gap.rstrip()) - len(last))
    return None


def _title_tail(gap: str, base: int) -> Value | None:
    """A title (wrapped over up to three lines) ending the gap."""
    body = gap.rstrip()
    lines = body.splitlines()
    for count in (3, 2, 1):
        if len(lines) < count or re.fullmatch(r"\s*[0-9０-９]{1,4}\s*", lines[-count]):
            continue
        tail = "\n".join(lines[-count:])
        match = _TITLE_HEAD.match(tail)
        if match and match.end(1) == len(tail.rstrip()) and "。" not in tail:
            offset = base + len(body) - len(tail)
            return Value(offset + match.start(1), offset + match.end(1), _clean(match.group(1)))
    return None


def _first(gap: str) -> str:
    stripped = gap.lstrip()
    return gap[: len(gap) - len(stripped)] + (stripped.splitlines()[0] if stripped else "")


def _first_line(gap: str, base: int) -> Value | None:
    """The first line of a gap that has line breaks, when it is short enough to be a name."""
    line = _first(gap).strip()
    if "\n" not in gap.strip() or not line or len(line) > 60 or "。" in line:
        return None
    at = gap.find(line)
    return Value(base + at, base + at + len(line), _clean(line), weak=True)


# ----------------------------------------------------------------------------- anchors and gaps


@dataclass(frozen=True)
class Anchor:
    """A label, title, heading or page marker found in the text; ``key`` is the field it labels, if any."""

    start: int
    end: int
    kind: str  # "field", "form-title", "stamp", "heading", "contents", "page"
    key: str = ""


def _page_markers(text: str) -> list[Anchor]:
    """Page numbers, and running headers: a short line printed again and again, each time beside a page number."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    numbered = [bool(_PAGE_MARKER.match(line)) for line in lines]
    counts: dict[str, int] = {}
    for line in lines:
        if 0 < len(line.strip()) <= 40:
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
    anchors = []
    for index, line in enumerate(lines):
        near_number = any(numbered[max(0, index - 2) : index + 3])
        header = counts.get(line.strip(), 0) >= 2 and near_number and not numbered[index]
        if _PAGE_ANCHOR.match(line) or header:
            anchors.append(Anchor(offsets[index], offsets[index] + len(line.rstrip("\r\n")), "page"))
    return anchors


def _without_overlaps(anchors: Iterable[Anchor]) -> list[Anchor]:
    """Anchors in text order, a shorter one inside a longer one dropped (特定個人情報ファイル名 inside a title)."""
    kept: list[Anchor] = []
    for anchor in sorted(anchors, key=lambda a: (a.start, -(a.end - a.start))):
        if kept and anchor.start < kept[-1].end:
            continue
        kept.append(anchor)
    return kept


class Placer:
    """Places the values of one group of fields (the cover, or one part of Ⅰ) among the anchors of a window."""

    def __init__(self, text: str, anchors: list[Anchor], fields: dict[str, Field], window: tuple[int, int]) -> None:
        self.text, self.fields, self.window = text, fields, window
        self.anchors = [a for a in anchors if window[0] <= a.start < window[1]]
        self.placed: dict[str, tuple[Value, str]] = {}
        self.unread: dict[str, str] = {}

    def gap_after(self, index: int) -> tuple[str, int]:
        start = self.anchors[index].end
        end = self.anchors[index + 1].start if index + 1 < len(self.anchors) else self.window[1]
        return self.text[start:end], start

    def gap_before(self, index: int) -> tuple[str, int]:
        start = self.anchors[index - 1].end if index > 0 else self.window[0]
        return self.text[start : self.anchors[index].start], start

    def _runs(self) -> list[list[int]]:
        """Runs of this group's labels printed together (nothing between them but page markers)."""
        runs: list[list[int]] = []
        for index, anchor in enumerate(self.anchors):
            if anchor.key not in self.fields:
                continue
            previous = runs[-1][-1] if runs else None
            if previous is not None and not self._filled(previous, index):
                runs[-1].append(index)
            else:
                runs.append([index])
        return runs

    def _filled(self, left: int, right: int) -> bool:
        between = self.text[self.anchors[left].end : self.anchors[right].start]
        pages = all(a.kind == "page" for a in self.anchors[left + 1 : right])
        return bool(re.sub(r"[\s※*＊]", "", between)) or not pages  # a ※ beside a label is part of it

    def after_candidates(self) -> dict[str, Value]:
        """beside-label: each run's labels read the gap after the run in label order (free text takes the rest)."""
        found: dict[str, Value] = {}
        for run in self._runs():
            gap, base = self.gap_after(self._last_in_run(run))
            keys = [self.anchors[i].key for i in run]
            cursor = 0
            for position, key in enumerate(keys):
                kind = self.fields[key].type
                rest = gap[cursor:]
                if kind in ("text", "citation"):
                    tail_end = self._tail_of(keys[position + 1 :], gap, base, cursor, found)
                    value = _text_value(gap[cursor:tail_end], base + cursor)
                else:
                    value = head_value(kind, rest, base + cursor)
                if value is not None:
                    found[key] = value
                    cursor = value.end - base
        return found

    def _last_in_run(self, run: list[int]) -> int:
        last = run[-1]
        while (
            last + 1 < len(self.anchors) and self.anchors[last + 1].kind == "page" and not self._filled(last, last + 1)
        ):
            last += 1
        return last

    def _tail_of(self, later: list[str], gap: str, base: int, cursor: int, found: dict[str, Value]) -> int:
        """Where free text ends: before the typed values of the labels after it in the run, read from the end."""
        end = len(gap)
        for key in reversed(later):
            value = tail_value(self.fields[key].type, gap[cursor:end], base + cursor)
            if value is None:
                continue
            found[key] = value
            end = value.start - base
        return end

    def before_candidates(self) -> dict[str, Value]:
        """label-after-value: the value of the field's type ending the gap before its label."""
        found: dict[str, Value] = {}
        for index, anchor in enumerate(self.anchors):
            if anchor.key in self.fields:
                gap, base = self.gap_before(index)
                value = tail_value(self.fields[anchor.key].type, gap, base)
                if value is not None:
                    found[anchor.key] = value
        return found

    def resolve(self) -> None:
        """Both directions, then the constraint that a value belongs to one field; two readings stay unread."""
        after, before = self.after_candidates(), self.before_candidates()
        for _ in range(len(self.fields)):
            changed = False
            for key in self.fields:
                if key in self.placed:
                    continue
                options = {"beside-label": after.get(key), "label-after-value": before.get(key)}
                taken = {(v.start, v.end) for v, _ in self.placed.values()}
                options = {rule: v for rule, v in options.items() if v is not None and (v.start, v.end) not in taken}
                if after.get(key) is not None and "beside-label" in options:
                    others = [k for k, v in before.items() if k != key and after[key] == v]
                    if others:
                        options.pop("beside-label")
                distinct = {(v.start, v.end): (v, rule) for rule, v in options.items()}
                strong = {span: found for span, found in distinct.items() if not found[0].weak}
                if len(distinct) > 1 and len(strong) == 1:
                    distinct = strong
                if len(distinct) == 1:
                    self.placed[key] = next(iter(distinct.values()))
                    changed = True
                elif len(distinct) > 1:
                    self.unread[key] = "two readings, nothing decides: " + " / ".join(
                        f"{rule} {v.text!r}" for rule, v in options.items()
                    )
            if not changed:
                break
        for key in list(self.unread):
            if key in self.placed:
                del self.unread[key]

    def by_type(self, kind: str, keys: list[str], candidates: list[Value]) -> None:
        """only-value-of-its-type: the one free value of ``kind`` goes to the one open field of that kind."""
        taken = {(v.start, v.end) for v, _ in self.placed.values()}
        free = [v for v in candidates if (v.start, v.end) not in taken]
        open_keys = [k for k in keys if k not in self.placed and k not in self.unread]
        if len(open_keys) == 1 and len(free) == 1:
            self.placed[open_keys[0]] = (free[0], "only-value-of-its-type")
        elif len(open_keys) == 1 and len(free) > 1:
            self.unread[open_keys[0]] = f"{len(free)} values of type {kind} and no label decides"

    def remainders(self) -> list[tuple[str, int]]:
        """Each gap after the values placed at its head (what is left for the free-text fields)."""
        left = []
        for gap, base in self.gaps():
            ends = [v.end for v, _ in self.placed.values() if base <= v.start < base + len(gap)]
            cut = max(ends, default=base) - base
            left.append((gap[cut:], base + cut))
        return left

    def gaps(self) -> list[tuple[str, int]]:
        spans = [(self.window[0], self.anchors[0].start if self.anchors else self.window[1])]
        spans += [
            (a.end, self.anchors[i + 1].start if i + 1 < len(self.anchors) else self.window[1])
            for i, a in enumerate(self.anchors)
        ]
        return [(self.text[s:e], s) for s, e in spans if s < e]


# ----------------------------------------------------------------------------- the reading


@dataclass(frozen=True)
class _Landmark:
    name: str  # "Ⅰ-1", "Ⅱ", "別添3"
    start: int
    end: int


class FormReader:
    """Reads one document's cover and section Ⅰ by its form template (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.spaced = len(_SPACED_PAIR.findall(text[:4000])) > 0.3 * max(1, len(re.findall(f"[{_CJK}]", text[:4000])))
        self.text = _SPACED.sub("", text) if self.spaced else text
        self.folded = FoldedText(self.text)
        self.fields: list[FieldReading] = []
        self.unread: list[Unread] = []

    # ------------------------------------------------------------------ form and version

    def detect_form(self) -> tuple[FormTemplate | None, str | None, str | None]:
        """The form (printed title, 様式 stamp, or the 評価書名's ending) and the version (stamp)."""
        stamp = _STAMP.search(self.text)
        version = re.sub(r"\s", "", stamp.group(1)) if stamp else None
        by_title = next(
            (t for t in forms().values() for title in t.printed_titles if self.folded.find_all(title)), None
        )
        by_stamp = form_of_style(int(stamp.group(2))) if stamp else None
        if by_title and by_stamp and by_title is not by_stamp:
            self.unread.append(
                Unread("form", f"the printed title says {by_title.name}, the stamp 様式{by_stamp.style}")
            )
        if by_title:
            return by_title, "printed title", version
        if by_stamp:
            return by_stamp, "様式 stamp", version
        ending = _FORM_IN_TEXT.search(self.text[:3000])
        if ending:
            return form(_FORM_NAMES[re.sub(r"\s", "", ending.group(1))]), "評価書名", version
        return None, None, version

    # ------------------------------------------------------------------ anchors

    def _anchors(self, template: FormTemplate) -> list[Anchor]:
        found: list[Anchor] = []
        for t in forms().values():
            for title in t.printed_titles:
                found += [Anchor(s, e, "form-title") for s, e in self.folded.find_all(title)]
        found += [Anchor(m.start(), m.end(), "stamp") for m in _STAMP.finditer(self.text)]
        found += [Anchor(s, e, "contents") for s, e in self.folded.find_all("項目一覧")]
        for field in template.cover_fields():
            spans = sorted(span for label in field.labels for span in self.folded.find_all(label))
            standing = [span for span in spans if self._stands_alone(span[0])]
            if spans:  # the cover prints each label once: the first standing alone, not one inside a sentence
                found.append(Anchor(*(standing or spans)[0], "field", f"cover.{field.key}"))
        for section in template.sections:
            for title in section.titles:
                found += [Anchor(s, e, "heading", section.numeral) for s, e in self._numbered(section.numeral, title)]
        for annex in template.annexes:
            for title in annex.titles:
                found += [Anchor(s, e, "heading", annex.label) for s, e in self._numbered(annex.label, title)]
        return _without_overlaps(found + _page_markers(self.text))

    def _stands_alone(self, start: int) -> bool:
        before = self.text[start - 1] if start else " "
        return not re.match(r"[\u3040-\u30ff\u3400-\u9fff]", before)

    def _numbered(self, number: str, title: str) -> list[tuple[int, int]]:
        return self.folded.find_all(f"{number}{title}")

    # ------------------------------------------------------------------ cover

    def read_cover(self, template: FormTemplate, version: str | None, anchors: list[Anchor], end: int) -> None:
        fields = {f"cover.{f.key}": f for f in template.cover_fields(version)}
        labels = [a for a in anchors if a.key in fields and a.start < end]
        if not labels:
            self.unread += [Unread(key, "the cover's labels are not in the text") for key in fields]
            return
        first = anchors.index(labels[0])
        heads = [a for a in anchors[:first] if a.kind in ("form-title", "stamp")]
        start = heads[-1].start if heads else 0  # the cover starts at the form's title or stamp, else the text
        cover = [a for a in anchors if a.start < end]
        placer = self._place_body(Placer(self.text, cover, fields, (start, end)))
        body = placer.placed.get("cover.assessing_body")
        if body is not None and _is_local(str(body[0].text)):  # 【行政機関等のみ】 fields are not a local body's
            self.unread += [
                Unread(k, "【行政機関等のみ】: not printed by a local government")
                for k, f in fields.items()
                if f.national_only
            ]
            fields = {k: f for k, f in fields.items() if not f.national_only}
            placer = self._place_body(Placer(self.text, cover, fields, (start, end)))
        dates = [k for k, f in fields.items() if f.type == "date"]
        for kind, keys in (("date", dates), ("title", ["cover.title"])):
            candidates = [v for g, b in placer.remainders() for v in [head_value(kind, g, b)] if v is not None]
            placer.by_type(kind, keys, candidates)
        declarations = [v for g, b in placer.remainders() if (v := head_value("declaration", g, b))]
        placer.by_type("declaration", ["cover.declaration"], declarations)
        self._collect(placer, fields)

    def _place_body(self, placer: Placer) -> Placer:
        """Both directions, then the one body-like value of the cover for an unlabelled 評価実施機関名."""
        placer.resolve()
        if "cover.assessing_body" in placer.fields and "cover.assessing_body" not in placer.placed:
            bodies = [v for g, b in placer.gaps() if (v := _body_value(g, b))]
            placer.by_type("body", ["cover.assessing_body"], bodies)
        return placer

    # ------------------------------------------------------------------ section Ⅰ

    def _part_headings(self, parts: tuple[PartTemplate, ...], start: int) -> list[tuple[PartTemplate, int, int]]:
        """Each part's heading (number + title, the longest title where one is the start of another), in order."""
        found: list[tuple[PartTemplate, int, int]] = []
        cursor = start
        for part in parts:
            spans = sorted(
                span
                for title in part.titles
                for span in self._numbered(part.number, title)
                if span[0] >= cursor and not self._longer_title(parts, part, span)
            )
            if spans:
                found.append((part, spans[0][0], spans[0][1]))
                cursor = spans[0][1]
        return found

    def _longer_title(self, parts: tuple[PartTemplate, ...], part: PartTemplate, span: tuple[int, int]) -> bool:
        for other in parts:
            for title in other.titles:
                for own in part.titles:
                    if other is not part and len(title) > len(own) and title.startswith(own):
                        longer = self._numbered(part.number, title)
                        if any(s == span[0] for s, _ in longer):
                            return True
        return False

    def read_section_one(self, template: FormTemplate, anchors: list[Anchor]) -> tuple[int, list[_Landmark]]:
        """The fields of Ⅰ's parts; the start of Ⅰ-1 (the end of the cover) and the landmarks found."""
        section = template.sections[0]
        headings = self._part_headings(section.parts, 0)
        if not headings:
            return len(self.text), []
        following = [
            a for a in anchors if a.kind == "heading" and a.key != section.numeral and a.start > headings[0][1]
        ]
        section_end = following[0].start if following else len(self.text)
        landmarks = []
        for index, (part, start, end) in enumerate(headings):
            window_end = headings[index + 1][1] if index + 1 < len(headings) else section_end
            landmarks.append(_Landmark(f"{section.numeral}-{part.number}", start, end))
            self._read_part(section.numeral, part, end, min(window_end, section_end))
        for part in section.parts:
            if part.fields and part not in [h[0] for h in headings]:
                self.unread += [
                    Unread(f"{section.numeral}-{part.number}.{f.key}", "the part is not in the text")
                    for f in part.fields
                ]
        return headings[0][1], landmarks

    def _read_part(self, numeral: str, part: PartTemplate, start: int, end: int) -> None:
        if not part.fields:
            return
        keys = {f"{numeral}-{part.number}.{f.key}": f for f in part.fields}
        window_end = end if end >= len(self.text) else self._back_over_number(end)
        unlabelled = [(k, f) for k, f in keys.items() if not f.labels]
        if unlabelled:
            key, field = unlabelled[0]
            gap = self.text[start:window_end]
            value = head_value(field.type, gap, start)
            self._accept(key, value, "beside-label", cut=window_end >= len(self.text))
            return
        anchors = []
        for key, field in keys.items():
            for label in field.labels:
                core = label.lstrip("①②③④⑤⑥⑦⑧⑨⑩")
                marker = unicodedata.normalize("NFKC", label[: len(label) - len(core)])
                for s, e in self.folded.find_all(core, start, window_end):
                    anchors.append(Anchor(self.folded.marker_before(s, marker) if marker else s, e, "field", key))
        anchors += [a for a in _page_markers(self.text) if start <= a.start < window_end]
        placer = Placer(self.text, _without_overlaps(anchors), keys, (start, window_end))
        placer.resolve()
        cut = window_end >= len(self.text)
        for key in keys:
            if key in placer.placed:
                value, rule = placer.placed[key]
                self._accept(key, value, rule, cut=cut and value.end >= len(self.text.rstrip()))
            elif key not in [a.key for a in placer.anchors]:
                self.unread.append(Unread(key, "label not in the text"))
            else:
                self.unread.append(Unread(key, placer.unread.get(key, "no value of its type beside its label")))

    def _back_over_number(self, end: int) -> int:
        """The heading at ``end`` starts with its number (「2.」): the window stops before it."""
        head = self.text[:end]
        match = re.search(r"[0-9０-９]{1,2}\s*[.．]?\s*$", head)
        return match.start() if match else end

    def _accept(self, key: str, value: Value | None, rule: str, *, cut: bool) -> None:
        if value is None:
            self.unread.append(Unread(key, "no value of its type in the part"))
            return
        if cut and isinstance(value.text, tuple):
            value = Value(value.start, value.end, value.text[:-1])  # the last item runs into the end of the text
            self.unread.append(Unread(key, "the text ends inside the list: its last item is left out"))
            if not value.text:
                return
        elif cut:
            self.unread.append(Unread(key, "the text ends inside the value: read as far as it goes"))
        self.fields.append(FieldReading(key, value.text, rule, self._span(value.start, value.end)))

    def _collect(self, placer: Placer, fields: dict[str, Field]) -> None:
        for key in fields:
            if key in placer.placed:
                value, rule = placer.placed[key]
                self.fields.append(FieldReading(key, value.text, rule, self._span(value.start, value.end)))
            elif not any(u.key == key for u in self.unread):
                labelled = any(a.key == key for a in placer.anchors)
                reason = placer.unread.get(key) or (
                    ("printed empty" if fields[key].type == "text" else "no value of its type beside its label")
                    if labelled
                    else "label not in the text, no value of its type"
                )
                self.unread.append(Unread(key, reason))

    def _span(self, start: int, end: int) -> Span:
        return Span(self.text.count("\n", 0, start) + 1, self.text.count("\n", 0, max(start, end - 1)) + 1)

    # ------------------------------------------------------------------ where the text ends

    def landmarks(self, anchors: list[Anchor]) -> list[_Landmark]:
        """Section and annex headings printed as headings (not in the 項目一覧 list of sections)."""
        headings = [a for a in anchors if a.kind in ("heading", "contents")]
        listed: set[int] = set()
        for index in range(len(headings)):
            run = [index]
            while run[-1] + 1 < len(headings) and not _words(
                self.text[headings[run[-1]].end : headings[run[-1] + 1].start]
            ):
                run.append(run[-1] + 1)
            if len(run) >= 3 or headings[index].kind == "contents":
                listed.update(run)
        return [
            _Landmark(a.key, a.start, a.end) for i, a in enumerate(headings) if i not in listed and a.kind == "heading"
        ]

    def read(self) -> FormReading:
        template, evidence, version = self.detect_form()
        chosen = template or form("full")
        anchors = self._anchors(chosen)
        section_one_start, parts = self.read_section_one(chosen, anchors)
        self.read_cover(chosen, version, anchors, section_one_start)
        marks = sorted(self.landmarks(anchors) + parts, key=lambda m: m.start)
        printed = {m.name for m in marks} | ({chosen.sections[0].numeral} if parts else set())
        missing = tuple(s.numeral for s in chosen.sections if s.numeral not in printed)
        ends_in = max(marks, key=lambda m: m.start).name if marks else COVER
        return FormReading(
            form=template.form if template else None,
            form_evidence=evidence,
            version=version,
            fields=tuple(self.fields),
            unread=tuple(self.unread),
            ends_in=ends_in,
            missing_sections=missing,
        )


def _words(text: str) -> str:
    """What is printed in ``text`` besides punctuation, spaces and page numbers."""
    return re.sub(r"[0-9]", "", fold(text))


def _is_local(body: str) -> bool:
    """Whether an assessing body is a local government's (市長, 知事, 教育委員会, ...), not a national body's."""
    post = _BODY.match(body)
    name = post.group("post") if post else body
    return bool(re.search(r"(都|道|府|県|市|区|町|村)(長|知事|教育委員会|選挙管理委員会|議会議長)?$", name)) or bool(
        re.search(r"(都|道|府|県|市|区|町|村)[^ ]*(長|知事|委員会|組合|広域連合)$", name)
    )


def read_form(text: str) -> FormReading:
    """The form reading of a document's text (see the module docstring)."""
    return FormReader(text).read()
