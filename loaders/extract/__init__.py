"""Extracting stage: SegmentedDocument -> AssessmentRecord.

One module per part of the form; each reads Blocks only (headings, label, value, span), never raw lines, so
every layout's segmenter feeds the same code:

- forms.py: where each part is printed in the full, focused and basic forms; every module asks for a part by
  meaning (``form.path("number-use")``, ``form.section("files")``), never by a fixed number;
- cover.py (表紙), basic.py (Ⅰ), files.py (Ⅱ basics, acquisition, use, storage, record items annex),
  outsourcing.py (Ⅱ-4), flows.py (Ⅱ-5 and annex expansion), annexes.py (別紙 tables), risks.py (Ⅲ),
  other.py (Ⅳ, Ⅴ, Ⅵ), changes.py (別添3);
- blocks.py (lookup by heading path and label, provenance, warnings) and values.py (chosen options,
  ticked checkboxes, declared counts).

Unreadable fields are None and produce a Warning naming the field and its Location; the record's
``warnings`` also carry the segmenter's. To support a new layout nothing here changes: the layout's
segmenter must emit the shared Block vocabulary (see loaders/segment/__init__.py).
"""

from __future__ import annotations

from loaders.extract.annexes import extract_annexes
from loaders.extract.basic import extract_basic
from loaders.extract.blocks import FormBlocks
from loaders.extract.changes import extract_changes
from loaders.extract.cover import extract_cover
from loaders.extract.crosscheck import attribute_from_changes
from loaders.extract.files import acquisition, basic_facts, file_name, file_paths, record_items, storage, use
from loaders.extract.flows import extract_flows
from loaders.extract.other import extract_contacts, extract_other_measures, extract_procedure, extract_serious_incident
from loaders.extract.outsourcing import extract_outsourcing
from loaders.extract.risks import extract_risks
from loaders.model import Annex, AssessmentRecord, FileRecord, SegmentedDocument


def extract(segmented: SegmentedDocument) -> AssessmentRecord:
    """Every part of the form that can be read from ``segmented``."""
    form = FormBlocks(attribute_from_changes(segmented) if segmented.layout == "pdf-text" else segmented)
    cover = extract_cover(form)
    municipality = cover.local_government
    annexes = extract_annexes(form, municipality)
    serious_incident, serious_incident_text = extract_serious_incident(form)
    return AssessmentRecord(
        source=segmented.source,
        layout=segmented.layout,
        cover=cover,
        basic=extract_basic(form, municipality, cover.title),
        files=_files(form, annexes, municipality),
        risks=extract_risks(form),
        other_measures=extract_other_measures(form),
        serious_incident=serious_incident,
        serious_incident_text=serious_incident_text,
        contacts=extract_contacts(form),
        procedure=extract_procedure(form),
        changes=extract_changes(form),
        annexes=annexes,
        warnings=(*segmented.warnings, *form.warnings),
        reading=segmented.reading,
    )


def _files(form: FormBlocks, annexes: tuple[Annex, ...], municipality: str | None) -> tuple[FileRecord, ...]:
    section = form.section("files")
    paths = file_paths(form, section) if section else []
    if section and not paths:
        form.warn(f"{section}: no 特定個人情報ファイル found", form.location((section,)))
    names = {no: file_name(form, path) for no, path in paths}
    items = record_items(form, {no: name for no, name in names.items() if name})
    records = []
    for no, path in paths:
        name = names[no]
        if name is None:
            form.warn("1. 特定個人情報ファイル名: not found", form.location(path))
        outsourcing_declared, outsourcing = extract_outsourcing(form, path)
        provision_declared, transfer_declared, flows = extract_flows(form, path, annexes, municipality)
        records.append(
            FileRecord(
                no=no,
                name=name or "",
                **basic_facts(form, path),  # type: ignore[arg-type]
                acquisition=acquisition(form, path),
                use=use(form, path),
                outsourcing_declared=outsourcing_declared,
                outsourcing=outsourcing,
                provision_declared=provision_declared,
                transfer_declared=transfer_declared,
                flows=flows,
                storage=storage(form, path),
                record_items=tuple(i for part in items.values() for i in part)
                if len(paths) == 1
                else items.get(no, ()),
                location=form.location(path),
            )
        )
    if len(paths) > 1 and items.get(None):
        annex = form.path("record-items") or ()
        message = f"{'/'.join(annex)}: record items not assigned (several files, no caption naming the file)"
        form.warn(message, form.location(annex))
    return tuple(records)
