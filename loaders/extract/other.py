"""Other measures and serious incidents, disclosure and inquiry contacts, the assessment procedure.

Found by meaning (forms.py): a 全項目評価書 prints them as Ⅳ, Ⅴ and Ⅵ; a 重点項目評価書 prints its audit and
training as Ⅲ-8, Ⅲ-9 (per file), the contacts as Ⅳ and the procedure as Ⅴ; a 基礎項目評価書 prints the contacts
as Ⅰ-7, Ⅰ-8.
"""

from __future__ import annotations

from loaders.extract.blocks import FormBlocks, Path, bare_label, meaningful
from loaders.extract.files import file_paths
from loaders.extract.values import chosen, yes_no
from loaders.model import ContactPoint, OtherMeasure, PartialDate, ProcedureStep
from loaders.normalize.dates import find_dates, parse_wareki

# (part, label of the rated field, label of its text, kind)
_MEASURES = (
    ("audit", "①自己点検", "具体的なチェック方法", "自己点検"),
    ("audit", "②監査", "具体的な内容", "監査"),
    ("training", "従業者に対する教育・啓発", "具体的な方法", "従業者に対する教育・啓発"),
)


def _paths(form: FormBlocks, meaning: str) -> list[Path]:
    """Where a part is printed: once, or once per file (the focused form's audit and training)."""
    if form.parts.per_file(meaning):
        section = form.section("risks")
        found = [form.path(meaning, file) for _, file in file_paths(form, section)] if section else []
    else:
        found = [form.path(meaning)]
    return [path for path in found if path is not None]


def extract_other_measures(form: FormBlocks) -> tuple[OtherMeasure, ...]:
    measures = []
    for meaning, rated, described, kind in _MEASURES:
        paths = _paths(form, meaning)
        path = next((p for p in paths if form.find_all(p, rated)), paths[0] if paths else None)
        if path is None:
            continue  # not a part of this form
        blocks = form.at(path)
        rated_block = next((b for b in blocks if bare_label(b.label) == bare_label(rated)), None)
        if rated_block is None:
            form.warn(f"{'/'.join(path)} {rated}: not found", form.location(path))
            continue
        after = blocks[blocks.index(rated_block) + 1 :]
        text_block = next((b for b in after if bare_label(b.label) == bare_label(described)), None)
        rating = chosen(rated_block.value)
        if rating is None:
            form.warn(f"{'/'.join(path)} {rated}: the rating cannot be read", form.block_location(rated_block))
        measures.append(
            OtherMeasure(
                kind=kind,
                text=meaningful(text_block.value) if text_block else None,
                rating=rating,
                location=form.location(path, [rated_block, text_block]),
            )
        )
    for path in _paths(form, "other-measures"):
        other = form.free_text(path)
        if other:
            measures.append(OtherMeasure("その他", other, None, form.location(path)))
    return tuple(measures)


def extract_serious_incident(form: FormBlocks) -> tuple[bool | None, str | None]:
    """重大事故 in the recent years (Ⅲ-7 ⑨ in current forms, Ⅳ in older ones): (occurred, text)."""
    for section in ("Ⅲ", "Ⅳ"):
        blocks = form.under((section,))
        for index, block in enumerate(blocks):
            if "重大事故" in block.label and "発生" in block.label:
                occurred = yes_no(block.value, "発生あり", "発生なし")
                if occurred is None:
                    form.warn("重大事故: the chosen option cannot be read", form.block_location(block))
                details = [
                    f"{b.label}: {b.value}"
                    for b in blocks[index + 1 : index + 3]
                    if bare_label(b.label) in ("その内容", "再発防止策の内容") and meaningful(b.value)
                ]
                details.extend(_incident_annex(form) if any("別紙" in d for d in details) else [])
                return occurred, "\n".join(details) or None
    form.warn("重大事故: field not found", None)
    return None, None


def _incident_annex(form: FormBlocks) -> list[str]:
    """The text of the 別紙 on serious incidents that ⑨'s answer refers to, when the document has it."""
    labels = {b.headings[0] for b in form.blocks if b.headings and "重大事故" in b.headings[0]}
    return [b.value for label in sorted(labels) for b in form.under((label,)) if b.label in ("", "row")]


def extract_contacts(form: FormBlocks) -> tuple[ContactPoint, ...]:
    contacts = []
    for kind, label in (("disclosure", "①請求先"), ("inquiry", "①連絡先")):
        path = form.path(kind)
        if path is None:
            continue
        block = form.find(path, label)
        text = form.value(path, label)
        if text and block:
            contacts.append(ContactPoint(kind, text, form.block_location(block)))  # type: ignore[arg-type]
    return tuple(contacts)


def extract_procedure(form: FormBlocks) -> tuple[ProcedureStep, ...]:
    steps = []
    threshold = form.path("threshold")
    if threshold and form.under(threshold):
        steps.append(
            ProcedureStep(
                kind="threshold",
                date=_date(form, threshold, "①実施日"),
                text=chosen(form.value(threshold, "②しきい値判断結果")),
                location=form.location(threshold),
                result=chosen(form.value(threshold, "②しきい値判断結果", required=False)),
            )
        )
    comment = form.path("public-comment")
    if comment and form.under(comment):
        period = form.value(comment, "②実施日・期間")
        dates = find_dates(period) if period else []
        steps.append(
            ProcedureStep(
                kind="public-comment",
                date=dates[0][0] if dates else None,
                text=period,
                location=form.location(comment),
                method=form.value(comment, "①方法", required=False),
                opinions=form.value(comment, "④主な意見の内容", required=False),
                result=form.value(comment, "⑤評価書への反映", required=False),
            )
        )
    review = form.path("third-party-review")
    if review and form.under(review):
        steps.append(
            ProcedureStep(
                kind="third-party-review",
                date=_date(form, review, "①実施日", required=False),
                text=form.value(review, "②方法", required=False),
                location=form.location(review),
                method=form.value(review, "②方法", required=False),
                result=form.value(review, "③結果", required=False),
            )
        )
    return tuple(steps)


def _date(form: FormBlocks, path: Path, label: str, required: bool = True) -> PartialDate | None:
    text = form.value(path, label, required=required)
    value = parse_wareki(text) if text else None
    if value is None and text:
        dates = find_dates(text)
        value = dates[0][0] if dates else None
    if text and value is None:
        form.warn(f"{label}: no date in {text!r}", form.location(path))
    return value
