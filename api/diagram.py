"""An SVG picture of who an assessment's data goes to (drawn on the server: no script, no CDN)."""

from __future__ import annotations

from html import escape
from typing import Any

KIND_STYLE = {
    "provision": ("#1f6feb", "提供"),
    "transfer": ("#2da44e", "移転"),
    "outsourcing": ("#bf8700", "委託"),
}
ROW = 34
WIDTH = 860


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flow_diagram(source_label: str, flows: list[dict[str, Any]]) -> str:
    """Boxes: the affair on the left, one box per recipient on the right, one line per recipient and kind."""
    targets: dict[tuple[str, str], dict[str, Any]] = {}
    for flow in flows:
        label = (flow["recipient"] or {}).get("label") or flow.get("recipient_text") or "(不明)"
        entry = targets.setdefault((flow["kind"], label), {"kind": flow["kind"], "label": label, "items": set()})
        for basis in flow["legal_bases"]:
            if basis.get("table_item"):
                entry["items"].add(basis["table_item"])
    ordered = sorted(targets.values(), key=lambda t: (list(KIND_STYLE).index(t["kind"]), t["label"]))
    height = max(ROW * len(ordered) + 40, 120)
    middle = height / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(source_label)} のデータの流れ" font-size="13">',
        f'<rect x="10" y="{middle - 30}" width="230" height="60" rx="8" fill="#f6f8fa" stroke="#57606a"/>',
        f'<text x="125" y="{middle + 5}" text-anchor="middle">{escape(_clip(source_label, 17))}</text>',
    ]
    for index, target in enumerate(ordered):
        colour, word = KIND_STYLE[target["kind"]]
        y = 20 + index * ROW + ROW / 2
        items = "・".join(sorted(target["items"], key=lambda s: (len(s), s)))
        caption = word + (f" 項{_clip(items, 14)}" if items else "")
        parts += [
            f'<path d="M240 {middle} C 380 {middle}, 380 {y}, 520 {y}" fill="none" stroke="{colour}" '
            'stroke-width="1.5"/>',
            f'<text x="380" y="{y - 4}" fill="{colour}" font-size="11">{escape(caption)}</text>',
            f'<rect x="520" y="{y - 13}" width="330" height="26" rx="5" fill="#ffffff" stroke="{colour}"/>',
            f'<text x="530" y="{y + 5}">{escape(_clip(target["label"], 24))}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
