"""What the PPC forms fix, as the PDF segmenter needs it: headings, item anchors, labels and their places.

The forms (様式2-4) fix the sections, their numbered subsections, the circled-number labels of each
subsection and the items (システムN, 委託事項N, 提供先N, 移転先N, リスクN). A PDF extraction loses the
order of the cells, so the segmenter places a label by what the form says about it, not by where it
happens to be printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from loaders.model import FormKind

ROMAN = "ⅠⅡⅢⅣⅤⅥ"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SPACES = re.compile(r"[\s\u3000]+")

SECTION_TITLES = (
    "基本情報",
    "特定個人情報ファイルの概要",
    "特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
    "リスク対策",
    "その他のリスク対策",
    "開示請求、問合せ",
    "評価実施手続",
    # 基礎項目評価書 (様式2)
    "関連情報",
    "しきい値判断項目",
    "しきい値判断結果",
)
SECTION_RE = re.compile(rf"^([{ROMAN}])\s*({'|'.join(SECTION_TITLES)})\s*(?:※.*)?$")

SUBSECTION_TITLES = (
    "特定個人情報ファイルを取り扱う事務において使用するシステム",
    "特定個人情報ファイルを取り扱う事務",
    "特定個人情報ファイル名",
    "特定個人情報ファイルを取り扱う理由",
    "個人番号の利用",
    "情報提供ネットワークシステムによる情報連携",
    "評価実施機関における担当部署",
    "他の評価実施機関",
    "基本情報",
    "特定個人情報の入手・使用",
    "特定個人情報ファイルの取扱いの委託",
    "特定個人情報の提供・移転",
    "特定個人情報の保管・消去",
    "備考",
    "特定個人情報の入手",
    "特定個人情報の使用",
    "情報提供ネットワークシステムとの接続",
    "監査",
    "従業者に対する教育・啓発",
    "その他のリスク対策",
    "特定個人情報の開示・訂正・利用停止請求",
    "特定個人情報ファイルの取扱いに関する問合せ",
    "基礎項目評価",
    "国民・住民等からの意見の聴取",
    "第三者点検",
    "特定個人情報保護委員会の承認",
    "個人情報保護委員会の承認",
    "重大事故",
    # 基礎項目評価書 (様式2)
    "提出する特定個人情報保護評価書の種類",
    "人手を介在させる作業",
    "最も優先度が高いと考えられる対策",
    "対象人数",
    "取扱者数",
)
SUBSECTION_RE = re.compile(r"^(\d{1,2})[．.]\s*(\S.*)$")
FILE_NAME_TITLE = "特定個人情報ファイル名"

ITEM_KINDS = ("システム", "委託事項", "提供先", "移転先")
DIGITS = "[0-9０-９]"
ITEM_RE = re.compile(rf"^({'|'.join(ITEM_KINDS)})\s*({DIGITS}+)(?:\s+(.*))?$")
ITEM_TRAILING_RE = re.compile(rf"^(\S[^。]{{0,40}}?)\s+(提供先|移転先)\s*({DIGITS}+)$")
GROUP_RE = re.compile(rf"^({'|'.join(ITEM_KINDS)})\s*{DIGITS}+\s*[～~〜]\s*{DIGITS}+$")
RISK_RE = re.compile(rf"^リスク\s*({DIGITS}*)\s*[：:]\s*(.+)$")
ANNEX_RE = re.compile(r"^[（(]?\s*(別添|別紙)\s*([0-9０-９]+)\s*[）)]?\s*(.*)$")
TOC_TITLE = "項目一覧"
CHANGE_HISTORY_TITLE = "変更箇所"  # the annex the forms print the change history in

# Which item kind owns which labels (the labels printed inside one item of the form).
ITEM_LABELS: dict[str, frozenset[str]] = {
    "システム": frozenset({"①システムの名称", "②システムの機能", "③他のシステムとの接続"}),
    "委託事項": frozenset(
        {
            "①委託内容",
            "②取扱いを委託する特定個人情報ファイルの範囲",
            "対象となる本人の数",
            "対象となる本人の範囲",
            "その妥当性",
            "③委託先における取扱者数",
            "④委託先への特定個人情報ファイルの提供方法",
            "⑤委託先名の確認方法",
            "⑥委託先名",
            "⑦再委託の有無",
            "⑧再委託の許諾方法",
            "⑨再委託事項",
            # 重点項目評価書 numbering
            "②委託先における取扱者数",
            "③委託先名",
            "④再委託の有無",
            "⑤再委託の許諾方法",
            "⑥再委託事項",
        }
    ),
    "提供先": frozenset(
        {
            "①法令上の根拠",
            "②提供先における用途",
            "③提供する情報",
            "④提供する情報の対象となる本人の数",
            "⑤提供する情報の対象となる本人の範囲",
            "⑥提供方法",
            "⑦時期・頻度",
        }
    ),
    "移転先": frozenset(
        {
            "①法令上の根拠",
            "②移転先における用途",
            "③移転する情報",
            "④移転する情報の対象となる本人の数",
            "⑤移転する情報の対象となる本人の範囲",
            "⑥移転方法",
            "⑦時期・頻度",
        }
    ),
}

# Where a label sits in the form: (section, subsection) per form kind. Only labels printed in exactly one
# place are listed; the others take their place from the headings around them.
_PLACES_COMMON: dict[str, tuple[str, str]] = {
    "①事務の名称": ("Ⅰ", "1"),
    "②事務の内容": ("Ⅰ", "1"),
    "③対象人数": ("Ⅰ", "1"),
    "①システムの名称": ("Ⅰ", "2"),
    "②システムの機能": ("Ⅰ", "2"),
    "③他のシステムとの接続": ("Ⅰ", "2"),
    "①ファイルの種類": ("Ⅱ", "2"),
    "②対象となる本人の数": ("Ⅱ", "2"),
    "③対象となる本人の範囲": ("Ⅱ", "2"),
    "その必要性": ("Ⅱ", "2"),
    "④記録される項目": ("Ⅱ", "2"),
    "主な記録項目": ("Ⅱ", "2"),
    "全ての記録項目": ("Ⅱ", "2"),
    "⑤保有開始日": ("Ⅱ", "2"),
    "⑥事務担当部署": ("Ⅱ", "2"),
    "①入手元": ("Ⅱ", "3"),
    "②入手方法": ("Ⅱ", "3"),
    "使用部署": ("Ⅱ", "3"),
    "使用者数": ("Ⅱ", "3"),
    "情報の突合": ("Ⅱ", "3"),
    "委託の有無": ("Ⅱ", "4"),
    "提供・移転の有無": ("Ⅱ", "5"),
    "①法令上の根拠": ("Ⅱ", "5"),
    "⑦時期・頻度": ("Ⅱ", "5"),
    "②提供先における用途": ("Ⅱ", "5"),
    "③提供する情報": ("Ⅱ", "5"),
    "④提供する情報の対象となる本人の数": ("Ⅱ", "5"),
    "⑤提供する情報の対象となる本人の範囲": ("Ⅱ", "5"),
    "⑥提供方法": ("Ⅱ", "5"),
    "②移転先における用途": ("Ⅱ", "5"),
    "③移転する情報": ("Ⅱ", "5"),
    "④移転する情報の対象となる本人の数": ("Ⅱ", "5"),
    "⑤移転する情報の対象となる本人の範囲": ("Ⅱ", "5"),
    "⑥移転方法": ("Ⅱ", "5"),
    "①保管場所": ("Ⅱ", "6"),
    "③消去方法": ("Ⅱ", "6"),
}
# Ⅲ: the measures each subsection asks about (the same in both forms).
_PLACES_RISKS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        (
            "対象者以外の情報の入手を防止するための措置の内容",
            "必要な情報以外を入手することを防止するための措置の内容",
            "入手の際の本人確認の措置の内容",
            "個人番号の真正性確認の措置の内容",
            "特定個人情報の正確性確保の措置の内容",
        ),
        ("Ⅲ", "2"),
    ),
    **dict.fromkeys(
        (
            "宛名システム等における措置の内容",
            "事務で使用するその他のシステムにおける措置の内容",
            "ユーザ認証の管理",
            "アクセス権限の発効・失効の管理",
            "アクセス権限の管理",
            "特定個人情報の使用の記録",
        ),
        ("Ⅲ", "3"),
    ),
    **dict.fromkeys(
        (
            "情報保護管理体制の確認",
            "特定個人情報ファイルの閲覧者・更新者の制限",
            "具体的な制限方法",
            "特定個人情報ファイルの取扱いの記録",
            "特定個人情報の提供ルール",
            "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法",
            "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法",
            "特定個人情報の消去ルール",
            "委託契約書中の特定個人情報ファイルの取扱いに関する規定",
            "規定の内容",
            "再委託先による特定個人情報ファイルの適切な取扱いの確保",
        ),
        ("Ⅲ", "4"),
    ),
    **dict.fromkeys(("特定個人情報の提供・移転の記録", "特定個人情報の提供・移転に関するルール"), ("Ⅲ", "5")),
    **dict.fromkeys(
        (
            "①NISC政府機関統一基準群",
            "②安全管理体制",
            "③安全管理規程",
            "④安全管理体制・規程の職員への周知",
            "⑤物理的対策",
            "⑥技術的対策",
            "⑦バックアップ",
            "⑧事故発生時手順の策定・周知",
            "⑨過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか",
            "⑩死者の個人番号",
            "具体的な保管方法",
            "手順の内容",
        ),
        ("Ⅲ", "7"),
    ),
}
# Ⅳ-Ⅵ of the full form (the focused form prints Ⅳ's audit and training as Ⅲ-8, Ⅲ-9 and numbers Ⅴ, Ⅵ as Ⅳ, Ⅴ).
_PLACES_LATER: dict[str, tuple[str, str]] = {
    "①自己点検": ("Ⅳ", "1"),
    "②監査": ("Ⅳ", "1"),
    "①請求先": ("Ⅴ", "1"),
    "②請求方法": ("Ⅴ", "1"),
    "③手数料等": ("Ⅴ", "1"),
    "④個人情報ファイル簿の公表": ("Ⅴ", "1"),
    "個人情報ファイル名": ("Ⅴ", "1"),
    "公表場所": ("Ⅴ", "1"),
    "⑤法令による特別の手続": ("Ⅴ", "1"),
    "⑥個人情報ファイル簿への不記載等": ("Ⅴ", "1"),
    "①連絡先": ("Ⅴ", "2"),
    "②対応方法": ("Ⅴ", "2"),
    "②しきい値判断結果": ("Ⅵ", "1"),
    "①方法": ("Ⅵ", "2"),
    "②実施日・期間": ("Ⅵ", "2"),
    "③期間を短縮する特段の理由": ("Ⅵ", "2"),
    "④主な意見の内容": ("Ⅵ", "2"),
    "⑤評価書への反映": ("Ⅵ", "2"),
    "②方法": ("Ⅵ", "3"),
    "③結果": ("Ⅵ", "3"),
    "①提出日": ("Ⅵ", "4"),
    "②特定個人情報保護委員会による審査": ("Ⅵ", "4"),
}
_FOCUSED_SECTIONS = {("Ⅳ", "1"): ("Ⅲ", "8"), ("Ⅴ", "1"): ("Ⅳ", "1"), ("Ⅴ", "2"): ("Ⅳ", "2")}
_PLACES_FOCUSED_LATER: dict[str, tuple[str, str]] = {
    label: _FOCUSED_SECTIONS.get(place, ("Ⅴ", place[1]) if place[0] == "Ⅵ" else place)
    for label, place in _PLACES_LATER.items()
    if place[0] != "Ⅵ" or place[1] in ("1", "2", "3")
}
_PLACES_FULL: dict[str, tuple[str, str]] = {
    **_PLACES_COMMON,
    **_PLACES_RISKS,
    **_PLACES_LATER,
    "①事務実施上の必要性": ("Ⅰ", "4"),
    "②実現が期待されるメリット": ("Ⅰ", "4"),
    "法令上の根拠": ("Ⅰ", "5"),
    "①実施の有無": ("Ⅰ", "6"),
    "②法令上の根拠": ("Ⅰ", "6"),
    "①部署": ("Ⅰ", "7"),
    "②所属長の役職名": ("Ⅰ", "7"),
    "③入手の時期・頻度": ("Ⅱ", "3"),
    "④入手に係る妥当性": ("Ⅱ", "3"),
    "⑤本人への明示": ("Ⅱ", "3"),
    "⑥使用目的": ("Ⅱ", "3"),
    "変更の妥当性": ("Ⅱ", "3"),
    "⑦使用の主体": ("Ⅱ", "3"),
    "⑧使用方法": ("Ⅱ", "3"),
    "情報の統計分析": ("Ⅱ", "3"),
    "権利利益に影響を与え得る決定": ("Ⅱ", "3"),
    "⑨使用開始日": ("Ⅱ", "3"),
    "①委託内容": ("Ⅱ", "4"),
    "②取扱いを委託する特定個人情報ファイルの範囲": ("Ⅱ", "4"),
    "③委託先における取扱者数": ("Ⅱ", "4"),
    "④委託先への特定個人情報ファイルの提供方法": ("Ⅱ", "4"),
    "⑤委託先名の確認方法": ("Ⅱ", "4"),
    "⑥委託先名": ("Ⅱ", "4"),
    "⑦再委託の有無": ("Ⅱ", "4"),
    "⑧再委託の許諾方法": ("Ⅱ", "4"),
    "⑨再委託事項": ("Ⅱ", "4"),
    "②保管期間": ("Ⅱ", "6"),
}
_PLACES_FOCUSED: dict[str, tuple[str, str]] = {
    **_PLACES_COMMON,
    **_PLACES_RISKS,
    **_PLACES_FOCUSED_LATER,
    "法令上の根拠": ("Ⅰ", "4"),
    "①実施の有無": ("Ⅰ", "5"),
    "②法令上の根拠": ("Ⅰ", "5"),
    "①部署": ("Ⅰ", "6"),
    "②所属長の役職名": ("Ⅰ", "6"),
    "③使用目的": ("Ⅱ", "3"),
    "④使用の主体": ("Ⅱ", "3"),
    "⑤使用方法": ("Ⅱ", "3"),
    "⑥使用開始日": ("Ⅱ", "3"),
    "①委託内容": ("Ⅱ", "4"),
    "②委託先における取扱者数": ("Ⅱ", "4"),
    "③委託先名": ("Ⅱ", "4"),
    "④再委託の有無": ("Ⅱ", "4"),
    "⑤再委託の許諾方法": ("Ⅱ", "4"),
    "⑥再委託事項": ("Ⅱ", "4"),
    "保管場所": ("Ⅱ", "6"),
}


# Ⅲ: the risks whose wording the forms print in one subsection only (the 入手 risks 1, 3, 4 are printed in
# both Ⅲ-2 and Ⅲ-6 and are placed by their headings instead).
_RISK_SUBSECTIONS: dict[str, str] = {
    "不適切な方法で入手が行われるリスク": "2",
    "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク": "3",
    "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク": "3",
    "従業者が事務外で使用するリスク": "3",
    "特定個人情報ファイルが不正に複製されるリスク": "3",
    "不正な提供・移転が行われるリスク": "5",
    "不適切な方法で提供・移転が行われるリスク": "5",
    "誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク": "5",
    "安全が保たれない方法によって入手が行われるリスク": "6",
    "不正な提供が行われるリスク": "6",
    "不適切な方法で提供されるリスク": "6",
    "誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク": "6",
    "特定個人情報の漏えい・滅失・毀損リスク": "7",
    "特定個人情報が古い情報のまま保管され続けるリスク": "7",
    "特定個人情報が消去されずいつまでも存在するリスク": "7",
}


def risk_place(text: str) -> tuple[str, str] | None:
    """The Ⅲ subsection a risk's wording belongs to, when the forms print that wording in one place."""
    sub = _RISK_SUBSECTIONS.get(compact(text))
    return ("Ⅲ", sub) if sub else None


