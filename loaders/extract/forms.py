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
titles or numbers to ``PARTS`` below; nothing in the extractor modules changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from loaders.model import FormKind, SegmentedDocument

Path = tuple[str, ...]
ROMAN = "ⅠⅡⅢⅣⅤⅥ"
FILE_SECTIONS = ("files", "risks")  # sections printed once per 特定個人情報ファイル (full and focused forms)
ANNEX = "annex"
_SPACES = re.compile(r"[\s\u3000]+")

# section meaning -> (titles the forms print, numeral per form)
SECTIONS: dict[str, tuple[tuple[str, ...], dict[FormKind, str]]] = {
    "basic": (("基本情報", "関連情報"), {"full": "Ⅰ", "focused": "Ⅰ", "basic": "Ⅰ"}),
    "files": (("特定個人情報ファイルの概要",), {"full": "Ⅱ", "focused": "Ⅱ"}),
    "risks": (
        ("特定個人情報ファイルの取扱いプロセスにおけるリスク対策", "リスク対策"),
        {"full": "Ⅲ", "focused": "Ⅲ", "basic": "Ⅳ"},
    ),
    "other-measures": (("その他のリスク対策",), {"full": "Ⅳ"}),
    "contacts": (("開示請求、問合せ",), {"full": "Ⅴ", "focused": "Ⅳ"}),
    "procedure": (("評価実施手続",), {"full": "Ⅵ", "focused": "Ⅴ"}),
    "threshold-items": (("しきい値判断項目",), {"basic": "Ⅱ"}),
    "threshold-result": (("しきい値判断結果",), {"basic": "Ⅲ"}),
}


@dataclass(frozen=True)
class Part:
    """A numbered subsection or annex: its meaning, the titles printed in its heading, and per form the section
    it is printed in (a SECTIONS key, or ANNEX) with its number (or annex label) there."""

    meaning: str
    titles: tuple[str, ...]
    places: dict[FormKind, tuple[str, str]] = field(hash=False)


def _all(section: str, number: str) -> dict[FormKind, tuple[str, str]]:
    return {"full": (section, number), "focused": (section, number)}


