"""Risk measures (Ⅲ of the full and focused forms, per file; Ⅳ of the basic form): risks per processing step,
with their measures and the document's own rating. A step is recognised by meaning (forms.py: its printed title,
else its number in the detected form).

Each ``リスクN`` item gives one Risk: its text (the heading's free text), the measures (every other labelled
value, "label: value"), the rating (``リスクへの対策は十分か``). A step printed without numbered risks
(Ⅲ-4 委託) gives one Risk for the step. ``…その他のリスク及びそのリスクに対する措置`` gives a Risk with
no number when it says something.
"""

from __future__ import annotations

from loaders.extract.blocks import FormBlocks, Path, bare_label, meaningful
from loaders.extract.files import file_paths
from loaders.extract.values import chosen, options, without_options
from loaders.model import Block, Risk

STAGES = {
    "risk-acquisition": "入手",
    "risk-use": "使用",
    "risk-outsourcing": "委託",
    "risk-flows": "提供・移転",
    "risk-network": "情報提供ネットワークシステムとの接続",
    "risk-storage": "保管・消去",
}
RATING_LABEL = "リスクへの対策は十分か"
RATINGS = ("特に力を入れている", "十分である", "課題が残されている")
OTHER_SUFFIX = "その他のリスク及びそのリスクに対する措置"


def extract_risks(form: FormBlocks) -> tuple[Risk, ...]:
    risks: list[Risk] = []
    section = form.section("risks") or "Ⅲ"
    scopes: list[tuple[int | None, Path]] = [*file_paths(form, section)]
    if not form.parts.per_file("risk-acquisition"):
        scopes = [(None, (section,))]  # the basic form assesses the affair as a whole
    for file_no, path in scopes:
        for step in form.child_headings(path):
            stage = STAGES.get(form.parts.part((*path, step)) or "")
            if stage is None:
                continue
            risks.extend(_step_risks(form, (*path, step), file_no, stage))
    if not risks:
        form.warn(f"{section}: no risk read", form.location((section,)))
    return tuple(risks)


def _step_risks(form: FormBlocks, path: Path, file_no: int | None, stage: str) -> list[Risk]:
    risks = []
    numbers = form.item_numbers(path, "リスク")
    for no in numbers:
        item = (*path, f"リスク{no}")
        blocks = [b for b in form.at(item) if not _is_other(b)]
        heading_text = next((b.value for b in blocks if b.label == ""), None)
        risks.append(_risk(form, item, blocks, file_no, stage, no, heading_text))
    if not numbers:
        blocks = [b for b in form.at(path) if not _is_other(b)]
        if any(bare_label(b.label) == RATING_LABEL for b in blocks):
            text = " ".join(b.value for b in blocks if b.label == "" and not b.value.startswith("[")) or None
            risks.append(_risk(form, path, blocks, file_no, stage, None, text))
    for block in form.under(path):
        text = meaningful(block.value) if _is_other(block) else None
        if text:
            risks.append(Risk(file_no, stage, None, block.label, text, None, form.block_location(block)))
    return risks


def _is_other(block: Block) -> bool:
    return block.label.endswith(OTHER_SUFFIX)


def _risk(
    form: FormBlocks, path: Path, blocks: list[Block], file_no: int | None, stage: str, no: int | None, text: str | None
) -> Risk:
    location = form.location(path, blocks)
    rating_block = next((b for b in blocks if bare_label(b.label) == RATING_LABEL), None)
    rating = chosen(rating_block.value) if rating_block else None
    if rating not in RATINGS:
        form.warn(f"{RATING_LABEL}: no rating read", location)
        rating = None
    measures = [
        f"{b.label}: {_measure_value(b.value)}"
        for b in blocks
        if b.label and b is not rating_block and meaningful(_measure_value(b.value))
    ]
    if text is None:
        form.warn("risk text not found", location)
    return Risk(
        file_no=file_no,
        stage=stage,
        no=no,
        risk=text or "",
        measures="\n".join(measures) or None,
        rating=rating,
        location=location,
    )


def _measure_value(value: str) -> str:
    """A measure's text; a choice field (``[行っている] <選択肢> …``) gives the chosen option only."""
    if options(value):
        return chosen(value) or ""
    return without_options(value) or ""
