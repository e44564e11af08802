"""Ⅱ-4 委託 (found by meaning, forms.py): whether the file is outsourced, the declared count and every 委託事項N.

The 全項目評価書 asks nine questions of each item (①委託内容 … ⑥委託先名, ⑦再委託の有無 …); the 重点項目評価書
six (①委託内容, ②委託先における取扱者数, ③委託先名, ④再委託の有無, ⑤再委託の許諾方法, ⑥再委託事項). Labels are
matched without their circled numbers; the warnings name the fields as the document's form prints them, and a
field the form does not ask is neither read nor reported missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extract.blocks import FormBlocks, Path
from loaders.extract.files import checked, choice
from loaders.extract.values import declared_count, yes_no
from loaders.model import Outsourcing

_SCOPE_PREFIX = "特定個人情報ファイルの"


@dataclass(frozen=True)
class _Labels:
    """The labels one form prints in a 委託事項 (None: the form does not ask it)."""

    handlers: str
    contractor: str
    subcontracting: str
    permission: str
    subcontracted_task: str
    scope: str | None = None
    methods: str | None = None
    confirmation: str | None = None


_FULL = _Labels(
    handlers="③委託先における取扱者数",
    contractor="⑥委託先名",
    subcontracting="⑦再委託の有無",
    permission="⑧再委託の許諾方法",
    subcontracted_task="⑨再委託事項",
    scope="②取扱いを委託する特定個人情報ファイルの範囲",
    methods="④委託先への特定個人情報ファイルの提供方法",
    confirmation="⑤委託先名の確認方法",
)
_FOCUSED = _Labels(
    handlers="②委託先における取扱者数",
    contractor="③委託先名",
    subcontracting="④再委託の有無",
    permission="⑤再委託の許諾方法",
    subcontracted_task="⑥再委託事項",
)


def extract_outsourcing(form: FormBlocks, path: Path) -> tuple[int | None, tuple[Outsourcing, ...]]:
    """(declared count, listed items in number order) of a file's Ⅱ-4."""
    section = form.path("outsourcing", path) or (*path, "4")
    if not form.under(section):
        form.warn("4. 特定個人情報ファイルの取扱いの委託: not found", form.location(path))
        return None, ()
    flag = form.value(section, "委託の有無")
    outsourced = yes_no(flag, "委託する", "委託しない")
    declared = declared_count(flag, "") if flag else None
    if outsourced is None:
        form.warn("委託の有無: the chosen option cannot be read", form.location(section))
    if outsourced is False:
        declared = 0
    numbers = form.item_numbers(section, "委託事項")
    form.check_numbering("委託事項", numbers, form.location(section))
    labels = _FOCUSED if form.parts.form == "focused" else _FULL
    items = tuple(_item(form, section, no, labels) for no in sorted(numbers))
    if declared is not None and declared != len(items):
        form.warn(f"委託: {declared} declared, {len(items)} listed", form.location(section))
    return declared, items


def _item(form: FormBlocks, section: Path, no: int, labels: _Labels) -> Outsourcing:
    path = (*section, f"委託事項{no}")
    methods, method_note = checked(form, path, labels.methods) if labels.methods else (None, None)
    scope = choice(form, path, labels.scope) if labels.scope else None
    subcontract_text = form.value(path, labels.subcontracting)
    subcontracting = yes_no(subcontract_text, "再委託する", "再委託しない")
    if subcontract_text and subcontracting is None:
        form.warn(f"{labels.subcontracting}: the chosen option cannot be read", form.location(path))
    asks_subjects = labels.scope is not None
    return Outsourcing(
        no=no,
        title=form.free_text(path),
        task=form.text(path, "①委託内容"),
        file_scope=scope.removeprefix(_SCOPE_PREFIX) if scope else None,
        subject_count_range=choice(form, path, "対象となる本人の数") if asks_subjects else None,
        subject_scope=form.text(path, "対象となる本人の範囲") if asks_subjects else None,
        handler_count_range=choice(form, path, labels.handlers),
        methods=methods,
        method_note=method_note,
        confirmation=form.text(path, labels.confirmation) if labels.confirmation else None,
        contractor=form.text(path, labels.contractor),
        subcontracting=subcontracting,
        subcontract_permission=form.text(path, labels.permission, required=bool(subcontracting)),
        subcontracted_task=form.text(path, labels.subcontracted_task, required=bool(subcontracting)),
        location=form.location(path),
    )
