"""Canonical identities of bodies, systems, vendors, departments and local governments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalize.names import (
    department_key,
    find_national_bodies,
    find_nationwide_systems,
    local_system_key,
    national_body,
    national_body_key,
    nationwide_system,
    nationwide_system_key,
    split_local_government,
    vendor_key,
)


@pytest.mark.parametrize(
    ("variants", "key", "label"),
    [
        (["地方公共団体情報システム機構", "J-LIS", "Ｊ－ＬＩＳ"], "j-lis", "地方公共団体情報システム機構"),
        (["国民健康保険団体連合会", "国保連合会"], "nhi-federation", "国民健康保険団体連合会"),
        (["社会保険診療報酬支払基金", "支払基金"], "payment-fund", "社会保険診療報酬支払基金"),
        (["国民健康保険中央会", "国保中央会"], "nhi-central", "国民健康保険中央会"),
        (["全国健康保険協会", "全国健康保険協会 "], "kyokai-kenpo", "全国健康保険協会"),
        (["都道府県知事", "都道府県知事等"], "prefectural-governor", "都道府県知事"),
        (["厚生労働大臣"], "mhlw-minister", "厚生労働大臣"),
        (["後期高齢者医療広域連合"], "late-elderly-union", "後期高齢者医療広域連合"),
    ],
)
def test_national_bodies(variants: list[str], key: str, label: str) -> None:
    for variant in variants:
        body = national_body(variant)
        assert body is not None and (body.key, body.label) == (key, label)
        assert national_body_key(variant) == key


def test_bare_kikou_needs_context() -> None:
    assert national_body("機構") is None
    assert national_body_key("機構", jlis_context=True) == "j-lis"
    assert national_body("日本年金機構", jlis_context=True).key == "japan-pension-service"


def test_find_national_bodies_in_recipient_text() -> None:
    keys = [body.key for body in find_national_bodies("都道府県知事又は市町村長")]
    assert keys == ["prefectural-governor", "municipal-mayor"]
    assert [body.key for body in find_national_bodies("地方公務員共済組合又は全国市町村職員共済組合連合会")] == [
        "local-civil-servants-mutual-aid",
        "municipal-staff-mutual-aid-federation",
    ]
    assert find_national_bodies("健康福祉局長寿社会部介護保険課") == ()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("中間サーバー", "intermediate-server"),
        ("中間サーバ", "intermediate-server"),
        ("中間サーバー・プラットフォーム", "intermediate-server-platform"),
        ("中間サーバ・プラットフォーム", "intermediate-server-platform"),
        ("情報提供ネットワークシステム", "information-provision-network-system"),
        ("情報提供ネットワークシステム(インターフェイスシステム)", "information-provision-network-system"),
        ("住基ネット", "juki-net"),
        ("住民基本台帳ネットワークシステム", "juki-net"),
        ("ガバメントクラウド", "government-cloud"),
        ("eLTAX", "eltax"),
        ("マイナポータル", "mynaportal"),
        ("庁内連携システム", None),  # each body runs its own
        ("団体内統合宛名システム", None),
        ("介護保険システム", None),
    ],
)
def test_nationwide_systems(text: str, key: str | None) -> None:
    assert nationwide_system_key(text) == key
    if key:
        assert (
            nationwide_system(text).label in ("中間サーバー", "中間サーバー・プラットフォーム")
            or nationwide_system(text).key == key
        )


def test_find_nationwide_systems_in_note() -> None:
    found = find_nationwide_systems("中間サーバ、住基ネット及び情報提供ネットワークシステムと接続")
    assert [system.key for system in found] == [
        "intermediate-server",
        "juki-net",
        "information-provision-network-system",
    ]


def test_local_systems_are_keyed_by_municipality() -> None:
    assert local_system_key("川崎市", "宛名システム等") == "川崎市/integrated-addressee-system"
    assert local_system_key("川崎市", "団体内統合宛名システム") == "川崎市/integrated-addressee-system"
    assert local_system_key("高崎市", "庁内連携システム") == "高崎市/internal-linkage-system"
    assert local_system_key("川口市", "川口市 国民健康保険システム") == "川口市/国民健康保険システム"


def test_vendor_key() -> None:
    assert (
        len({vendor_key(v) for v in ["株式会社 日立システムズ", "株式会社日立システムズ", "(株)日立システムズ"]}) == 1
    )
    assert vendor_key("日立システムズ株式会社") != vendor_key("株式会社日立システムズ")


def test_department_key() -> None:
    assert department_key("川口市", "川口市 保健部 国民健康保険課") == "川口市/保健部国民健康保険課"
    assert department_key("川口市", "保健部　国民健康保険課") == "川口市/保健部国民健康保険課"
    assert department_key("川崎市", "健康福祉局長寿社会部介護保険課") == "川崎市/健康福祉局長寿社会部介護保険課"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("神奈川県川崎市市長", ("神奈川県", "川崎市")),
        ("埼玉県川口市長", ("埼玉県", "川口市")),
        ("高崎市長", (None, "高崎市")),
        ("川崎市長", (None, "川崎市")),
        ("〇〇県知事", ("〇〇県", None)),
        ("東京都知事", ("東京都", None)),
        ("〇〇町長", (None, "〇〇町")),
        ("〇〇村長", (None, "〇〇村")),
        ("〇〇区長", (None, "〇〇区")),
        ("東京都千代田区長", ("東京都", "千代田区")),
        ("〇〇広域連合", (None, "〇〇広域連合")),
        ("〇〇県後期高齢者医療広域連合", ("〇〇県", "〇〇県後期高齢者医療広域連合")),
        ("〇〇郡〇〇町長", (None, "〇〇町")),
        ("四日市市長", (None, "四日市市")),
        ("三重県四日市市長", ("三重県", "四日市市")),
        ("大町市長", (None, "大町市")),
        ("北海道札幌市長", ("北海道", "札幌市")),
        ("〇〇市教育委員会", (None, "〇〇市")),
        ("川口市", (None, "川口市")),
        ("株式会社日立システムズ", (None, None)),
    ],
)
def test_split_local_government(body: str, expected: tuple[str | None, str | None]) -> None:
    assert split_local_government(body) == expected


@given(
    prefecture=st.sampled_from(["", "神奈川県", "埼玉県", "群馬県", "東京都", "北海道"]),
    name=st.text(alphabet="川崎口高岡山田中", min_size=1, max_size=4),
    kind=st.sampled_from(["市", "町", "村"]),
    role=st.sampled_from(["長", "市長!", "教育委員会"]),
    space=st.sampled_from(["", " ", "\u3000"]),
)
def test_split_local_government_grammar(prefecture: str, name: str, kind: str, role: str, space: str) -> None:
    role = kind + "長" if role == "市長!" else role
    text = f"{prefecture}{space}{name}{kind}{space}{role}"
    assert split_local_government(text) == (prefecture or None, f"{name}{kind}")
    assert split_local_government(split_local_government(text)[1] or "") == (None, f"{name}{kind}")


ALIASES = [
    "国保連合会",
    "J-LIS",
    "支払基金",
    "中間サーバ",
    "中間サーバー",
    "住基ネット",
    "情報提供ネットワークシステム",
]


@given(alias=st.sampled_from(ALIASES), data=st.data())
def test_identity_keys_are_spacing_and_width_invariant(alias: str, data: st.DataObject) -> None:
    to_fullwidth = str.maketrans({chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)})
    spaced = "".join(ch + data.draw(st.sampled_from(["", " ", "\u3000"])) for ch in alias if not ch.isascii())
    variants = [alias, alias.translate(to_fullwidth), f" {alias}\u3000"]
    if not any(ch.isascii() for ch in alias):
        variants.append(spaced)
    keys = {(national_body_key(v), nationwide_system_key(v)) for v in variants}
    assert len(keys) == 1 and keys != {(None, None)}


@given(st.text(alphabet="株式会社（株）(株)日立システムズＮＥＣ ー　", max_size=20))
def test_vendor_key_is_idempotent(text: str) -> None:
    assert vendor_key(vendor_key(text)) == vendor_key(text)
