"""Text layer of a PDF, page by page, with pdfplumber's layout-preserving extraction."""

from __future__ import annotations

import io
import re
from pathlib import Path

from loaders.read.errors import ReadError, normalise_newlines

PDF_MAGIC = b"%PDF-"
_CID = re.compile(r"\(cid:\d+\)")
_MAX_CID_SHARE = 0.3


def extract_pdf_text(raw: bytes, path: Path) -> str:
    """The text of every page, pages joined by a newline; ReadError when there is no usable text layer."""
    import pdfplumber  # imported here: heavy, and only PDFs need it
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text(layout=True) or "")
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise ReadError(path, f"broken PDF ({error})") from error
    text = normalise_newlines("\n".join(pages))
    visible = re.sub(r"\s", "", text)
    if not visible:
        raise ReadError(path, "PDF without a text layer (scanned image?): OCR is needed")
    cid_chars = sum(len(match) for match in _CID.findall(visible))
    if cid_chars > len(visible) * _MAX_CID_SHARE:
        raise ReadError(path, "PDF text layer is (cid:NN) codes: its fonts have no Unicode map")
    return text