PARTS: tuple[Part, ...] = (
    # Ⅰ 基本情報 (基礎項目評価書: Ⅰ 関連情報, with the contact points as Ⅰ-7 and Ⅰ-8)
    Part("affair", ("特定個人情報ファイルを取り扱う事務",), {**_all("basic", "1"), "basic": ("basic", "1")}),
    Part("systems", ("特定個人情報ファイルを取り扱う事務において使用するシステム",), _all("basic", "2")),
    Part("file-names", ("特定個人情報ファイル名",), {**_all("basic", "3"), "basic": ("basic", "2")}),
    Part("reasons", ("特定個人情報ファイルを取り扱う理由",), {"full": ("basic", "4")}),
    Part(
        "number-use",
        ("個人番号の利用",),
        {"full": ("basic", "5"), "focused": ("basic", "4"), "basic": ("basic", "3")},
    ),
    Part(
        "network",
        ("情報提供ネットワークシステムによる情報連携",),
        {"full": ("basic", "6"), "focused": ("basic", "5"), "basic": ("basic", "4")},
    ),
    Part(
        "department",
        ("評価実施機関における担当部署",),
        {"full": ("basic", "7"), "focused": ("basic", "6"), "basic": ("basic", "5")},
    ),
    Part(
        "other-bodies",
        ("他の評価実施機関",),
        {"full": ("basic", "8"), "focused": ("basic", "7"), "basic": ("basic", "6")},
    ),
    # Ⅱ per file
    Part("file-name", ("特定個人情報ファイル名",), _all("files", "1")),
    Part("file-basics", ("基本情報",), _all("files", "2")),
    Part("acquisition-use", ("特定個人情報の入手・使用",), _all("files", "3")),
    Part("outsourcing", ("特定個人情報ファイルの取扱いの委託",), _all("files", "4")),
    Part("flows", ("特定個人情報の提供・移転",), _all("files", "5")),
    Part("storage", ("特定個人情報の保管・消去",), _all("files", "6")),
    Part("file-notes", ("備考",), _all("files", "7")),
    # Ⅲ per file (基礎項目評価書: Ⅳ, one for the whole affair)
    Part(
        "assessment-kind",
        ("提出する特定個人情報保護評価書の種類",),
        {"basic": ("risks", "1")},
    ),
    Part("risk-file-name", ("特定個人情報ファイル名",), _all("risks", "1")),
    Part("risk-acquisition", ("特定個人情報の入手",), {**_all("risks", "2"), "basic": ("risks", "2")}),
    Part("risk-use", ("特定個人情報の使用",), {**_all("risks", "3"), "basic": ("risks", "3")}),
    Part("risk-outsourcing", ("特定個人情報ファイルの取扱いの委託",), {**_all("risks", "4"), "basic": ("risks", "4")}),
    Part("risk-flows", ("特定個人情報の提供・移転",), {**_all("risks", "5"), "basic": ("risks", "5")}),
    Part("risk-network", ("情報提供ネットワークシステムとの接続",), {**_all("risks", "6"), "basic": ("risks", "6")}),
    Part("risk-storage", ("特定個人情報の保管・消去",), {**_all("risks", "7"), "basic": ("risks", "7")}),
    Part("manual-work", ("人手を介在させる作業",), {"basic": ("risks", "8")}),
    # other measures: Ⅳ of the full form, Ⅲ-8..10 (per file) of the focused form, Ⅳ-9, 10 of the basic form
    Part(
        "audit",
        ("監査",),
        {"full": ("other-measures", "1"), "focused": ("risks", "8"), "basic": ("risks", "9")},
    ),
    Part(
        "training",
        ("従業者に対する教育・啓発",),
        {"full": ("other-measures", "2"), "focused": ("risks", "9"), "basic": ("risks", "10")},
    ),
    Part("other-measures", ("その他のリスク対策",), {"full": ("other-measures", "3"), "focused": ("risks", "10")}),
    Part("top-priority", ("最も優先度が高いと考えられる対策",), {"basic": ("risks", "11")}),
    # contact points
    Part(
        "disclosure",
        ("特定個人情報の開示・訂正・利用停止請求",),
        {**_all("contacts", "1"), "basic": ("basic", "7")},
    ),
    Part(
        "inquiry",
        ("特定個人情報ファイルの取扱いに関する問合せ",),
        {**_all("contacts", "2"), "basic": ("basic", "8")},
    ),
    # procedure (基礎項目評価書: Ⅱ しきい値判断項目, Ⅲ しきい値判断結果)
    Part("threshold", ("基礎項目評価",), _all("procedure", "1")),
    Part("public-comment", ("国民・住民等からの意見の聴取",), _all("procedure", "2")),
    Part("third-party-review", ("第三者点検",), _all("procedure", "3")),
    Part("ppc-approval", ("個人情報保護委員会の承認", "特定個人情報保護委員会の承認"), {"full": ("procedure", "4")}),
    Part("threshold-people", ("対象人数",), {"basic": ("threshold-items", "1")}),
    Part("threshold-staff", ("取扱者数",), {"basic": ("threshold-items", "2")}),
    Part("threshold-incident", ("重大事故",), {"basic": ("threshold-items", "3")}),
    # annexes
    Part("flow-diagram", ("事務の内容",), {"full": (ANNEX, "別添1")}),
    Part("record-items", ("特定個人情報ファイル記録項目",), {"full": (ANNEX, "別添2"), "focused": (ANNEX, "別添1")}),
    Part(
        "change-history",
        ("変更箇所",),
        {"full": (ANNEX, "別添3"), "focused": (ANNEX, "別添2"), "basic": (ANNEX, "別添1")},
    ),
)
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
