"""Layout perturbations of a document's text: the ways PDF and HTML text layers of one document differ.

Each perturbation is pure and deterministic and keeps every non-whitespace character (see `content`; those that
move lines keep them in another order), except "running-headers", which adds lines, so a layout-independent
loader reads the same facts from every variant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import groupby

Perturbation = Callable[[str], str]

PAGE_LINES = 60
WRAP_ABOVE = 40
WRAP_WIDTH = 15
COVER_LABELS = frozenset({"評価書番号", "評価書名", "評価実施機関名", "公表日"})
# lines that end a cover value block (the next label or part of the cover)
COVER_STOPS = COVER_LABELS | {"個人のプライバシー等の権利利益の保護の宣言", "特記事項"}
CIRCLED_LABEL = re.compile(r"(\s*)([\u2460-\u2473]\S*)[\t ](\S[^\t]*?)\s*")
BETWEEN_CHARACTERS = re.compile(r"(?<=\S)(?=\S)")
WIDE = r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]"
SPACE_BETWEEN_WIDE = re.compile(rf"(?<={WIDE}) (?={WIDE})")
ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
TO_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in ASCII_ALNUM})
TO_HALF_WIDTH = str.maketrans({chr(ord(c) + 0xFEE0): c for c in ASCII_ALNUM} | {"\u3000": " "})


def content(text: str) -> str:
    """The text's non-whitespace characters, NFKC-folded: what every perturbation keeps (up to order)."""
    return "".join(unicodedata.normalize("NFKC", "".join(text.split())).split())


def pages(text: str) -> list[list[str]]:
    """The text's lines in pages of PAGE_LINES lines each.

    The corpus has no form feeds and no reliable page markers (bare numbers there are as often cell values
    as page numbers), so a page is a fixed chunk of lines; the last page may be shorter.
    """
    lines = text.split("\n")
    return [lines[start : start + PAGE_LINES] for start in range(0, len(lines), PAGE_LINES)]


def _per_page(rewrite: Callable[[list[str]], list[str]]) -> Perturbation:
    """A perturbation rewriting each page's lines on its own."""
    return lambda text: "\n".join(line for page in pages(text) for line in rewrite(page))


def pages_reversed(text: str) -> str:
    """The pages in reverse order."""
    return "\n".join(line for page in reversed(pages(text)) for line in page)


def _boxes_reversed(page: list[str]) -> list[str]:
    """The page's blocks (runs of non-blank lines) in reverse order, one blank line between them."""
    blocks = [list(run) for filled, run in groupby(page, key=lambda line: bool(line.strip())) if filled]
    return [line for block in reversed(blocks) for line in [*block, ""]]


def _lines_joined(page: list[str]) -> list[str]:
    """The page on one line, every run of whitespace (tabs and line breaks too) as a single space."""
    return [" ".join(" ".join(page).split())]


def cells_wrapped(text: str) -> str:
    """Every line longer than WRAP_ABOVE characters cut into lines of WRAP_WIDTH characters.

    This is the simpler variant: shorter lines, which hold most of the form's labels, are left as they are.
    """
    lines = text.split("\n")
    wrapped = ([line] if len(line) <= WRAP_ABOVE else re.findall(f".{{1,{WRAP_WIDTH}}}", line) for line in lines)
    return "\n".join(chunk for chunks in wrapped for chunk in chunks)


def labels_after_values(text: str) -> str:
    """Clean '①LABEL VALUE' lines as VALUE then LABEL; each cover label printed after its whole value.

    A clean line is a circled number ①..⑳ and a label without whitespace, one tab or space, and a value
    without tabs. A cover label is a line that, stripped, is one of COVER_LABELS; its value is the lines after
    it (after any empty lines) up to the next empty line, cover label, 宣言 or 特記事項 heading, or stamp
    (a value box printed before its label box keeps its lines together).
    """
    lines: list[str] = []
    for line in text.split("\n"):
        match = CIRCLED_LABEL.fullmatch(line)
        lines += [match[1] + match[3], match[1] + match[2]] if match else [line]
    index = 0
    while index < len(lines):
        if lines[index].strip() in COVER_LABELS:
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip()), len(lines))
            while end < len(lines) and lines[end].strip() and not _stops_value(lines[end]):
                end += 1
            lines[index:end] = [*lines[index + 1 : end], lines[index]]
            index = end - 1
        index += 1
    return "\n".join(lines)


def _stops_value(line: str) -> bool:
    return line.strip() in COVER_STOPS or line.lstrip().startswith(("[", "［"))


def running_headers(text: str) -> str:
    """Every page framed by a running header and its page number: header and 'N/M' above, '-N-' and header below."""
    header = next((line.strip() for line in text.split("\n") if line.strip()), "")[:20]
    split = pages(text)
    return "\n".join(
        line
        for number, page in enumerate(split, start=1)
        for line in [header, f"{number}/{len(split)}", *page, f"-{number}-", header]
    )


def spaced_chars(text: str) -> str:
    """A space between every two adjacent non-whitespace characters ('評 価 書 番 号')."""
    return BETWEEN_CHARACTERS.sub(" ", text)


def full_width(text: str) -> str:
    """ASCII digits and letters in full width; then ASCII spaces between two wide characters as U+3000."""
    return SPACE_BETWEEN_WIDE.sub("\u3000", text.translate(TO_FULL_WIDTH))


def half_width(text: str) -> str:
    """Full-width digits, letters and U+3000 in ASCII; circled digits, roman numerals and the rest untouched."""
    return text.translate(TO_HALF_WIDTH)


def crlf(text: str) -> str:
    """CRLF line endings."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


PERTURBATIONS: dict[str, Perturbation] = {
    "pages-reversed": pages_reversed,
    "page-boxes-shuffled": _per_page(_boxes_reversed),
    "page-lines-joined": _per_page(_lines_joined),
    "cells-wrapped": cells_wrapped,
    "labels-after-values": labels_after_values,
    "running-headers": running_headers,
    "spaced-chars": spaced_chars,
    "full-width": full_width,
    "half-width": half_width,
    "crlf": crlf,
}


def variants(text: str) -> dict[str, str]:
    """Every perturbation applied to the text, by name."""
    return {name: perturb(text) for name, perturb in PERTURBATIONS.items()}
