"""Text folded for matching the form's labels: no spaces, line breaks, tags or punctuation, NFKC per character
(so ①/1)/(1) and full-width digits meet), with the origin of every folded character in the text."""

from __future__ import annotations

import re
import unicodedata

TAG = re.compile(r"<[^<>\n]{0,60}>")
_DROPPED = set("、。，．,.・･:：;；/／\\()（）[]［］【】「」『』〔〕〈〉《》<>＜＞\"'“”‘’-－‐―ー~～〜※*＊#")


def _fold(ch: str) -> str:
    if ch.isspace() or ch in _DROPPED:
        return ""
    return unicodedata.normalize("NFKC", ch).replace(" ", "")


def fold(text: str) -> str:
    """The folded form of a label or title, as ``FoldedText`` folds a document."""
    return "".join(_fold(ch) for ch in TAG.sub("", text))


class FoldedText:
    """A document's text folded for matching, with the origin (index in ``text``) of every folded character."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        self.origin: list[int] = []
        skip_to = -1
        tags = {m.start(): m.end() for m in TAG.finditer(text)}
        for index, ch in enumerate(text):
            if index < skip_to:
                continue
            if index in tags:
                skip_to = tags[index]
                continue
            for out in _fold(ch):
                chars.append(out)
                self.origin.append(index)
        self.folded = "".join(chars)

    def find_all(self, label: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Every (start, end) in ``text`` where ``label`` is printed, between text offsets ``start`` and ``end``."""
        needle = fold(label)
        found: list[tuple[int, int]] = []
        if not needle:
            return found
        at = self.folded.find(needle)
        while at >= 0:
            first, last = self.origin[at], self.origin[at + len(needle) - 1] + 1
            if first >= start and (end is None or last <= end):
                found.append((first, last))
            at = self.folded.find(needle, at + 1)
        return found

    def marker_before(self, start: int, number: str) -> int:
        """``start`` moved back over the item marker ``number`` (①, 1), (1), 1.) printed right before it."""
        at = self._folded_index(start)
        if at >= len(number) and self.folded[at - len(number) : at] == number:
            return self.origin[at - len(number)]
        return start

    def _folded_index(self, offset: int) -> int:
        lo, hi = 0, len(self.origin)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.origin[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo
