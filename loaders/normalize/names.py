"""Canonical identities of the actors and systems that recur across assessments.

Keys are stable ASCII slugs used to mint IRIs; labels are the canonical Japanese names. Matching runs on
``normalise_name`` forms, so spacing, width and サーバ/サーバー spellings do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.normalize.text import normalise_name


@dataclass(frozen=True)
class CanonicalName:
    key: str  # stable ASCII slug
    label: str  # canonical Japanese name


def _table(entries: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, CanonicalName]:
    """alias (normalised) -> canonical name; the label itself is always an alias."""
    table: dict[str, CanonicalName] = {}
    for key, label, aliases in entries:
        canonical = CanonicalName(key, label)
        for alias in (label, *aliases):
            table[normalise_name(alias)] = canonical
    return table


_NATIONAL_BODIES = _table(
    (
        ("j-lis", "地方公共団体情報システム機構", ("J-LIS", "JLIS")),
        ("mhlw-minister", "厚生労働大臣", ()),
        ("mic-minister", "総務大臣", ()),
        ("mext-minister", "文部科学大臣", ()),
        ("ppc", "個人情報保護委員会", ()),
        ("kyokai-kenpo", "全国健康保険協会", ("協会けんぽ",)),
        ("health-insurance-society", "健康保険組合", ()),
        ("nhi-society", "国民健康保険組合", ()),
        ("nhi-federation", "国民健康保険団体連合会", ("国保連合会", "国保連")),
        ("payment-fund", "社会保険診療報酬支払基金", ("支払基金",)),
        ("nhi-central", "国民健康保険中央会", ("国保中央会",)),
        ("late-elderly-union", "後期高齢者医療広域連合", ()),
        ("japan-pension-service", "日本年金機構", ()),
        ("prefectural-governor", "都道府県知事", ("都道府県知事等",)),
        ("municipal-mayor", "市町村長", ()),
        ("prefectural-board-of-education", "都道府県教育委員会", ()),
        ("municipal-board-of-education", "市町村教育委員会", ()),
        ("mutual-aid-association", "共済組合", ("共済組合等",)),
        ("national-civil-servants-mutual-aid", "国家公務員共済組合", ()),
        ("national-civil-servants-mutual-aid-federation", "国家公務員共済組合連合会", ()),
        ("local-civil-servants-mutual-aid", "地方公務員共済組合", ()),
        ("municipal-staff-mutual-aid-federation", "全国市町村職員共済組合連合会", ()),
        ("private-school-mutual-aid", "日本私立学校振興・共済事業団", ()),
    )
)
_JLIS_SHORT = "機構"

_NATIONWIDE_SYSTEMS = _table(
    (
        ("information-provision-network-system", "情報提供ネットワークシステム", ("情報提供NWS",)),
        ("intermediate-server", "中間サーバー", ()),
        ("intermediate-server-platform", "中間サーバー・プラットフォーム", ()),
        ("health-insurers-intermediate-server", "医療保険者等向け中間サーバー", ()),
        ("juki-net", "住民基本台帳ネットワークシステム", ("住基ネット", "住基ネットワークシステム")),
        ("government-cloud", "ガバメントクラウド", ()),
        ("mynaportal", "マイナポータル", ("情報提供等記録開示システム",)),
        ("eltax", "地方税ポータルシステム", ("eLTAX", "地方税ポータル", "地方税ポータルシステム(eLTAX)")),
        ("online-eligibility-confirmation", "オンライン資格確認等システム", ("オンライン資格確認システム",)),
    )
)

# Systems every body runs its own instance of: identity = municipality + kind.
_LOCAL_SYSTEM_KINDS = _table(
    (
        (
            "integrated-addressee-system",
            "団体内統合宛名システム",
            ("宛名システム", "統合宛名システム", "宛名システム等"),
        ),
        ("internal-linkage-system", "庁内連携システム", ()),
        ("resident-registry-system", "既存住民基本台帳システム", ("既存住基システム", "住民基本台帳システム")),
        ("municipal-cs", "市町村CS", ("市町村コミュニケーションサーバ",)),
    )
)

_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _lookup(table: dict[str, CanonicalName], text: str) -> CanonicalName | None:
    """Whole-text match, after dropping a trailing parenthesised note such as 「(インターフェイスシステム)」."""
    candidate = normalise_name(text)
    while candidate:
        if candidate in table:
            return table[candidate]
        stripped = normalise_name(_QUALIFIER.sub("", candidate))
        if stripped == candidate:
            return None
        candidate = stripped
    return None


def _find_all(table: dict[str, CanonicalName], text: str) -> tuple[CanonicalName, ...]:
    """Every entry named in ``text``, longest alias first, without overlaps, in reading order."""
    normalised = normalise_name(text)
    found: list[tuple[int, CanonicalName]] = []
    taken = [False] * len(normalised)
    for alias in sorted(table, key=len, reverse=True):
        start = normalised.find(alias)
        while start >= 0:
            end = start + len(alias)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(alias)
                found.append((start, table[alias]))
            start = normalised.find(alias, end)
    ordered: list[CanonicalName] = []
    for _, canonical in sorted(found, key=lambda entry: entry[0]):
        if canonical not in ordered:
            ordered.append(canonical)
    return tuple(ordered)


def national_body(text: str, *, jlis_context: bool = False) -> CanonicalName | None:
    """The national body ``text`` names as a whole (「国保連合会」 -> 国民健康保険団体連合会).

    With ``jlis_context`` (the document has introduced 地方公共団体情報システム機構), a bare 「機構」 is J-LIS."""
    if jlis_context and normalise_name(text) == _JLIS_SHORT:
        return _NATIONAL_BODIES[normalise_name("地方公共団体情報システム機構")]
    return _lookup(_NATIONAL_BODIES, text)


def national_body_key(text: str, *, jlis_context: bool = False) -> str | None:
    """The ASCII key of the national body ``text`` names, or None."""
    body = national_body(text, jlis_context=jlis_context)
    return body.key if body else None


def find_national_bodies(text: str) -> tuple[CanonicalName, ...]:
    """Every national body named inside ``text`` (「都道府県知事又は市町村長」 -> two)."""
    return _find_all(_NATIONAL_BODIES, text)


def nationwide_system(text: str) -> CanonicalName | None:
    """The nationwide system ``text`` names as a whole (「中間サーバ」 -> 中間サーバー); None for local systems."""
    return _lookup(_NATIONWIDE_SYSTEMS, text)


def nationwide_system_key(text: str) -> str | None:
    """The ASCII key of the nationwide system ``text`` names, or None."""
    system = nationwide_system(text)
    return system.key if system else None


def find_nationwide_systems(text: str) -> tuple[CanonicalName, ...]:
    """Every nationwide system named inside ``text`` (e.g. a ③他のシステムとの接続 note)."""
    return _find_all(_NATIONWIDE_SYSTEMS, text)


def local_system_kind(text: str) -> CanonicalName | None:
    """The standard per-body system kind ``text`` names (宛名システム, 庁内連携システム, ...), or None."""
    return _lookup(_LOCAL_SYSTEM_KINDS, text)


def vendor_key(text: str) -> str:
    """Identity of a company: 「株式会社 日立システムズ」 = 「株式会社日立システムズ」 = 「(株)日立システムズ」."""
    return normalise_name(text)


def _strip_leading_municipality(municipality: str, name: str) -> str:
    prefix = normalise_name(municipality)
    return name[len(prefix) :] if prefix and name.startswith(prefix) and len(name) > len(prefix) else name


def department_key(municipality: str, text: str) -> str:
    """Identity of a department of a body: '{municipality}/{department}' with the department's name normalised
    (a leading repetition of the municipality's name is dropped: 「川口市 保健部 国民健康保険課」)."""
    return f"{normalise_name(municipality)}/{_strip_leading_municipality(municipality, normalise_name(text))}"


def local_system_key(municipality: str, text: str) -> str:
    """Identity of a body's own system: '{municipality}/{kind key}' for standard kinds, else the normalised name."""
    kind = local_system_kind(text)
    name = kind.key if kind else _strip_leading_municipality(municipality, normalise_name(text))
    return f"{normalise_name(municipality)}/{name}"


# ----------------------------------------------------------------------------- local governments

_PREFECTURE = re.compile(r"^(東京都|北海道|京都府|大阪府|[〇一-龥々]{2,3}県)")
_COUNTY = re.compile(r"^[〇一-龥々ヶケ]+?郡")
_MUNICIPALITY_SUFFIXES = "市区町村"
_ROLE_SUFFIXES = (
    "教育委員会",
    "選挙管理委員会",
    "農業委員会",
    "公営企業管理者",
    "水道事業管理者",
    "病院事業管理者",
    "議会議長",
    "市長",
    "区長",
    "町長",
    "村長",
    "長",
    "",
)
# The few real names ending in 市 before their own 市 (so that 「四日市市長」 is not read as 四日市 + 市長).
_NAMES_ENDING_IN_SHI = ("四日市", "廿日市")
_WIDE_AREA_UNION = re.compile(r"^(.+?広域連合)(?:長)?$")
_GOVERNOR = re.compile(r"^(?:知事|長)?$")
_NAME_CHARS = re.compile(r"^[〇一-龥々ヶケぁ-んァ-ヴー・]+$")


def _municipality_and_role(rest: str) -> str | None:
    """The municipality at the start of ``rest`` when what follows is a role (長, 市長, 教育委員会, ...)."""
    for role in _ROLE_SUFFIXES:
        if role and not rest.endswith(role):
            continue
        name = rest[: len(rest) - len(role)] if role else rest
        if len(name) < 2 or name[-1] not in _MUNICIPALITY_SUFFIXES or not _NAME_CHARS.match(name):
            continue
        if role in ("市長", "区長", "町長", "村長") and (name[-1] != role[0] or name in _NAMES_ENDING_IN_SHI):
            continue
        if role == "長" and len(name) > 2 and name[-1] == name[-2] and name[:-1] not in _NAMES_ENDING_IN_SHI:
            continue  # 「川崎市市長」: the role is 市長, tried before
        return name
    return None


def split_local_government(body_text: str) -> tuple[str | None, str | None]:
    """(prefecture, municipality) of an assessing body's name, as far as the text states them.

    '神奈川県川崎市市長' -> ('神奈川県', '川崎市'); '高崎市長' -> (None, '高崎市'); '〇〇県知事' -> ('〇〇県', None);
    '〇〇郡〇〇町長' -> (None, '〇〇町'); '〇〇広域連合' -> (None, '〇〇広域連合').
    """
    text = normalise_name(body_text)
    prefecture_match = _PREFECTURE.match(text)
    prefecture = prefecture_match.group(1) if prefecture_match else None
    rest = text[prefecture_match.end() :] if prefecture_match else text
    if prefecture and _GOVERNOR.match(rest):
        return prefecture, None
    union = _WIDE_AREA_UNION.match(text)
    if union:
        return prefecture, union.group(1)  # the union's name keeps its prefecture: 〇〇県後期高齢者医療広域連合
    county = _COUNTY.match(rest)
    if county and _municipality_and_role(rest[county.end() :]):
        rest = rest[county.end() :]
    municipality = _municipality_and_role(rest)
    if municipality is None and prefecture is None:
        return None, None
    return prefecture, municipality
