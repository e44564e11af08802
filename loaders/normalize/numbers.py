"""Numbers as printed in assessments: arabic, full-width, with separators, or kanji numerals."""

from __future__ import annotations

import re

from loaders.normalize.text import fold_width

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "億": 100_000_000}
KANJI_NUMERAL_CHARS = "".join(KANJI_DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)
KANJI_NUMERAL = re.compile(f"[{KANJI_NUMERAL_CHARS}]+")


def _small_kanji_to_int(text: str) -> int | None:
    """A kanji numeral below 10,000 (no 万/億)."""
    if not text:
        return 0
    if all(ch in KANJI_DIGITS for ch in text):  # positional style: 二〇二五
        return int("".join(str(KANJI_DIGITS[ch]) for ch in text))
    total = 0
    pending: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in KANJI_DIGITS:
            if pending is not None:
                return None  # two digits in a row inside unit notation: 二三十
            pending = KANJI_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # units must decrease: 十百 is not a number
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        else:
            return None
    return total + (pending or 0)


def kanji_to_int(text: str) -> int | None:
    """百六十一 -> 161, 二十 -> 20, 千二百 -> 1200, 〇 -> 0, 二〇二五 -> 2025; None if not a kanji numeral."""
    if not text or not KANJI_NUMERAL.fullmatch(text):
        return None
    total = 0
    rest = text
    for unit_char, unit in sorted(_LARGE_UNITS.items(), key=lambda pair: -pair[1]):
        if unit_char in rest:
            head, rest = rest.split(unit_char, 1)
            if unit_char in rest:
                return None
            value = _small_kanji_to_int(head)
            if value is None:
                return None
            total += (value or 1) * unit
    value = _small_kanji_to_int(rest)
    return None if value is None else total + value


_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def parse_int(text: str) -> int | None:
    """An integer written in arabic (also full-width, '1,000') or kanji numerals; None otherwise."""
    folded = fold_width(text).strip().replace("，", ",")
    if _ARABIC.fullmatch(folded):
        return int(folded.replace(",", ""))
    return kanji_to_int(folded)


_ITEM_NUMBER = re.compile(rf"(?:\d+|[{KANJI_NUMERAL_CHARS}]+)(?:の(?:\d+|[{KANJI_NUMERAL_CHARS}]+))*")


def normalise_item_number(text: str) -> str | None:
    """An item number with 'の' sub-numbers in arabic form: '八十二の二' -> '82の2', '３０の６' -> '30の6'."""
    folded = fold_width(text).strip().replace(" ", "")
    if not _ITEM_NUMBER.fullmatch(folded):
        return None
    parts = [parse_int(part) for part in folded.split("の")]
    if any(part is None for part in parts):
        return None
    return "の".join(str(part) for part in parts)


_KANJI_BY_DIGIT = "〇一二三四五六七八九"


def int_to_kanji(value: int) -> str:
    """1 -> 一, 2 -> 二, 161 -> 百六十一 (below 10,000): the spelling of table names such as 別表第二."""
    if not 0 <= value < 10_000:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "〇"
    out = ""
    for unit, unit_char in ((1000, "千"), (100, "百"), (10, "十")):
        digit, value = divmod(value, unit)
        if digit:
            out += ("" if digit == 1 else _KANJI_BY_DIGIT[digit]) + unit_char
    return out + (_KANJI_BY_DIGIT[value] if value else "")
