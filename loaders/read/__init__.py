"""Reading stage: bytes -> SourceDocument (decoded text; PDF text layer extracted)."""

from loaders.read.reader import ReadError, check_is_assessment, decode_bytes, read_document

__all__ = ["ReadError", "check_is_assessment", "decode_bytes", "read_document"]
