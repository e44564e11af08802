"""The cover page (表紙): kind, number, title, form version, declaration, body, dates."""

from __future__ import annotations

import re
from datetime import date

from loaders.extract.blocks import FormBlocks, meaningful
from loaders.model import Cover
from loaders.normalize.dates import parse_wareki
from loaders.normalize.names import split_local_government

COVER = ("表紙",)
_FORM_VERSION = re.compile(r"[\[［]?\s*((?:平成|令和)\s*(?:\d+|元)\s*年\s*\d+\s*月)\s*(様式\s*\d+)\s*[\]］]?")


def extract_cover(form: FormBlocks) -> Cover:
    location = form.location(COVER)
    body = form.value(COVER, "評価実施機関名")
    prefecture, local_government = split_local_government(body) if body else (None, None)
    approval = form.value(
        COVER, "個人情報保護委員会承認日【行政機関等のみ】", "個人情報保護委員会承認日", required=False
    )
    published_text = form.value(COVER, "公表日")
    published = parse_wareki(published_text) if published_text else None
    if published_text and published is None:
        form.warn(f"公表日: no date in {published_text!r}", location)
    approval_date = parse_wareki(approval) if approval else None
    return Cover(
        form=form.segmented.form,
        number=form.value(COVER, "評価書番号"),
        title=form.value(COVER, "評価書名"),
        form_version=_form_version(form),
        declaration=form.value(COVER, "個人のプライバシー等の権利利益の保護の宣言"),
        special_notes=form.value(COVER, "特記事項", required=False),
        assessing_body=body,
        local_government=local_government,
        prefecture=prefecture,
        approval_date=approval_date if isinstance(approval_date, date) else None,
        published=published if isinstance(published, date) else None,
        location=location,
    )


def _form_version(form: FormBlocks) -> str | None:
    """``[平成30年5月 様式4]`` printed anywhere on the cover."""
    for block in form.under(COVER):
        match = _FORM_VERSION.search(meaningful(block.value) or "")
        if match:
            return f"{match.group(1).replace(' ', '')} {match.group(2).replace(' ', '')}"
    return None