def label_place(label: str, form: FormKind | None) -> tuple[str, str] | None:
    """The (section, subsection) the form prints ``label`` in, when it prints it in one place only."""
    places = _PLACES_FOCUSED if form == "focused" else _PLACES_FULL
    return places.get(label)


# Labels printed without a circled number (the circled ones are recognised by their marker).
PLAIN_LABELS = frozenset(
    {
        "評価書番号",
        "評価書名",
        "評価実施機関名",
        "公表日",
        "特記事項",
        "個人情報保護委員会承認日【行政機関等のみ】",
        "法令上の根拠",
        "その必要性",
        "主な記録項目",
        "全ての記録項目",
        "その妥当性",
        "変更の妥当性",
        "使用部署",
        "使用者数",
        "情報の突合",
        "情報の統計分析",
        "権利利益に影響を与え得る決定",
        "委託の有無",
        "対象となる本人の数",
        "対象となる本人の範囲",
        "提供・移転の有無",
        "期間",
        "保管場所",
        "リスクに対する措置の内容",
        "リスクへの対策は十分か",
        "その他の措置の内容",
        "具体的な管理方法",
        "具体的な方法",
        "具体的な対策の内容",
        "手順の内容",
        "規定の内容",
        "特定個人情報の使用の記録",
        "アクセス権限の管理",
        "ユーザ認証の管理",
        "アクセス権限の発効・失効の管理",
    }
)

