"""和暦 and western dates; invalid dates are rejected, never guessed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.model import YearMonth
from loaders.normalize.dates import find_dates, parse_wareki
from loaders.normalize.numbers import int_to_kanji

ERA_STARTS = {"昭和": date(1926, 12, 25), "平成": date(1989, 1, 8), "令和": date(2019, 5, 1)}
ERA_ENDS = {"昭和": date(1989, 1, 7), "平成": date(2019, 4, 30), "令和": date(2099, 12, 31)}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("令和7年6月6日", date(2025, 6, 6)),
        ("令和 7年 6月 6日", date(2025, 6, 6)),
        ("平成２７年１０月", YearMonth(2015, 10)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和四十二年七月二十五日", date(1967, 7, 25)),
        ("大正十一年", None),
        ("2025年6月6日", date(2025, 6, 6)),
        ("2025/06/06", date(2025, 6, 6)),
        ("令和7年2月30日", None),
        ("平成31年5月1日", None),  # 平成 ended on 30 April 2019
        ("令和元年4月30日", None),
        ("令和7年13月1日", None),
        ("特記事項なし", None),
        ("令和2年3月30日 令和5年3月27日", None),  # two dates: not one
    ],
)
def test_parse_wareki(text: str, value: date | YearMonth | None) -> None:
    assert parse_wareki(text) == value


def test_find_dates_keeps_text_as_written() -> None:
    text = "変更日 令和２年３月３０日 ／ 令和 5年 3月27日、2024/1/5 と 平成31年2月30日"
    assert find_dates(text) == [
        (date(2020, 3, 30), "令和２年３月３０日"),
        (date(2023, 3, 27), "令和 5年 3月27日"),
        (date(2024, 1, 5), "2024/1/5"),
    ]


def _wareki(era: str, day: date, style: str) -> str:
    era_year = day.year - ERA_STARTS[era].year + 1
    year = "元" if era_year == 1 and style != "arabic" else str(era_year)
    parts = [year, str(day.month), str(day.day)]
    if style == "fullwidth":
        parts = [part.translate(FULLWIDTH) for part in parts]
    elif style == "kanji":
        parts = [part if part == "元" else int_to_kanji(int(part)) for part in parts]
    return f"{era}{parts[0]}年{parts[1]}月{parts[2]}日"


@given(
    era=st.sampled_from(sorted(ERA_STARTS)),
    offset=st.integers(min_value=0, max_value=40_000),
    style=st.sampled_from(["arabic", "fullwidth", "kanji"]),
)
def test_wareki_round_trip(era: str, offset: int, style: str) -> None:
    day = ERA_STARTS[era] + timedelta(days=offset)
    if day > ERA_ENDS[era]:
        day = ERA_ENDS[era]
    assert parse_wareki(_wareki(era, day, style)) == day
