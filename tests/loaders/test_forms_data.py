"""The PPC forms as data (loaders/forms/*.toml): read and checked against the schema; the extractor's map of
parts is built from them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from loaders.extract.forms import PARTS, SECTIONS
from loaders.forms import FormFileError, form, forms, parse_form

FULL = Path(__file__).resolve().parents[2] / "loaders" / "forms" / "full.toml"


def test_three_forms_with_their_style_numbers() -> None:
    assert {kind: t.style for kind, t in forms().items()} == {"full": 4, "focused": 3, "basic": 2}


def test_cover_fields_in_printed_order_and_approval_only_on_the_full_form() -> None:
    assert [f.key for f in form("full").cover] == [
        "number",
        "title",
        "declaration",
        "special_notes",
        "assessing_body",
        "approval_date",
        "published",
    ]
    assert "approval_date" not in [f.key for f in form("basic").cover]
    assert next(f for f in form("full").cover if f.key == "approval_date").national_only


def test_a_version_prints_its_own_labels() -> None:
    old = next(f for f in form("full").cover_fields("平成26年4月") if f.key == "approval_date")
    assert old.labels[0].startswith("特定個人情報保護委員会")


def test_the_basic_form_lists_its_systems_inside_section_one() -> None:
    section, part = form("basic").part("affair") or (None, None)
    assert section is not None and section.titles[0] == "関連情報"
    assert part is not None and [f.labels for f in part.fields][2] == ("③システムの名称",)


def test_the_extractors_parts_come_from_the_form_files() -> None:
    number_use = next(p for p in PARTS if p.meaning == "number-use")
    assert number_use.places == {"full": ("basic", "5"), "focused": ("basic", "4"), "basic": ("basic", "3")}
    assert SECTIONS["risks"][1] == {"full": "Ⅲ", "focused": "Ⅲ", "basic": "Ⅳ"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(colour="red"), "unknown keys ['colour']"),
        (lambda d: d.update(style="4"), "style: expected int"),
        (lambda d: d["cover"][0].update(type="colour"), "unknown field type 'colour'"),
        (lambda d: d["sections"][0]["parts"].pop(0), "parts not numbered"),
        (lambda d: d["sections"][0]["parts"][1].update(items="gadget"), "unknown item kinds ['gadget']"),
    ],
)
def test_a_form_file_off_the_schema_is_refused_naming_the_file(change, problem: str) -> None:
    data = tomllib.loads(FULL.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(FormFileError, match=r"^full\.toml: ") as error:
        parse_form(data, "full.toml")
    assert problem in str(error.value)
