"""Ⅱ-5 提供・移転: declared counts, every 提供先N/移転先N with ①..⑦, and the expansion of annex references.

A listed flow whose recipient or ①法令上の根拠 points to an annex (``(Ⅱ-5別紙参照)``, ``(別紙1参照)``) is kept
(with ``annex`` set) and every row of that annex becomes a flow of the same kind and number, the row's
情報照会者 as recipient, the row's table item as legal basis (an item of the table the annex title names, else of
the table the listed flow's ①法令上の根拠 names) and the row's 用途 as purpose; the other fields
(information, people, method, timing) are those the listed flow states for all of them.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.citations import annex_reference
from loaders.extract.basic import merged_citation
from loaders.extract.blocks import FormBlocks, Path
from loaders.extract.files import checked, choice
from loaders.extract.values import declared_count
from loaders.model import Annex, Citation, Flow, FlowKind, ProvisionRef
from loaders.normalize.numbers import normalise_item_number

_KINDS: tuple[tuple[FlowKind, str, str], ...] = (("provision", "提供先", "提供"), ("transfer", "移転先", "移転"))


def extract_flows(
    form: FormBlocks, path: Path, annexes: tuple[Annex, ...], municipality: str | None
) -> tuple[int | None, int | None, tuple[Flow, ...]]:
    """(provisions declared, transfers declared, flows) of a file's Ⅱ-5."""
    section = form.path("flows", path) or (*path, "5")
    if not form.under(section):
        form.warn("5. 特定個人情報の提供・移転: not found", form.location(path))
        return None, None, ()
    flag = form.value(section, "提供・移転の有無")
    declared = {
        "provision": declared_count(flag, "提供を行っている"),
        "transfer": declared_count(flag, "移転を行っている"),
    }
    flows: list[Flow] = []
    for kind, heading, verb in _KINDS:
        numbers = form.item_numbers(section, heading)
        form.check_numbering(heading, numbers, form.location(section))
        listed = [_flow(form, section, kind, heading, verb, no, municipality) for no in numbers]
        expanded: list[Flow] = []
        for flow in listed:
            expanded.append(flow)
            expanded.extend(_expand(form, flow, annexes))
        rows = [f for f in expanded if f.annex_row is not None]
        read = len(rows) + sum(1 for f in listed if f.no not in {row.no for row in rows})
        if declared[kind] is not None and declared[kind] != read:
            form.warn(f"{heading}: {declared[kind]} declared, {read} read", form.location(section))
        if declared[kind] is None and listed:
            form.warn(f"{heading}: count not declared in 提供・移転の有無", form.location(section))
        flows.extend(expanded)
    return declared["provision"], declared["transfer"], tuple(flows)


def _flow(
    form: FormBlocks, section: Path, kind: FlowKind, heading: str, verb: str, no: int, municipality: str | None
) -> Flow:
    path = (*section, f"{heading}{no}")
    location = form.location(path)
    recipient = form.free_text(path)
    if recipient is None:
        form.warn(f"{heading}{no}: recipient not found", location)
    basis_block = form.find(path, "①法令上の根拠")
    basis_text = form.value(path, "①法令上の根拠")
    basis = None
    if basis_text and basis_block:
        basis = merged_citation(basis_text, form.block_location(basis_block), municipality)
        if basis is None:
            form.warn(f"{heading}{no} ①法令上の根拠: no provision recognised", form.block_location(basis_block))
    methods, method_note = checked(form, path, f"⑥{verb}方法")
    annex = annex_reference(recipient or "") or annex_reference(basis_text or "")
    return Flow(
        kind=kind,
        no=no,
        recipient=recipient,
        legal_basis=basis,
        purpose=form.text(path, f"②{heading}における用途"),
        information=form.text(path, f"③{verb}する情報"),
        subject_count_range=choice(form, path, f"④{verb}する情報の対象となる本人の数"),
        subject_scope=form.text(path, f"⑤{verb}する情報の対象となる本人の範囲"),
        methods=methods,
        method_note=method_note,
        timing=form.text(path, "⑦時期・頻度"),
        annex=annex,
        annex_row=None,
        location=location,
    )


def _expand(form: FormBlocks, flow: Flow, annexes: tuple[Annex, ...]) -> list[Flow]:
    if flow.annex is None:
        return []
    annex = next((a for a in annexes if _same_annex(a.label, flow.annex)), None)
    if annex is None:
        form.warn(f"{flow.annex} referenced by {flow.kind} {flow.no} but not found", flow.location)
        return []
    table = _unitemised_table(flow.legal_basis)
    return [
        replace(
            flow,
            recipient=row.recipient,
            legal_basis=_row_basis(form, row.legal_basis, table),
            purpose=row.purpose,
            information=row.information or flow.information,
            annex=annex.label,
            annex_row=row.no,
            location=row.location,
        )
        for row in annex.rows
    ]


def _unitemised_table(basis: Citation | None) -> ProvisionRef | None:
    """The table the flow's ①法令上の根拠 names without an item (「…主務省令第2条の表」, 「番号法第9条第1項別表」)."""
    if basis is None:
        return None
    return next((p for p in basis.provisions if p.table is not None and p.table_item is None), None)


def _row_basis(form: FormBlocks, basis: Citation | None, table: ProvisionRef | None) -> Citation | None:
    """An annex row's basis; a bare item number (the annex title names no table) is an item of ``table``."""
    if basis is None or basis.provisions or table is None:
        return basis
    item = normalise_item_number(basis.text)
    if item is None:
        form.warn(f"法令上の根拠(項番) {basis.text!r}: no table item recognised", basis.location)
        return basis
    return replace(basis, provisions=(replace(table, table_item=item),))


def _same_annex(label: str, reference: str) -> bool:
    return label.replace(" ", "") == reference.replace(" ", "")
