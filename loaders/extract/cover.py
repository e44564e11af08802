"""The cover page (表紙): kind, number, title, form version, declaration, body, dates.

Every value comes from the form reader's reading (``SegmentedDocument.reading``), which placed it by the form's
template whatever the layout; the fields it left unread are reported with its reason.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from loaders.extract.blocks import FormBlocks
from loaders.forms import form as form_template
from loaders.model import Cover, FormReading
from loaders.normalize.dates import parse_wareki
from loaders.normalize.names import split_local_government

COVER = ("表紙",)


def extract_cover(form: FormBlocks) -> Cover:
    location = form.location(COVER)
    reading = form.segmented.reading or FormReading(None, None, None, (), (), "表紙", ())
    for unread in reading.unread:
        if unread.key.startswith("cover.") and unread.reason != "printed empty":
            form.warn(f"表紙 {unread.key.removeprefix('cover.')}: unread ({unread.reason})", location)
    body = reading.text("cover.assessing_body")
    prefecture, local_government = split_local_government(body.split()[0]) if body else (None, None)
    number = reading.text("cover.number")
    return Cover(
        form=form.segmented.form,
        number=unicodedata.normalize("NFKC", number) if number else None,
        title=reading.text("cover.title"),
        form_version=_form_version(form, reading),
        declaration=reading.text("cover.declaration"),
        special_notes=reading.text("cover.special_notes"),
        assessing_body=body,
        local_government=local_government,
        prefecture=prefecture,
        approval_date=_date(form, reading, "cover.approval_date"),
        published=_date(form, reading, "cover.published"),
        location=location,
    )


def _date(form: FormBlocks, reading: FormReading, key: str) -> date | None:
    text = reading.text(key)
    value = parse_wareki(text) if text else None
    if text and not isinstance(value, date):
        form.warn(f"表紙 {key.removeprefix('cover.')}: no date in {text!r}", form.location(COVER))
    return value if isinstance(value, date) else None


def _form_version(form: FormBlocks, reading: FormReading) -> str | None:
    """``平成30年5月 様式4``: the version the stamp prints and the form's 様式 number."""
    kind = form.segmented.form
    if reading.version is None or kind is None:
        return None
    return f"{reading.version} 様式{form_template(kind).style}"
