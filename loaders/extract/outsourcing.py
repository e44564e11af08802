"""Ⅱ-4 委託 (found by meaning, forms.py): whether the file is outsourced, the declared count and every 委託事項N."""

from __future__ import annotations

from loaders.extract.blocks import FormBlocks, Path
from loaders.extract.files import checked, choice
from loaders.extract.values import declared_count, yes_no
from loaders.model import Outsourcing

_SCOPE_PREFIX = "特定個人情報ファイルの"


def extract_outsourcing(form: FormBlocks, path: Path) -> tuple[int | None, tuple[Outsourcing, ...]]:
    """(declared count, listed items) of a file's Ⅱ-4."""
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
    items = tuple(_item(form, section, no) for no in numbers)
    if declared is not None and declared != len(items):
        form.warn(f"委託: {declared} declared, {len(items)} listed", form.location(section))
    return declared, items


def _item(form: FormBlocks, section: Path, no: int) -> Outsourcing:
    path = (*section, f"委託事項{no}")
    methods, method_note = checked(form, path, "④委託先への特定個人情報ファイルの提供方法")
    scope = choice(form, path, "②取扱いを委託する特定個人情報ファイルの範囲")
    subcontract_text = form.value(path, "⑦再委託の有無")
    subcontracting = yes_no(subcontract_text, "再委託する", "再委託しない")
    if subcontract_text and subcontracting is None:
        form.warn("⑦再委託の有無: the chosen option cannot be read", form.location(path))
    return Outsourcing(
        no=no,
        title=form.free_text(path),
        task=form.text(path, "①委託内容"),
        file_scope=scope.removeprefix(_SCOPE_PREFIX) if scope else None,
        subject_count_range=choice(form, path, "対象となる本人の数"),
        subject_scope=form.text(path, "対象となる本人の範囲"),
        handler_count_range=choice(form, path, "③委託先における取扱者数"),
        methods=methods,
        method_note=method_note,
        confirmation=form.text(path, "⑤委託先名の確認方法"),
        contractor=form.text(path, "⑥委託先名"),
        subcontracting=subcontracting,
        subcontract_permission=form.text(path, "⑧再委託の許諾方法", required=bool(subcontracting)),
        subcontracted_task=form.text(path, "⑨再委託事項", required=bool(subcontracting)),
        location=form.location(path),
    )
