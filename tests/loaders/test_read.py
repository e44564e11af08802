"""Reading stage: encodings detected (never assumed), bad files rejected with the file named, PDFs."""

from __future__ import annotations

import codecs
import hashlib
import io
from pathlib import Path

import pytest

from loaders.model import SourceDocument
from loaders.read import ReadError, check_is_assessment, decode_bytes, read_document

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")


def corpus_excerpt() -> str:
    """Real corpus lines holding ①②, ～ and full-width digits (or a fixed sample without the corpus)."""
    if not CORPUS.is_dir():
        return "①法令上の根拠 番号法第１９条第８号\n②提供先における用途 ～ 特定個人情報保護評価書\n"
    lines = (CORPUS / "000_f28069411e69241a.txt").read_text(encoding="utf-8").splitlines()
    picked = [line for line in lines if "①" in line][:20]
    picked += [line for line in lines if "～" in line][:5]
    picked += [line for line in lines if "１９条" in line][:5]
    return "\n".join(picked) + "\n"


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("cp932", "cp932"), ("euc-jp", "euc-jp"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")],
)
def test_each_encoding_round_trips_corpus_text(tmp_path: Path, codec: str, expected: str) -> None:
    text = corpus_excerpt()
    assert "①" in text and "～" in text
    path = tmp_path / f"sample.{codec}.txt"
    # euc-jp has no ①: that codec gets the excerpt without the characters it cannot encode
    sample = text if codec != "euc-jp" else text.encode("euc-jp", errors="ignore").decode("euc-jp")
    path.write_bytes(sample.encode(codec))
    document = read_document(path)
    assert document.text == sample
    assert document.encoding == expected
    assert document.name == path.name
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_utf16_without_bom_is_detected_by_nul_pattern(tmp_path: Path) -> None:
    text = corpus_excerpt()
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        document = read_document(path)
        assert (document.text, document.encoding) == (text, codec)


def test_cp932_is_used_not_shift_jis() -> None:
    raw = "①特定個人情報ファイル②".encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("shift_jis")
    assert decode_bytes(raw) == ("①特定個人情報ファイル②", "cp932")


def test_newlines_normalised_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("評価書\r\n  ①\t値 \r二行目\n".encode())
    assert read_document(path).text == "評価書\n  ①\t値 \n二行目\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b" \n\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(1, 9)) * 200, "binary"),
        (b"\xa4\xff\x81\xff" * 50, "undecodable"),
    ],
)
def test_bad_files_raise_read_error_naming_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "broken-file.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert "broken-file.txt" in str(error.value)
    assert reason in str(error.value)
    assert error.value.path == path


def test_missing_file_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"missing\.txt"):
        read_document(tmp_path / "missing.txt")


def test_check_is_assessment() -> None:
    good = SourceDocument("a.txt", "0", "utf-8", "特定個人情報保護評価書(全項目評価書)")
    check_is_assessment(good)
    with pytest.raises(ReadError, match=r"b\.txt: not an assessment"):
        check_is_assessment(SourceDocument("b.txt", "0", "utf-8", "議事録 令和7年6月6日"))


@needs_corpus
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_corpus_documents_read_as_utf8_assessments(path: Path) -> None:
    document = read_document(path)
    check_is_assessment(document)
    assert document.encoding == "utf-8"
    assert document.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert document.media_type == "text/plain"


# ----------------------------------------------------------------------------- PDF


def _reportlab_pdf(lines: list[str]) -> bytes:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(buffer)
    for page in (lines[:1], lines[1:]):
        canvas.setFont("HeiseiMin-W3", 12)
        for row, line in enumerate(page):
            canvas.drawString(72, 720 - 20 * row, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _raw_pdf(content_stream: bytes, font: bytes | None) -> bytes:
    """A minimal one-page PDF written by hand (for cases reportlab will not produce)."""
    resources = b"<< /Font << /F1 5 0 R >> >>" if font else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content_stream) + content_stream + b"\nendstream",
    ]
    if font:
        objects += [
            b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZ /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            font,
        ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_layer_is_extracted_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "assessment.pdf"
    path.write_bytes(_reportlab_pdf(["特定個人情報保護評価書（全項目評価書）①②", "番号法第１９条第８号"]))
    document = read_document(path)
    assert (document.encoding, document.media_type) == ("pdf-text", "application/pdf")
    assert "特定個人情報保護評価書（全項目評価書）①②" in document.text
    assert "番号法第１９条第８号" in document.text
    assert document.text.index("①②") < document.text.index("番号法")
    check_is_assessment(document)


def test_pdf_without_text_layer_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scanned.pdf"
    path.write_bytes(_raw_pdf(b"0 0 m 100 100 l S", font=None))
    with pytest.raises(ReadError, match=r"scanned\.pdf: PDF without a text layer"):
        read_document(path)


def test_pdf_with_cid_garbage_is_rejected(tmp_path: Path) -> None:
    font = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    path = tmp_path / "nomap.pdf"
    path.write_bytes(_raw_pdf(b"BT /F1 12 Tf 72 720 Td <0102030405060708090A> Tj ET", font=font))
    with pytest.raises(ReadError, match=r"nomap\.pdf: .*\(cid:NN\)"):
        read_document(path)


def test_broken_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.4\n" + codecs.BOM_UTF8 + b"garbage")
    with pytest.raises(ReadError, match=r"truncated\.pdf"):
        read_document(path)
