"""Segmenting stage: SourceDocument -> SegmentedDocument (labelled blocks, see SEGMENTS in docs/loaders.md).

``segment(doc)`` detects the export layout and hands the document to that layout's segmenter module; the form
reader (``form_reader.py``) reads the cover and section Ⅰ from the text by the form's template, whatever the
layout, and its reading travels with the segmented document.

Adding a layout:
1. write ``loaders/segment/<layout>.py`` with ``segment(doc: SourceDocument) -> SegmentedDocument`` that emits
   the shared Block vocabulary (headings 表紙/Ⅰ..Ⅵ/ファイルK/N/提供先N..., labels as printed, ``row``/``header``
   blocks for annex tables) and nothing else; the extractor must not need to know the layout;
2. add its Layout name to ``loaders.model.Layout`` and one line to ``SEGMENTERS`` below;
3. teach ``detect_layout`` how to recognise it (cheap tests on the text only).
"""

from __future__ import annotations

import importlib
from dataclasses import replace

from loaders.model import Layout, SegmentedDocument, SourceDocument
from loaders.segment.cells import detect_style
from loaders.segment.form_reader import read_form

# layout -> module exposing ``segment(doc) -> SegmentedDocument``
SEGMENTERS: dict[Layout, str] = {
    "html-cells": "loaders.segment.cells",
    "markdown-cells": "loaders.segment.cells",
    "pdf-text": "loaders.segment.pdf_text",
}


def detect_layout(doc: SourceDocument) -> Layout:
    """The export layout: TAB-separated cells (html or markdown flavour), otherwise PDF text."""
    return detect_style(doc.text) or "pdf-text"


def segment(doc: SourceDocument) -> SegmentedDocument:
    """Cut ``doc`` into the form's labelled blocks with the segmenter of its layout."""
    layout = detect_layout(doc)
    if layout not in SEGMENTERS:
        raise ValueError(f"no segmenter registered for layout {layout!r} ({doc.name})")
    module = importlib.import_module(SEGMENTERS[layout])
    segmented: SegmentedDocument = module.segment(doc)
    reading = read_form(doc.text)
    return replace(segmented, reading=reading, form=segmented.form or reading.form)