# Every label the forms print, for joining a label wrapped over lines ("④提供する情報の対象となる" + "本人の数").
KNOWN_LABELS = (
    PLAIN_LABELS | frozenset(_PLACES_FULL) | frozenset(_PLACES_FOCUSED) | frozenset().union(*ITEM_LABELS.values())
)

# Option lists printed after <選択肢> for the fields whose value is one option.
_PEOPLE = ("1万人未満", "1万人以上10万人未満", "10万人以上100万人未満", "100万人以上1,000万人未満", "1,000万人以上")
_HANDLERS = (
    "10人未満",
    "10人以上50人未満",
    "50人以上100人未満",
    "100人以上500人未満",
    "500人以上1,000人未満",
    "1,000人以上",
)
_SUBCONTRACT = ("再委託する", "再委託しない")
OPTIONS: dict[str, tuple[str, ...]] = {
    "①実施の有無": ("実施する", "実施しない", "未定"),
    "委託の有無": ("委託する", "委託しない"),
    "①ファイルの種類": ("システム用ファイル", "その他の電子ファイル（表計算ファイル等）"),
    "③対象人数": ("1,000人未満", "1,000人以上1万人未満", "1万人以上10万人未満", "10万人以上30万人未満", "30万人以上"),
    "②対象となる本人の数": _PEOPLE,
    "対象となる本人の数": _PEOPLE,
    "④提供する情報の対象となる本人の数": _PEOPLE,
    "④移転する情報の対象となる本人の数": _PEOPLE,
    "④記録される項目": ("10項目未満", "10項目以上50項目未満", "50項目以上100項目未満", "100項目以上"),
    "使用者数": _HANDLERS,
    "②委託先における取扱者数": _HANDLERS,
    "③委託先における取扱者数": _HANDLERS,
    "④再委託の有無": _SUBCONTRACT,
    "⑦再委託の有無": _SUBCONTRACT,
    "リスクへの対策は十分か": ("特に力を入れている", "十分である", "課題が残されている"),
}
OPTION_VALUES = frozenset(option for options in OPTIONS.values() for option in options)

