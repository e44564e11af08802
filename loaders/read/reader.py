"""Decode a published assessment into text, detecting the encoding; never assume one.

Order: BOM (UTF-8-sig, UTF-16 LE/BE), strict UTF-8, UTF-16 without BOM (NUL byte pattern), strict cp932
(never Python's ``shift_jis``: it fails on ①), strict EUC-JP. PDF files (%PDF- magic) go through their
text layer instead. Newlines become LF; nothing else in the text changes, because line numbers are provenance.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from loaders.model import SourceDocument
from loaders.normalize.folding import fold
from loaders.read.errors import ReadError, normalise_newlines
from loaders.read.pdf import PDF_MAGIC, extract_pdf_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
_ASSESSMENT_MARKERS = ("特定個人情報", "評価書")


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes (from ASCII characters: newlines, digits, spaces)
    all sit on one side of the 2-byte code units and the bytes decode strictly."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_nuls = raw[0::2].count(0)
    odd_nuls = raw[1::2].count(0)
    units = len(raw) // 2
    for codec, nuls, others in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nuls >= max(2, units * 0.01) and others <= nuls * 0.05 and _try(raw, codec) is not None:
            return codec
    return None


def _try(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_bytes(raw: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """(text, codec) for the raw bytes of a text file; ReadError when empty, binary or undecodable."""
    if not raw.strip():
        raise ReadError(path, "the file is empty")
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    candidates: list[str] = [codec for bom, codec in boms if raw.startswith(bom)]
    if not candidates:
        utf16 = _utf16_without_bom(raw)
        if utf16:
            candidates = [utf16]
        elif b"\x00" in raw:
            raise ReadError(path, "binary content: NUL bytes that are not UTF-16 text")
        else:
            candidates = ["utf-8", "cp932", "euc-jp"]
    for codec in candidates:
        text = _try(raw, codec)
        if text is None:
            continue
        if len(_CONTROL.findall(text)) > max(1, len(text) * _MAX_CONTROL_RATIO):
            raise ReadError(path, f"binary content: too many control characters when decoded as {codec}")
        return normalise_newlines(text), codec
    raise ReadError(path, f"undecodable: not valid {', '.join(candidates)}")


def read_document(path: Path) -> SourceDocument:
    """Read one assessment file (text in any supported encoding, or PDF with a text layer)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReadError(path, f"cannot open the file ({error.strerror})") from error
    digest = hashlib.sha256(raw).hexdigest()
    if raw.startswith(PDF_MAGIC):
        text = extract_pdf_text(raw, path)
        return SourceDocument(
            name=path.name, sha256=digest, encoding="pdf-text", text=text, media_type="application/pdf"
        )
    text, codec = decode_bytes(raw, path)
    return SourceDocument(name=path.name, sha256=digest, encoding=codec, text=text)


def check_is_assessment(document: SourceDocument) -> None:
    """ReadError unless the text carries the markers of a 特定個人情報保護評価書."""
    folded = fold(document.text)
    missing = [marker for marker in _ASSESSMENT_MARKERS if fold(marker) not in folded]
    if missing:
        raise ReadError(document.name, f"not an assessment: no {'/'.join(missing)} in the text")
