"""Cross-checks for rows whose item a layout could not decide (PDF text extractions lose the form's order).

The segmenter leaves a row of Ⅱ-5 without its item (提供先N / 移転先N) when the extraction printed the items
out of order. The change history (別添 変更箇所) often restates an item whole, e.g. 項目 "…（５．…　提供先４）"
with 変更後の記載 "都道府県知事又は市町村長 ①法令上の根拠 番号法第１９条第８号に基づく主務省令第２条の表２０の項".
A row is given to an item only when the two places agree:

- the item's latest restatement (by 変更日; rows of one date must agree) names the recipient the body prints
  beside the item's heading; an item restated one row at a time (項目 "…　移転先８　①法令上の根拠）", 変更後の記載
  the row's text alone) names no recipient: each row's latest text (by 変更日) is checked by the two rules below;
- the restated row's text is printed among the unowned rows with that label exactly as many times as items
  restate it so (once for one item; rows printed alike, e.g. three items on the same table item, are given one
  each: what each item states is the same text, whichever of the alike rows it is read from).

Only documents with one 特定個人情報ファイル are checked (a change-history 項目 does not say which file).
"""

from __future__ import annotations

from dataclasses import replace

from loaders.extract.forms import FormParts
from loaders.model import SegmentedDocument
from loaders.normalize.restatements import item_order, restatements, same_text, squeeze


def attribute_from_changes(segmented: SegmentedDocument) -> SegmentedDocument:
    """``segmented`` with the Ⅱ-5 rows the change history decides moved under their item."""
    blocks = segmented.blocks
    parts = FormParts(segmented)
    section = parts.section("files")
    files = {b.headings[1] for b in blocks if b.headings[:1] == (section,) and b.headings[1:2] != ()}
    files = {f for f in files if f.startswith("ファイル")}
    if section is None or len(files) != 1:
        return segmented
    base = parts.locate("flows", (section, files.pop()))
    if base is None:
        return segmented
    recipients = {
        b.headings[3]: squeeze(b.value)
        for b in blocks
        if b.headings[:3] == base and len(b.headings) == 4 and b.label == ""
    }
    unowned = [n for n, b in enumerate(blocks) if b.headings == base and b.label]
    labels = {blocks[n].label for n in unowned}
    owned = {(b.headings[3], b.label) for b in blocks if b.headings[:3] == base and len(b.headings) == 4}
    claims: dict[tuple[str, str], list[str]] = {}  # (label, text) -> the items restating that row so
    for item, (recipient, rows) in restatements(blocks, labels).items():
        if recipient is not None and recipients.get(item) != recipient:
            continue
        for label, value in rows.items():
            if (item, label) not in owned:  # an item the segmenter gave that row keeps it
                claims.setdefault((label, value), []).append(item)
    moved = list(blocks)
    for (label, value), items in claims.items():
        matching = [n for n in unowned if blocks[n].label == label and same_text(squeeze(blocks[n].value), value)]
        if len(matching) == len(items):  # as many rows printed alike as items restating them: one each
            for n, item in zip(matching, sorted(items, key=item_order), strict=True):
                moved[n] = replace(blocks[n], headings=(*base, item))
    return replace(segmented, blocks=tuple(moved))
