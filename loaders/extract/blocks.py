"""Read access to a SegmentedDocument's blocks by heading path and label, with the warnings list.

Labels are compared without circled markers, spaces and ※, so ``①部署`` matches ``部署`` and a PDF layout
that lost the circle still matches. Parts of the form are found by meaning (``FormBlocks.path("number-use")``),
never by a fixed number: the forms number them differently (see forms.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.extract.forms import FormParts
from loaders.extract.values import without_options
from loaders.model import Block, Location, SegmentedDocument, Span, Warning

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
EMPTY_VALUES = frozenset({"", "-", "—", "－", "ー", "‐", "―", "なし"})
Path = tuple[str, ...]


def bare_label(label: str) -> str:
    """A label without circled numbers, spaces, ※ and colons."""
    return re.sub(r"[\s　※:：" + CIRCLED + "]", "", label)


def meaningful(value: str | None) -> str | None:
    """``value`` unless it is empty or a dash standing for "nothing"."""
    if value is None:
        return None
    value = value.strip()
    return None if value in EMPTY_VALUES else value


@dataclass
class FormBlocks:
    """The blocks of one document, indexed for the extractors, and the warnings they raise."""

    segmented: SegmentedDocument
    warnings: list[Warning] = field(default_factory=list)
    parts: FormParts = field(init=False)

    def __post_init__(self) -> None:
        self.parts = FormParts(self.segmented)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.segmented.blocks

    def path(self, meaning: str, file: Path = ()) -> Path | None:
        """The heading path of a part of the form by meaning (forms.PARTS); None when this form has no such part.
        ``file`` is the ファイルK path of the parts printed once per file."""
        return self.parts.locate(meaning, file)

    def section(self, meaning: str) -> str | None:
        """The numeral of a section by meaning (forms.SECTIONS: "files", "risks", "contacts", ...)."""
        return self.parts.section(meaning)

    def warn(self, message: str, location: Location | None) -> None:
        self.warnings.append(Warning(message, location))

    # ------------------------------------------------------------------ selection

    def under(self, path: Path) -> list[Block]:
        """Blocks at ``path`` or below it."""
        return [b for b in self.blocks if b.headings[: len(path)] == path]

    def at(self, path: Path) -> list[Block]:
        """Blocks exactly at ``path``."""
        return [b for b in self.blocks if b.headings == path]

    def find_all(self, path: Path, *labels: str, exact: bool = True) -> list[Block]:
        """Blocks at ``path`` (or below it when ``exact`` is False) whose label is one of ``labels``."""
        wanted = {bare_label(label) for label in labels}
        pool = self.at(path) if exact else self.under(path)
        return [b for b in pool if bare_label(b.label) in wanted]

    def find(self, path: Path, *labels: str) -> Block | None:
        found = self.find_all(path, *labels)
        if len(found) > 1:
            self.warn(f"{labels[0]} printed {len(found)} times; the first is read", self.location(path, found))
        return found[0] if found else None

    def value(self, path: Path, *labels: str, required: bool = True) -> str | None:
        """The meaningful value of the first block labelled ``labels`` at ``path``; a warning when missing."""
        block = self.find(path, *labels)
        value = meaningful(block.value) if block else None
        if value is None and required:
            state = "empty" if block else "not found"
            self.warn(f"{labels[0]}: {state}", self.location(path, [block] if block else None))
        return value

    def text(self, path: Path, *labels: str, required: bool = True) -> str | None:
        """A free-text field: ``value`` without option-list text printed into the cell."""
        return meaningful(without_options(self.value(path, *labels, required=required)))

    def free_text(self, path: Path) -> str | None:
        """The free text (label ``""``) directly under ``path``."""
        parts = [b.value for b in self.at(path) if b.label == "" and meaningful(b.value)]
        return " ".join(parts) or None

    def item_numbers(self, path: Path, kind: str) -> list[int]:
        """Numbers N of the ``{kind}N`` headings directly below ``path``, in document order, unique."""
        numbers: list[int] = []
        depth = len(path)
        pattern = re.compile(re.escape(kind) + r"(\d+)$")
        for block in self.under(path):
            if len(block.headings) > depth:
                match = pattern.match(block.headings[depth])
                if match and int(match.group(1)) not in numbers:
                    numbers.append(int(match.group(1)))
        return numbers

    def check_numbering(self, kind: str, numbers: list[int], location: Location) -> None:
        """Warn when numbered items do not run 1..N (items the document left out)."""
        missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
        if missing:
            listed = ", ".join(str(n) for n in numbers)
            self.warn(f"{kind}: {listed} listed; {', '.join(str(n) for n in missing)} not found", location)

    def child_headings(self, path: Path) -> list[str]:
        """The distinct headings one level below ``path``, in document order."""
        seen: list[str] = []
        for block in self.under(path):
            if len(block.headings) > len(path) and block.headings[len(path)] not in seen:
                seen.append(block.headings[len(path)])
        return seen

    # ------------------------------------------------------------------ provenance

    def location(self, path: Path, blocks: list[Block] | None = None) -> Location:
        """The section path and the line span of ``blocks`` (default: every block under ``path``)."""
        pool = [b for b in (blocks if blocks is not None else self.under(path)) if b is not None]
        if not pool:
            return Location("/".join(path), Span(0, 0))
        return Location("/".join(path), Span(min(b.span.start for b in pool), max(b.span.end for b in pool)))

    def block_location(self, block: Block) -> Location:
        return Location("/".join(block.headings), block.span)