# The ③他のシステムとの接続 checkbox grid: left option -> the option printed to its right on the same row.
CONNECTION_ROWS: tuple[tuple[str, str | None], ...] = (
    ("情報提供ネットワークシステム", "庁内連携システム"),
    ("住民基本台帳ネットワークシステム", "既存住民基本台帳システム"),
    ("宛名システム等", "税務システム"),
    ("その他", None),
)

TITLE_RE = re.compile(r"^(.+?事務)\s*(全項目評価書|重点項目評価書|基礎項目評価書)$")
FORM_KINDS: dict[str, FormKind] = {"全項目評価書": "full", "重点項目評価書": "focused", "基礎項目評価書": "basic"}
BODY_RE = re.compile(r"^\S{1,30}(?:市長|町長|村長|区長|知事|委員会|管理者|大臣|長)$")
WAREKI_DATE_RE = re.compile(r"^(?:令和|平成|昭和)\s*(?:\d+|元)\s*年\s*\d+\s*月\s*\d+\s*日$")


def compact(text: str) -> str:
    """The text without any whitespace (labels and headings are compared this way)."""
    return SPACES.sub("", text)


def ascii_digits(text: str) -> str:
    """Full-width digits and ASCII-compatible punctuation folded (NFKC), for heading numbers only."""
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Anchor:
    """An item heading (システム3, 提供先12 都道府県知事, リスク2：...) found on one line."""

    kind: str  # "システム", "委託事項", "提供先", "移転先", "リスク"
    no: int | None
    text: str  # what the line prints beside the item number ("" when nothing)
    line: int
    text_line: int | None = None  # the farthest line ``text`` is printed on when not only the heading's line


