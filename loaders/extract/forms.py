"""Where each part of the form is printed, by meaning, in the three PPC forms.

The forms number their sections differently: 個人番号の利用 is Ⅰ-5 in a 全項目評価書 (様式4), Ⅰ-4 in a
重点項目評価書 (様式3) and Ⅰ-3 in a 基礎項目評価書 (様式2); 開示請求・問合せ is section Ⅴ, Ⅳ or part of Ⅰ; the
change history is 別添3, 別添2 or 別添1. Segmenters emit the numbers as printed, so the extractors never name a
number: they ask for a part by meaning (``"number-use"``, ``"network"``, ``"change-history"``, ...) and
``FormParts.locate`` answers with the heading path, in this order:

1. a heading whose printed title (``SegmentedDocument.titles``, or an annex's ``title`` block) is the part's
   title, among the headings that hold blocks; a title that several parts print (特定個人情報ファイル名 in Ⅰ,
   Ⅱ and Ⅲ) counts only inside the section that means the part's section (found by the section's own title);
2. for the change history, an annex whose header row has the 変更前 and 変更後 captions;
3. the number the detected form (cover title 全項目/重点項目/基礎項目評価書, or 様式4/3/2) prints the part at;
   the full form's numbers when the form is unknown.

So a layout that shifts numbers, or a form version that inserts a subsection, is still read by title, and a
document whose headings were lost is read by the form's numbering. To support another form version, add its
titles or numbers to the form files (``loaders/forms/*.toml``), from which ``SECTIONS`` and ``PARTS`` are built;
nothing in the extractor modules changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from loaders.forms import forms
from loaders.model import FormKind, SegmentedDocument

Path = tuple[str, ...]
ROMAN = "ⅠⅡⅢⅣⅤⅥ"
# sections printed once per 特定個人情報ファイル (full and focused forms)
FILE_SECTIONS = tuple(dict.fromkeys(s.meaning for t in forms().values() for s in t.sections if s.per_file))
ANNEX = "annex"
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Part:
    """A numbered subsection or annex: its meaning, the titles printed in its heading, and per form the section
    it is printed in (a SECTIONS key, or ANNEX) with its number (or annex label) there."""

    meaning: str
    titles: tuple[str, ...]
    places: dict[FormKind, tuple[str, str]] = field(hash=False)


def _sections() -> dict[str, tuple[tuple[str, ...], dict[FormKind, str]]]:
    """section meaning -> (titles the forms print, numeral per form), from the form files."""
    found: dict[str, tuple[tuple[str, ...], dict[FormKind, str]]] = {}
    for kind, template in forms().items():
        for section in template.sections:
            titles, numerals = found.get(section.meaning, ((), {}))
            found[section.meaning] = (
                tuple(dict.fromkeys((*titles, *section.titles))),
                {**numerals, kind: section.numeral},
            )
    return found


def _parts() -> tuple[Part, ...]:
    """Every part and annex of the three forms, by meaning, with where each form prints it (form files)."""
    titles: dict[str, tuple[str, ...]] = {}
    places: dict[str, dict[FormKind, tuple[str, str]]] = {}
    for kind, template in forms().items():
        printed = [(s.meaning, p.number, p.meaning, p.titles) for s in template.sections for p in s.parts]
        printed += [(ANNEX, a.label, a.meaning, a.titles) for a in template.annexes]
        for section, number, meaning, part_titles in printed:
            titles[meaning] = tuple(dict.fromkeys((*titles.get(meaning, ()), *part_titles)))
            places.setdefault(meaning, {}).setdefault(kind, (section, number))
    return tuple(Part(meaning, titles[meaning], places[meaning]) for meaning in titles)


SECTIONS = _sections()
PARTS = _parts()
_BY_MEANING = {part.meaning: part for part in PARTS}
_CHANGE_CAPTIONS = ("変更前", "変更後")
_FORM_NUMBER = re.compile(r"様式\s*([234２３４])")
FORM_NUMBERS: dict[str, FormKind] = {"4": "full", "3": "focused", "2": "basic"}  # 様式N printed on the cover


def form_kind(segmented: SegmentedDocument) -> FormKind:
    """The form: as the segmenter detected it (cover title), else by the 様式 number on the cover, else full."""
    if segmented.form:
        return segmented.form
    for block in segmented.blocks:
        match = _FORM_NUMBER.search(block.value) if block.headings[:1] == ("表紙",) else None
        if match:
            return FORM_NUMBERS[unicodedata.normalize("NFKC", match.group(1))]
    return "full"


def compact(text: str) -> str:
    return _SPACES.sub("", text)


def _titled(printed: str, titles: tuple[str, ...]) -> int:
    """The length of the longest of ``titles`` the printed title starts with (0: none)."""
    squeezed = compact(printed)
    return max((len(title) for title in titles if squeezed.startswith(title)), default=0)


class FormParts:
    """One document's map from meaning to heading path (see the module docstring)."""

    def __init__(self, segmented: SegmentedDocument) -> None:
        self.form: FormKind = form_kind(segmented)
        self.titles: dict[Path, str] = {t.headings: t.value for t in segmented.titles}
        for block in segmented.blocks:  # annex titles a segmenter emits as blocks
            if block.label == "title" and len(block.headings) == 1:
                self.titles.setdefault(block.headings, block.value)
        self.filled: set[Path] = set()
        for block in segmented.blocks:
            for depth in range(1, len(block.headings) + 1):
                self.filled.add(block.headings[:depth])
        self.change_tables = [
            b.headings
            for b in segmented.blocks
            if b.label == "header" and len(b.headings) == 1 and all(c in b.value for c in _CHANGE_CAPTIONS)
        ]

    # ------------------------------------------------------------------ sections

    def section(self, meaning: str) -> str | None:
        """The numeral of a section: the one whose printed title means it, else the form's number."""
        numerals = SECTIONS[meaning][1]
        found = [
            p[0] for p, t in self.titles.items() if len(p) == 1 and p[0] in ROMAN and self._section_of(t) == meaning
        ]
        return found[0] if found else numerals.get(self.form)

    def _section_of(self, printed: str) -> str | None:
        ranked = sorted(((_titled(printed, titles), key) for key, (titles, _) in SECTIONS.items()), reverse=True)
        return ranked[0][1] if ranked and ranked[0][0] else None

    def section_meaning(self, numeral: str) -> str | None:
        """What a section numeral means in this document."""
        printed = self.titles.get((numeral,))
        meaning = self._section_of(printed) if printed else None
        if meaning:
            return meaning
        return next((key for key, (_, numerals) in SECTIONS.items() if numerals.get(self.form) == numeral), None)

    # ------------------------------------------------------------------ parts

    def part(self, path: Path) -> str | None:
        """The meaning of the subsection or annex at ``path``: by its printed title, else by the form's number."""
        printed = self.titles.get(path)
        if printed is not None:
            meaning = self._part_of(path, printed)
            if meaning:
                return meaning
        return self._numbered(path)

    def _part_of(self, path: Path, printed: str) -> str | None:
        """The part a printed title names: the longest matching title among the parts of the heading's section,
        else the only part of the form printing that title."""
        if len(path) == 1 and path[0] in ROMAN:
            return None  # a section's own title
        section = ANNEX if len(path) == 1 else self.section_meaning(path[0])
        scored = [(score, p) for p in PARTS if (score := _titled(printed, p.titles))]
        inside = [(score, p) for score, p in scored if p.places.get(self.form, (None,))[0] == section]
        for candidates in (inside, scored):
            best = max((score for score, _ in candidates), default=0)
            winners = [p for score, p in candidates if score == best]
            if len(winners) == 1:
                return winners[0].meaning
            if winners:
                return None  # several parts print this title, none of them in this section
        return None

    def _numbered(self, path: Path) -> str | None:
        last = path[-1]
        section = ANNEX if len(path) == 1 else self.section_meaning(path[0])
        found = [p.meaning for p in PARTS if p.places.get(self.form) == (section, last)]
        return found[0] if len(found) == 1 else None

    def locate(self, meaning: str, file: Path = ()) -> Path | None:
        """The heading path of a part; ``file`` is the ファイルK path for the parts printed once per file."""
        part = _BY_MEANING[meaning]
        place = part.places.get(self.form)
        base = file or self._base(place)
        titled = [
            path
            for path in self.titles
            if path in self.filled
            and path[: len(base)] == base
            and len(path) == len(base) + 1
            and self._part_of(path, self.titles[path]) == meaning
        ]
        if titled:
            return titled[0]
        if meaning == "change-history" and self.change_tables:
            return self.change_tables[0]
        if place is None:
            return None
        return (*base, place[1])

    def _base(self, place: tuple[str, str] | None) -> Path:
        if place is None or place[0] == ANNEX:
            return ()
        numeral = self.section(place[0])
        return (numeral,) if numeral else ()

    def per_file(self, meaning: str) -> bool:
        """Whether the part is printed once per 特定個人情報ファイル in this form."""
        place = _BY_MEANING[meaning].places.get(self.form)
        return bool(place) and place[0] in FILE_SECTIONS and self.form != "basic"
