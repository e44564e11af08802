"""Legal citations: text as written -> Citation with one ProvisionRef per provision it names.

``parse_citation`` reads a whole cell (e.g. a flow's ①法令上の根拠) as one Citation; ``parse_citations``
cuts a longer text into its statements (bullets 「・」, 「。」, 【見出し】, ※notes, ①..⑳) and returns one
Citation per statement that cites something. In both, ``Citation.text`` is the text as written, and a
statement that looks like a citation but names no resolvable provision is returned with no provisions
(the caller warns). ProvisionRef components are normalised (half-width digits, 'の' sub-numbers kept,
tables '別表' / '別表第一' / '別表第二' / '第2条の表'), so the same provision written any way is equal.
"""

from __future__ import annotations

import itertools

from loaders.citations.annex import annex_reference
from loaders.citations.laws import (
    AFFAIRS_ORDER,
    APPENDIX2_ORDER,
    BANGO_ACT,
    CARD_ORDER,
    PROVISION_ORDER,
    law_by_name,
    number_use_ordinance,
)
from loaders.citations.parser import STATEMENT_MARKERS, Scanner, prepare, scan
from loaders.model import Citation, Location, ProvisionRef
from loaders.normalize.numbers import normalise_item_number

__all__ = [
    "AFFAIRS_ORDER",
    "APPENDIX2_ORDER",
    "BANGO_ACT",
    "CARD_ORDER",
    "PROVISION_ORDER",
    "annex_reference",
    "law_by_name",
    "number_use_ordinance",
    "order_table_item",
    "parse_citation",
    "parse_citations",
]


def _statement_starts(text: str) -> list[int]:
    """Where statements begin: a bullet, note, 【heading】 or circled number after a space/bracket, or the
    character after 「。」 — never inside parentheses (「(以下「…」という。)」 continues the statement)."""
    starts = [0]
    depth = 0
    for index, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth:
            continue
        before = text[index - 1] if index else " "
        if ch in STATEMENT_MARKERS and (before.isspace() or before in "]>)。"):
            starts.append(index)
        elif ch == "。" and index + 1 < len(text):
            starts.append(index + 1)
    return sorted(set(starts))


def _dedupe(refs: list[ProvisionRef]) -> tuple[ProvisionRef, ...]:
    """Drop repeats, and law-only / table-only refs made redundant by a more precise ref of the same law/table."""
    unique = list(dict.fromkeys(refs))
    precise_laws = {ref.law for ref in unique if (ref.article, ref.paragraph, ref.item, ref.table) != (None,) * 4}
    itemised_tables = {(ref.law, ref.table) for ref in unique if ref.table_item is not None}

    def redundant(ref: ProvisionRef) -> bool:
        if (ref.article, ref.paragraph, ref.item, ref.table, ref.table_item) == (None,) * 5:
            return ref.law in precise_laws
        return ref.table is not None and ref.table_item is None and (ref.law, ref.table) in itemised_tables

    return tuple(ref for ref in unique if not redundant(ref))


def parse_citation(text: str, location: Location, *, municipality: str | None = None) -> Citation:
    """The whole ``text`` as one Citation (text as written, stripped) with every provision it names."""
    normalised, _ = prepare(text)
    scanner = Scanner(municipality=municipality)
    scan(scanner, normalised)
    return Citation(text=text.strip(), provisions=_dedupe(scanner.refs), location=location)


def parse_citations(text: str, location: Location, *, municipality: str | None = None) -> tuple[Citation, ...]:
    """One Citation per statement of ``text`` that cites something; the law named by one statement carries
    into the next (「同法」, a list under a heading)."""
    normalised, origin = prepare(text)
    bounds = [*_statement_starts(normalised), len(normalised)]
    scanner = Scanner(municipality=municipality)
    citations: list[Citation] = []
    for start, end in itertools.pairwise(bounds):
        piece = normalised[start:end]
        if not piece.strip():
            continue
        scanner.refs, scanner.saw_token, scanner.dropped = [], False, False
        scan(scanner, piece)
        if not scanner.refs and not (scanner.saw_token or scanner.dropped):
            continue
        written = text[origin[start] : origin[end - 1] + 1].strip()
        citations.append(Citation(text=written, provisions=_dedupe(scanner.refs), location=location))
    return tuple(citations)


def order_table_item(item_text: str, location: Location) -> Citation:
    """An annex row's 項番 (「七」「百十五」「56の2」) as a citation of the 命令's 第2条の表; no provision if the
    text is not an item number (「—」)."""
    item = normalise_item_number(item_text)
    provisions = (ProvisionRef(PROVISION_ORDER, "2", table="第2条の表", table_item=item),) if item is not None else ()
    return Citation(text=item_text.strip(), provisions=provisions, location=location)
