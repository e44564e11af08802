"""The 23 cover excerpts of other bodies (../shared/cover-excerpts), read through the real stages and compared
with the answer keys written by reading each excerpt by hand (tests/corpus/gold/excerpts): every printed value
read right, nothing invented (a key's null must come out as None)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from loaders.extract import extract
from loaders.model import AssessmentRecord
from loaders.read import check_is_assessment, read_document
from loaders.segment import segment

EXCERPTS = Path(__file__).resolve().parents[3] / "shared" / "cover-excerpts"
KEYS = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "excerpts"
KEY_FILES = sorted(KEYS.glob("*.json"))


def squeezed(text: str | None) -> str | None:
    """Whitespace is not compared: a line-wrap and a printed space cannot be told apart in every layout."""
    return None if text is None else re.sub(r"\s", "", text)


def read(name: str) -> AssessmentRecord:
    if not (EXCERPTS / name).is_file():
        pytest.skip(f"cover excerpts not found at {EXCERPTS}")
    document = read_document(EXCERPTS / name)
    check_is_assessment(document)
    return extract(segment(document))


@pytest.fixture(scope="module", params=[p.name for p in KEY_FILES], ids=[p.stem for p in KEY_FILES])
def case(request: pytest.FixtureRequest) -> tuple[dict, AssessmentRecord]:
    key = json.loads((KEYS / request.param).read_text(encoding="utf-8"))
    return key, read(key["excerpt"])


def test_there_is_a_key_for_every_excerpt() -> None:
    assert len(KEY_FILES) == 23


def test_form_and_version(case: tuple[dict, AssessmentRecord]) -> None:
    key, record = case
    assert record.cover.form == key["form"]
    assert record.cover.form_version == key["form_version"]


def test_cover_fields(case: tuple[dict, AssessmentRecord]) -> None:
    key, record = case
    cover = record.cover
    assert cover.number == key["number"]
    assert squeezed(cover.title) == squeezed(key["title"])
    assert cover.assessing_body == key["assessing_body"]
    assert (cover.published.isoformat() if cover.published else None) == key["published"]
    assert (cover.approval_date.isoformat() if cover.approval_date else None) == key["approval_date"]


def test_the_body(case: tuple[dict, AssessmentRecord]) -> None:
    key, record = case
    cover = record.cover
    if key["body"] is None:
        assert cover.local_government is None
        return
    assert key["body"] in (cover.local_government, cover.prefecture, cover.assessing_body)
    if cover.local_government is not None:
        assert cover.local_government == key["body"]


def test_special_notes(case: tuple[dict, AssessmentRecord]) -> None:
    key, record = case
    assert squeezed(record.cover.special_notes) == squeezed(key["special_notes"])


def test_affair_systems_and_files(case: tuple[dict, AssessmentRecord]) -> None:
    key, record = case
    basic = record.basic
    assert (basic.affair_name if basic else None) == key["affair_name"]
    systems = [s.name for s in basic.systems] if basic else []
    assert systems == (key["systems"] or [])
    assert list(basic.file_names if basic else ()) == (key["file_names"] or [])


def test_where_the_text_ends_is_reported(case: tuple[dict, AssessmentRecord]) -> None:
    """Every excerpt is cut short: the reading says so, and names sections the text never reaches."""
    _, record = case
    assert record.reading is not None
    assert record.reading.cut_short
    assert "Ⅵ" in record.reading.missing_sections or record.cover.form != "full"
