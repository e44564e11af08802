"""Reading the value forms of the PPC sheets: a chosen option, ticked checkboxes, declared counts.

- single choice: ``[10万人以上100万人未満] <選択肢> 1) ... 2) ...`` (the value in brackets, or printed
  before the ``<選択肢>`` list next to a tick box); the option list itself is never a value;
- checkbox groups: ``[○] 専用線 [ ] 電子メール ... [○] その他 (LGWAN)``, read with the normaliser's
  option-line parser; a group whose ticks cannot be decided (unknown marks, or no option ticked at all,
  which these forms do not allow) is None, never "not ticked".
"""

from __future__ import annotations

import re

from loaders.normalize.text import collapse_spaces, parse_checkbox_options

_CHOICES = re.compile(r"[<＜]\s*選択肢\s*[>＞]")
_BRACKETED = re.compile(r"[\[［]([^\[\]［］]*)[\]］]")
_TICK = re.compile(r"[\[［]\s*[^\[\]［］\s]?\s*[\]］]")
_OPTION_NUMBER = re.compile(r"(?:^|\s)\d+\)\s*")
_OPTION_LIST = re.compile(r"[<＜]\s*選択肢\s*[>＞]\s*(?:\d+\)\s*[^\s\d]\S*\s*)+")
_NOTE = re.compile(r"^(その他|.*?\S(?=\s))\s*[(（](.*)[)）]\s*$")  # "その他 (LGWAN)"; not "電子記録媒体(…を除く。)"
_GROUP_HEAD = re.compile(r"\s+・.*$")
_ENUMERATOR = re.compile(r"[(（]\s*[0-9０-９]+\s*[)）]")  # 「（１）」 before each name of a list
# any list enumerator at the start of a line: （１） (1) 1. １． 1) ①
_LEADING_ENUMERATOR = re.compile(r"^\s*(?:[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．)）](?![0-9０-９])|[①-⑳])\s*")
_NOTE_MARK = re.compile(r"\s*※.*$")


def options(value: str) -> list[str]:
    """The option texts after ``<選択肢>`` (``1) 実施する 2) 実施しない`` -> [実施する, 実施しない])."""
    match = _CHOICES.search(value)
    if not match:
        return []
    listed = _OPTION_NUMBER.split(_TICK.sub(" ", value[match.end() :]))
    return [collapse_spaces(option) for option in listed if collapse_spaces(option)]


def without_options(value: str | None) -> str | None:
    """A free-text value with a stray ``<選択肢> 1) … 2) …`` option list removed (it is never a value)."""
    if value is None:
        return None
    return collapse_spaces(_OPTION_LIST.sub(" ", value)) or None


def chosen(value: str | None) -> str | None:
    """The option a single-choice field shows as chosen, spelled as in its option list when it is one."""
    if not value:
        return None
    picked = None
    for match in _BRACKETED.finditer(value):
        inner = collapse_spaces(match.group(1))
        if len(inner) > 1:
            picked = inner
            break
    if picked is None:
        marker = _CHOICES.search(value)
        before = collapse_spaces(_TICK.sub(" ", value[: marker.start()])) if marker else ""
        picked = before or None
    if picked is None:
        return None
    for option in options(value):
        if option.replace(" ", "") == picked.replace(" ", ""):
            return option
    return picked


def ticked(value: str | None) -> list[tuple[str, str | None]] | None:
    """The ticked options of a checkbox group as ``(name, note)``; None when the ticks cannot be decided."""
    if not value:
        return None
    parsed = parse_checkbox_options(value)
    if not parsed or any(state is None for _, state in parsed):
        return None
    picked = [label for label, state in parsed if state]
    if not picked:
        return None
    result: list[tuple[str, str | None]] = []
    for label in picked:
        label = _GROUP_HEAD.sub("", label)
        match = _NOTE.match(label)
        if match and match.group(1):
            result.append((match.group(1).strip(), collapse_spaces(match.group(2)) or None))
        else:
            result.append((label.strip(), None))
    return result


def declared_count(value: str | None, option: str) -> int | None:
    """``(27)`` in ``[○] 提供を行っている (27) 件``: the count printed after ``option``."""
    if not value:
        return None
    match = re.search(re.escape(option) + r"\s*[(（]\s*(\d+)\s*[)）]\s*件", value)
    return int(match.group(1)) if match else None


def yes_no(value: str | None, yes: str, no: str) -> bool | None:
    """True/False for a two-way choice (``[再委託する]`` / ``[再委託しない]``), None when not decidable."""
    picked = chosen(value)
    if picked is None:
        return None
    picked = picked.replace(" ", "")
    if picked.startswith(no):
        return False
    if picked.startswith(yes):
        return True
    return None


def enumerated(value: str | None) -> tuple[str, ...]:
    """The names of a list written with enumerators (「（１）A （２）B」 -> (A, B)), or one name per line each with
    its enumerator (「1. A」/「② B」 lines); a single name loses its enumerator; ``(value,)`` without one."""
    value = value.strip() if value else ""
    if not value:
        return ()
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) > 1 and all(_LEADING_ENUMERATOR.match(line) for line in lines):
        return tuple(name for line in lines if (name := _LEADING_ENUMERATOR.sub("", line)))
    if not _ENUMERATOR.match(value):
        name = _LEADING_ENUMERATOR.sub("", value) if len(lines) == 1 else value
        return (name,) if name else ()
    return tuple(part.strip() for part in _ENUMERATOR.split(value) if part.strip())


def note_of(value: str | None) -> str | None:
    """The ※ note printed after a name in the same cell (what ``without_note`` removes), or None."""
    match = _NOTE_MARK.search(value) if value else None
    return match.group(0).strip() if match and match.start() > 0 else None


def without_note(value: str | None) -> str | None:
    """A name without the ※ note printed after it in the same cell (「住基ネット※「３．…」に示す…」 -> 住基ネット)."""
    if value is None:
        return None
    return _NOTE_MARK.sub("", value).strip() or None
