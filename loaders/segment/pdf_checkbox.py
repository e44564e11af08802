"""Re-assembling a checkbox grid whose brackets a PDF extraction split over lines.

The form prints ③他のシステムとの接続 as a grid of two options per row ("[ ] 情報提供ネットワークシステム
[ ] 庁内連携システム"). The extraction cuts each row between the left option and the right option's
bracket, so a line "[ ] 住民基本台帳ネットワークシステム [ ○" carries the left option's tick and the right
option's tick, and the right option's name comes on its own line ("] 既存住民基本台帳システム"). A right
bracket left empty ("... [") is an unticked box, unless a tick mark got separated from its bracket somewhere
in the same cells (a lone "○"): then which box it belongs to cannot be decided, and the grid is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.segment.pdf_form import CONNECTION_ROWS, compact

_TICK = "○〇"
_PAIR_RE = re.compile(rf"\[\s*([{_TICK}]?)\s*\]\s*([^\[\]]+?)\s*(?=\[|$)")
_OPEN_RE = re.compile(rf"\[\s*([{_TICK}]?)\s*$")
_STRAY_RE = re.compile(rf"^\s*[{_TICK}]\s*\]?|\[\s*[{_TICK}]\s*\[|^\s*\[\s*[{_TICK}]\s*$")
_OTHER = "その他"


def _option(text: str) -> tuple[str, str | None] | None:
    """(option, note) for the printed option name at the start of ``text``."""
    squeezed = compact(text)
    for left, right in CONNECTION_ROWS:
        for name in (left, right):
            if name and squeezed.startswith(name):
                if name != _OTHER:
                    return name, None
                note = re.sub(r"^[（(]|[）)]$", "", squeezed[len(name) :]).strip()
                return name, note or None
    return None


def read_connection_grid(lines: Sequence[str]) -> str | None:
    """The grid as "[○] option [ ] option ..." in the form's order, or None when a tick cannot be decided."""
    partner = dict(CONNECTION_ROWS)
    states: dict[str, list[bool]] = {}
    open_right: list[str] = []
    note: str | None = None
    strays = 0
    for raw in lines:
        line = raw.replace("［", "[").replace("］", "]").strip()
        pairs = list(_PAIR_RE.finditer(line))
        if not pairs and _STRAY_RE.search(line):
            strays += 1
            continue
        for pair in pairs:
            found = _option(pair.group(2))
            if found is None:
                continue
            name, option_note = found
            states.setdefault(name, []).append(bool(pair.group(1)))
            note = option_note or note
        opened = _OPEN_RE.search(line)
        if pairs and opened:
            last = _option(pairs[-1].group(2))
            right = partner.get(last[0]) if last else None
            if right is None:
                return None
            if opened.group(1):
                states.setdefault(right, []).append(True)
            else:
                open_right.append(right)
    for right in open_right:
        if right in states:
            continue
        if strays:
            return None  # a separated tick mark might be this box's
        states[right] = [False]
    names = [name for row in CONNECTION_ROWS for name in row if name]
    if any(len(states.get(name, [])) != 1 for name in names):
        return None
    parts = []
    for name in names:
        label = f"{name} （{note}）" if name == _OTHER and note else name
        parts.append(f"[{'○' if states[name][0] else ' '}] {label}")
    return " ".join(parts)
