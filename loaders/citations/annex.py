"""Pointers to annexes: 「(別紙参照)」, 「(別紙1参照)」, 「(Ⅱ-5別紙参照)」, 「(別紙II-5参照)」."""

from __future__ import annotations

import re

from loaders.normalize.text import fold_width

_ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ", "VI": "Ⅵ"}
_SECTION = r"(?P<section>[ⅠⅡⅢⅣⅤⅥ]|VI|IV|V|III|II|I)\s*-\s*(?P<part>\d+)"
_SECTION_FIRST = re.compile(rf"{_SECTION}\s*別紙")
_ANNEX_FIRST = re.compile(rf"別紙\s*{_SECTION}")
_NUMBERED = re.compile(r"別紙\s*(?P<number>\d+)")
_BARE = re.compile(r"別紙")


def annex_reference(text: str) -> str | None:
    """The label of the first annex ``text`` points to: '別紙1', 'Ⅱ-5別紙' (also for 別紙II-5), or '別紙'."""
    folded = fold_width(text)
    found: list[tuple[int, str]] = []
    for pattern in (_SECTION_FIRST, _ANNEX_FIRST):
        match = pattern.search(folded)
        if match:
            section = _ROMAN.get(match.group("section"), match.group("section"))
            found.append((match.start(), f"{section}-{int(match.group('part'))}別紙"))
    numbered = _NUMBERED.search(folded)
    if numbered:
        found.append((numbered.start(), f"別紙{int(numbered.group('number'))}"))
    if found:
        return min(found)[1]
    return "別紙" if _BARE.search(folded) else None