def parse_anchor(text: str, line: int) -> Anchor | None:
    """An item heading on this line, or None (group headings such as システム6～10 are not items)."""
    stripped = text.strip()
    if GROUP_RE.match(stripped):
        return None
    if m := ITEM_RE.match(stripped):
        return Anchor(m.group(1), int(ascii_digits(m.group(2))), (m.group(3) or "").strip(), line)
    if m := ITEM_TRAILING_RE.match(stripped):
        return Anchor(m.group(2), int(ascii_digits(m.group(3))), m.group(1).strip(), line)
    if m := RISK_RE.match(stripped):
        return Anchor("リスク", int(ascii_digits(m.group(1))) if m.group(1) else None, m.group(2).strip(), line)
    return None


def parse_section(text: str) -> str | None:
    """The Roman numeral of a section heading printed alone on its line ("Ⅱ　特定個人情報ファイルの概要")."""
    m = SECTION_RE.match(compact(text))
    return m.group(1) if m else None


def section_title(text: str) -> str | None:
    """The title of a section heading printed alone on its line ("Ⅱ　特定個人情報ファイルの概要" -> its title)."""
    m = SECTION_RE.match(compact(text))
    return m.group(2) if m else None


def is_change_item_cell(text: str) -> bool:
    """A change-history 項目 cell: a section name cut by the column ("Ⅱ　特定個人情報ファイルの概") or
    followed by the path of the changed field ("Ⅰ基本情報（５．情報提供ネット")."""
    squeezed = compact(text)
    if not squeezed[:1] or squeezed[0] not in ROMAN or parse_section(text):
        return False
    title = squeezed[1:]
    return any(
        (known.startswith(title) and len(title) >= 4) or title.startswith(known + "（") for known in SECTION_TITLES
    )


def parse_subsection(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered subsection heading whose title the forms print."""
    m = SUBSECTION_RE.match(ascii_digits(text).strip())
    if not m:
        return None
    title = compact(m.group(2))
    for known in SUBSECTION_TITLES:
        if title.startswith(known):
            return str(int(m.group(1))), known
    return None


def parse_annex(text: str) -> tuple[str, str] | None:
    """(label, title) of an annex heading: "（別添２） 変更箇所" -> ("別添2", "変更箇所")."""
    stripped = text.strip()
    m = ANNEX_RE.match(stripped)
    if not m or not stripped.startswith(("(", "（", "別")):
        return None
    rest = m.group(3).strip()
    if rest.startswith(("を参照", "参照", "に", "の")):
        return None
    return f"{m.group(1)}{int(ascii_digits(m.group(2)))}", rest
