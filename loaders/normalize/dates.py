"""Dates as printed in assessments: 和暦 (令和7年6月6日, 平成２７年１０月, 令和元年) and western forms."""

from __future__ import annotations

import re
from datetime import date

from loaders.model import PartialDate, YearMonth
from loaders.normalize.numbers import KANJI_NUMERAL_CHARS, parse_int
from loaders.normalize.text import fold_char_map

# era -> (first day, last year number of the era); the last day is the next era's first day minus one
ERAS: dict[str, tuple[date, int | None]] = {
    "明治": (date(1868, 1, 25), 45),
    "大正": (date(1912, 7, 30), 15),
    "昭和": (date(1926, 12, 25), 64),
    "平成": (date(1989, 1, 8), 31),
    "令和": (date(2019, 5, 1), None),
}
_ERA_ENDS = {"明治": date(1912, 7, 29), "大正": date(1926, 12, 24), "昭和": date(1989, 1, 7), "平成": date(2019, 4, 30)}

_NUM = rf"(?:\d+|[{KANJI_NUMERAL_CHARS}]+)"
_WAREKI = re.compile(
    rf"(?P<era>明治|大正|昭和|平成|令和)\s*(?P<year>元|{_NUM})\s*年\s*(?P<month>{_NUM})\s*月(?:\s*(?P<day>{_NUM})\s*日)?"
)
_WESTERN_KANJI = re.compile(rf"(?<!\d)(?P<year>\d{{4}})\s*年\s*(?P<month>{_NUM})\s*月(?:\s*(?P<day>{_NUM})\s*日)?")
_WESTERN_SLASH = re.compile(
    r"(?<![\d/.-])(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d/])"
)


def _to_partial_date(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return YearMonth(year, month)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _within_era(era: str, era_year: int, value: PartialDate) -> bool:
    start, last_year = ERAS[era]
    if era_year < 1 or (last_year is not None and era_year > last_year):
        return False
    if isinstance(value, date):
        end = _ERA_ENDS.get(era)
        return value >= start and (end is None or value <= end)
    end = _ERA_ENDS.get(era)
    after_start = (value.year, value.month) >= (start.year, start.month)
    return after_start and (end is None or (value.year, value.month) <= (end.year, end.month))


def _date_from_match(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    month = parse_int(groups["month"])
    day = parse_int(groups["day"]) if groups.get("day") else None
    if "era" in groups:
        era = groups["era"]
        era_year = 1 if groups["year"] == "元" else parse_int(groups["year"])
        if era_year is None:
            return None
        value = _to_partial_date(ERAS[era][0].year + era_year - 1, month, day)
        return value if value is not None and _within_era(era, era_year, value) else None
    year = int(groups["year"])
    return _to_partial_date(year, month, day)


def find_dates(text: str) -> list[tuple[PartialDate, str]]:
    """Every valid date in ``text`` in reading order, with the text as written. Invalid ones (2月30日) are skipped."""
    folded, origin = fold_char_map(text)
    found: list[tuple[int, PartialDate, str]] = []
    taken: list[range] = []
    for pattern in (_WAREKI, _WESTERN_KANJI, _WESTERN_SLASH):
        for match in pattern.finditer(folded):
            if any(match.start() in span for span in taken):
                continue
            value = _date_from_match(match)
            if value is not None:
                found.append((match.start(), value, text[origin[match.start()] : origin[match.end() - 1] + 1]))
                taken.append(range(match.start(), match.end()))
    return [(value, written) for _, value, written in sorted(found, key=lambda entry: entry[0])]


def parse_wareki(text: str) -> PartialDate | None:
    """The one date ``text`` holds (和暦 or western): a ``date``, a ``YearMonth`` when no day is given, else None.

    Handles 元年, full-width digits, kanji numerals and spaces inside ('令和 7年 6月 6日'); rejects 2月30日.
    """
    dates = find_dates(text)
    return dates[0][0] if len(dates) == 1 else None
