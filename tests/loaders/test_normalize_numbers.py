"""Numbers: kanji numerals, full-width digits, separators, item numbers with 'の'."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalize.numbers import int_to_kanji, kanji_to_int, normalise_item_number, parse_int
from loaders.normalize.text import fold_width

DIGITS = "〇一二三四五六七八九"


def render_kanji(value: int) -> str:
    """An independent int -> kanji renderer (1..9999) for round-trip tests: 十 / 百 / 千 without a leading 一."""
    if value == 0:
        return "〇"
    text = ""
    for unit, unit_char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            continue
        if unit_char:
            text += ("" if digit == 1 else DIGITS[digit]) + unit_char
        else:
            text += DIGITS[digit]
    return text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("百六十一", 161),
        ("二十", 20),
        ("千二百", 1200),
        ("〇", 0),
        ("零", 0),
        ("十", 10),
        ("三十九", 39),
        ("二〇二五", 2025),
        ("一万二千", 12000),
        ("百十五", 115),
    ],
)
def test_kanji_to_int(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十百", "二三十", "abc", "百百"])
def test_kanji_to_int_rejects_non_numbers(text: str) -> None:
    assert kanji_to_int(text) is None


@given(st.integers(min_value=1, max_value=9999))
def test_kanji_round_trip(value: int) -> None:
    assert kanji_to_int(render_kanji(value)) == value
    assert int_to_kanji(value) == render_kanji(value)


@given(st.integers(min_value=0, max_value=10**7))
def test_parse_int_arabic_fullwidth_and_separators(value: int) -> None:
    assert parse_int(str(value)) == value
    assert parse_int(f"{value:,}") == value
    full = str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_int(full) == value
    assert fold_width(full) == str(value)


def test_parse_int_examples() -> None:
    assert parse_int("1,000") == 1000
    assert parse_int("１，０００") == 1000
    assert parse_int("百六十一") == 161
    assert parse_int("10万人") is None


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("82の2", "82の2"),
        ("八十二の二", "82の2"),
        ("３０の６", "30の6"),
        ("百六十一", "161"),
        ("56 の 2", "56の2"),
        ("—", None),
        ("", None),
        ("第8", None),
    ],
)
def test_normalise_item_number(text: str, normal: str | None) -> None:
    assert normalise_item_number(text) == normal
