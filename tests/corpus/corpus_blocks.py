"""Small readers of segmented blocks and citations shared by the per-document corpus tests."""

from __future__ import annotations

from loaders.model import Block, Citation, SegmentedDocument


def blocks_at(doc: SegmentedDocument, *headings: str) -> list[Block]:
    """The blocks under exactly these headings."""
    return [b for b in doc.blocks if b.headings == headings]


def value_at(doc: SegmentedDocument, label: str, *headings: str) -> str:
    """The value of the one block with ``label`` under these headings."""
    found = [b.value for b in blocks_at(doc, *headings) if b.label == label]
    assert len(found) == 1, (label, headings, found)
    return found[0]


def table_items(citation: Citation | None) -> list[str]:
    """The legal table items (項番) a citation names, in order."""
    assert citation is not None
    return [p.table_item for p in citation.provisions if p.table_item]
