"""The laws, orders and ordinances citations name, and how names resolve to one LawRef.

Only the e-Gov law ID of 番号法 is used: other laws are keyed by their normalised Japanese name.
"""

from __future__ import annotations

import re

from loaders.model import LawRef
from loaders.normalize.names import split_local_government
from loaders.normalize.text import normalise_name

BANGO_FULL_NAME = "行政手続における特定の個人を識別するための番号の利用等に関する法律"

BANGO_ACT = LawRef(key="425AC0000000027", name=BANGO_FULL_NAME, kind="act", short_name="番号法")
# 番号法第19条第8号に基づく利用特定個人情報の提供に関する命令 (2024-); documents also call it 主務省令.
PROVISION_ORDER = LawRef(
    key="bango-19-8-order",
    name=f"{BANGO_FULL_NAME}第十九条第八号に基づく利用特定個人情報の提供に関する命令",
    kind="order",
    short_name="番号法第19条第8号に基づく利用特定個人情報の提供に関する命令",
)
# 番号法別表の主務省令で定める事務を定める命令 (平成26年内閣府・総務省令第5号; before 2024: 別表第一の…).
AFFAIRS_ORDER = LawRef(
    key="bango-appendix-affairs-order",
    name=f"{BANGO_FULL_NAME}別表の主務省令で定める事務を定める命令",
    kind="order",
    short_name="番号法別表の主務省令で定める事務を定める命令",
)
# Before 2024: 番号法別表第二の主務省令で定める事務及び情報を定める命令 (detailed 別表第二 items).
APPENDIX2_ORDER = LawRef(
    key="bango-appendix2-order",
    name=f"{BANGO_FULL_NAME}別表第二の主務省令で定める事務及び情報を定める命令",
    kind="order",
    short_name="番号法別表第二の主務省令で定める事務及び情報を定める命令",
)
# 番号法に規定する個人番号、個人番号カード、特定個人情報の提供等に関する命令 (平成26年総務省令第85号; before 2024
# 「番号法の規定による通知カード及び個人番号カード並びに情報提供ネットワークシステムによる特定個人情報の提供等に関する
# 命令」); documents define 「個人番号カード命令」 for it.
CARD_ORDER = LawRef(
    key="bango-card-order",
    name=f"{BANGO_FULL_NAME}に規定する個人番号、個人番号カード、特定個人情報の提供等に関する命令",
    kind="ministerial-order",
    short_name="個人番号カード命令",
)
CARD_ORDER_TITLES = (
    "に規定する個人番号、個人番号カード、特定個人情報の提供等に関する命令",
    "の規定による通知カード及び個人番号カード並びに情報提供ネットワークシステムによる特定個人情報の提供等に関する命令",
)

# Abbreviations documents define, spelled out before any lookup (住基法施行令 -> 住民基本台帳法施行令).
_ABBREVIATIONS = {
    "番号法": BANGO_FULL_NAME,
    "マイナンバー法": BANGO_FULL_NAME,
    "住基法": "住民基本台帳法",
    "国保法": "国民健康保険法",
    "個人情報保護法": "個人情報の保護に関する法律",
}
_SHORT_NAMES = {"住民基本台帳法": "住基法", "国民健康保険法": "国保法", "個人情報の保護に関する法律": "個人情報保護法"}
KNOWN_ABBREVIATIONS = tuple(sorted(_ABBREVIATIONS, key=len, reverse=True))

_LOCAL_GOVERNMENT_PREFIX = re.compile(r"^(?:東京都|北海道|京都府|大阪府|[〇一-龥々]{2,3}県)?[〇一-龥々ヶ]+?[市区町村]")
_ISSUER_FROM_NAME = re.compile(r"^(?:東京都|北海道|京都府|大阪府|[〇一-龥々]{2,3}県)")


def spell_out(name: str) -> str:
    """The name with a leading known abbreviation spelled out."""
    for abbreviation in KNOWN_ABBREVIATIONS:
        if name.startswith(abbreviation):
            return _ABBREVIATIONS[abbreviation] + name[len(abbreviation) :]
    return name


def _kind_of(name: str) -> str:
    if name.endswith("条例"):
        return "ordinance"
    if name.endswith(("施行令", "政令")):
        return "cabinet-order"
    if name.endswith(("施行規則", "省令")):
        return "ministerial-order"
    if name.endswith("命令"):
        return "order"
    if name.endswith(("法", "法律")):
        return "act"
    return "other"


def ordinance_issuer(name: str) -> str | None:
    """The local government at the start of an ordinance's name (「川口市情報公開条例」 -> 川口市)."""
    prefix = _LOCAL_GOVERNMENT_PREFIX.match(name)
    if prefix:
        prefecture, municipality = split_local_government(prefix.group(0))
        return municipality or prefecture
    prefecture = _ISSUER_FROM_NAME.match(name)
    return prefecture.group(0) if prefecture else None


def number_use_ordinance(issuer: str) -> LawRef:
    """The body's own ordinance on the use of the number (番号利用条例, 番号法第9条第2項に基づく条例)."""
    issuer = normalise_name(issuer)
    return LawRef(
        key=f"ordinance-{issuer}-bango-riyo",
        name=f"{issuer}番号利用条例",
        kind="ordinance",
        short_name="番号利用条例",
        issuer=issuer,
    )


def law_by_name(name: str, *, municipality: str | None = None) -> LawRef:
    """The LawRef for a law written by name (abbreviations spelled out; ordinances keyed with their issuer)."""
    full = spell_out(normalise_name(name))
    if full == BANGO_FULL_NAME:
        return BANGO_ACT
    kind = _kind_of(full)
    if kind == "ordinance":
        issuer = ordinance_issuer(full) or (normalise_name(municipality) if municipality else None)
        if issuer and "番号の利用" in full:
            return number_use_ordinance(issuer)
        key = f"ordinance-{issuer}-{full}" if issuer else f"ordinance-{full}"
        return LawRef(key=key, name=full, kind="ordinance", issuer=issuer)
    return LawRef(key=full, name=full, kind=kind, short_name=_SHORT_NAMES.get(full))  # type: ignore[arg-type]
