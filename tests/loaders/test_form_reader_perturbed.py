"""The form reader is layout-independent: every perturbed variant of every corpus document and cover excerpt
(pages reversed, boxes shuffled, lines joined, cells wrapped, labels after values, running headers, spaced
characters, width variants, CRLF) reads the same cover and Ⅰ fields as the original, or leaves them unread and
says so; never a different value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from perturb import PERTURBATIONS

from loaders.model import FormReading
from loaders.normalize.folding import fold
from loaders.read import read_document
from loaders.segment.form_reader import read_form

SHARED = Path(__file__).resolve().parents[3] / "shared"
DOCUMENTS = sorted((SHARED / "corpus").glob("0*.txt")) + sorted((SHARED / "cover-excerpts").glob("0*.txt"))


FREE_TEXT = ("declaration", "special_notes", "affair_description", "number_use_basis")


def values(reading: FormReading) -> dict[str, object]:
    """Field values compared across layouts: whitespace and character width are not part of a value. Free text
    (the declaration, 特記事項, descriptions) runs to the next label and is not compared here."""
    return {f.key: _compact(f.value) for f in reading.fields if not f.key.endswith(FREE_TEXT)}


def _compact(value: str | tuple[str, ...]) -> object:
    return tuple(fold(v) for v in value) if isinstance(value, tuple) else fold(re.sub(r"\s", "", value))


@pytest.fixture(scope="module", params=DOCUMENTS, ids=[f"{p.parent.name[:6]}-{p.stem[:3]}" for p in DOCUMENTS])
def original(request: pytest.FixtureRequest) -> tuple[str, FormReading]:
    if not request.param.is_file():
        pytest.skip(f"test documents not found under {SHARED}")
    text = read_document(request.param).text
    return text, read_form(text)


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_a_variant_reads_the_same_or_leaves_unread(original: tuple[str, FormReading], name: str) -> None:
    text, reading = original
    variant = read_form(PERTURBATIONS[name](text))
    expected, found = values(reading), values(variant)
    different = {k: (expected[k], v) for k, v in found.items() if k in expected and expected[k] != v}
    invented = {k: v for k, v in found.items() if k not in expected}
    assert not different, f"{name}: read differently {different}"
    assert not invented, f"{name}: read what the original does not give {invented}"
    unread = {u.key for u in variant.unread}
    assert set(expected) - set(found) <= unread, f"{name}: a field neither read nor reported unread"
    assert variant.version in (reading.version, None)
    assert variant.form in (reading.form, None)


def test_the_original_readings_hold_the_cover() -> None:
    """Guard against a vacuous suite: the originals do read the cover facts the variants are compared on."""
    readings = [read_form(read_document(p).text) for p in DOCUMENTS if p.is_file()]
    if not readings:
        pytest.skip(f"test documents not found under {SHARED}")
    with_title = sum(1 for r in readings if r.get("cover.title"))
    assert with_title >= 24
