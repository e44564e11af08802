"""Examples shown in the OpenAPI documentation (one on every endpoint)."""

from __future__ import annotations

from typing import Any

BASE = "https://w3id.org/pia-kg/id/"
ASSESSMENT_ID = "川崎市-61-2025-06-06"

LEGAL_BASIS: dict[str, Any] = {
    "iri": BASE + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131",
    "id": "law/bango-19-8-order/article/2/table/第2条の表/table-item/131",
    "label": "第2条の表の131の項",
    "law": "番号法第19条第8号に基づく利用特定個人情報の提供に関する命令",
    "law_iri": BASE + "law/bango-19-8-order",
    "article": "2",
    "paragraph": None,
    "item": None,
    "table": "第2条の表",
    "table_item": "131",
    "text": "番号法第19条第8号に基づく主務省令第2条の表の131の項",
}
ASSESSMENT: dict[str, Any] = {
    "id": ASSESSMENT_ID,
    "iri": BASE + "assessment/" + ASSESSMENT_ID,
    "kind": "full",
    "number": "61",
    "title": "介護保険法による介護保険に関する事務 全項目評価書",
    "agency": "神奈川県川崎市市長",
    "municipality": "川崎市",
    "prefecture": "神奈川県",
    "published": "2025-06-06",
    "form_version": "平成30年5月 様式4",
    "affair": {
        "iri": BASE + "assessment/" + ASSESSMENT_ID + "/affair",
        "label": "介護保険法による介護保険に関する事務",
        "categories": [
            {
                "iri": "https://w3id.org/pia-kg/code/affair-category/long-term-care-insurance",
                "label": "介護保険",
                "label_en": "Long-term care insurance",
            }
        ],
    },
    "source": {"document": "001_b80d6855a7643af9.txt", "sha256": "b80d6855a7643af9..."},
}
ASSESSMENT_DETAIL: dict[str, Any] = {
    **ASSESSMENT,
    "systems": [
        {
            "no": 3,
            "name": "中間サーバー",
            "iri": BASE + "system/中間サーバー",
            "id": "system/中間サーバー",
            "nationwide": True,
            "function": "符号管理機能 ...",
            "connection_note": None,
            "connections": [
                {
                    "iri": BASE + "system/情報提供ネットワークシステム",
                    "id": "system/情報提供ネットワークシステム",
                    "label": "情報提供ネットワークシステム",
                }
            ],
        }
    ],
    "files": [
        {
            "no": 1,
            "name": "介護保険情報ファイル",
            "iri": BASE + "assessment/" + ASSESSMENT_ID + "/file/1",
            "declared": {"provision": 82, "transfer": 10, "outsourcing": 6},
            "listed": {"provision": 82, "transfer": 10, "outsourcing": 6},
        }
    ],
    "number_use_legal_bases": [
        {
            **LEGAL_BASIS,
            "iri": BASE + "law/425AC0000000027/article/9/paragraph/1",
            "id": "law/425AC0000000027/article/9/paragraph/1",
            "article": "9",
            "paragraph": "1",
            "table": None,
            "table_item": None,
            "label": None,
            "law": "番号法",
            "text": "番号法第9条第1項 別表の100の項",
        }
    ],
    "network_legal_bases": [LEGAL_BASIS],
    "changes": 12,
}
FLOW: dict[str, Any] = {
    "iri": BASE + "assessment/" + ASSESSMENT_ID + "/file/1/provision/1",
    "kind": "provision",
    "assessment": ASSESSMENT_ID,
    "municipality": "川崎市",
    "affair": "介護保険法による介護保険に関する事務",
    "file": {"iri": BASE + "assessment/" + ASSESSMENT_ID + "/file/1", "name": "介護保険情報ファイル"},
    "no": 1,
    "recipient": {"iri": BASE + "body/全国健康保険協会", "id": "body/全国健康保険協会", "label": "全国健康保険協会"},
    "recipient_text": "全国健康保険協会",
    "legal_bases": [LEGAL_BASIS],
    "purpose": "介護保険法による保険給付の支給に関する事務",
    "information": "介護保険給付等関係情報",
    "methods": [
        {
            "iri": "https://w3id.org/pia-kg/code/method/network-system",
            "code": "network-system",
            "label": "情報提供ネットワークシステム",
        }
    ],
    "method_note": None,
    "frequency": "照会の都度",
    "via_annex": None,
    "source": {"document": "001_b80d6855a7643af9.txt", "location": "Ⅱ/ファイル1/5/提供先1", "lines": [412, 420]},
}
RECIPIENT: dict[str, Any] = {
    "recipient": FLOW["recipient"],
    "kinds": ["provision"],
    "municipalities": ["川崎市", "高崎市"],
    "municipality_count": 2,
    "affairs": ["介護保険法による介護保険に関する事務"],
    "legal_bases": [LEGAL_BASIS],
    "purposes": ["介護保険法による保険給付の支給に関する事務"],
    "flow_count": 2,
}
LEGAL_BASIS_ROW: dict[str, Any] = {
    **{k: v for k, v in LEGAL_BASIS.items() if k != "text"},
    "law_id": None,
    "flow_count": 2,
    "assessment_count": 2,
    "municipality_count": 2,
}
ORGANIZATION: dict[str, Any] = {
    "iri": BASE + "body/全国健康保険協会",
    "id": "body/全国健康保険協会",
    "label": "全国健康保険協会",
    "types": ["NationalBody", "RecipientBody"],
    "part_of": None,
    "flow_count": 3,
    "assessment_count": 3,
}
SYSTEM: dict[str, Any] = {
    "iri": BASE + "system/中間サーバー",
    "id": "system/中間サーバー",
    "label": "中間サーバー",
    "nationwide": True,
    "listed_in": [
        {
            "listing": BASE + "assessment/" + ASSESSMENT_ID + "/system/3",
            "no": 3,
            "assessment": ASSESSMENT_ID,
            "municipality": "川崎市",
            "affair": "介護保険法による介護保険に関する事務",
            "connects_to": [
                {
                    "iri": BASE + "system/情報提供ネットワークシステム",
                    "id": "system/情報提供ネットワークシステム",
                    "label": "情報提供ネットワークシステム",
                }
            ],
        }
    ],
}
SPARQL_RESULTS: dict[str, Any] = {
    "head": {"vars": ["recipient"]},
    "results": {"bindings": [{"recipient": {"type": "uri", "value": BASE + "body/全国健康保険協会"}}]},
}
TURTLE = (
    "<https://w3id.org/pia-kg/id/assessment/川崎市-61-2025-06-06> a <https://w3id.org/pia-kg/ontology#Assessment> ;\n"
    '  <https://w3id.org/pia-kg/ontology#assessmentNumber> "61" .\n'
)
ERROR: dict[str, Any] = {
    "status": 404,
    "error": "Not Found",
    "message": "No assessment with id 'x'. List them at GET /assessments.",
}


def responses(
    example: Any, *, csv: str | None = None, extra: dict[str, Any] | None = None, errors: tuple[int, ...] = (404, 422)
) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: a 200 example per media type and a JSON error example."""
    content: dict[str, Any] = {"application/json": {"example": example}}
    if csv is not None:
        content["text/csv"] = {"example": csv}
    for media_type, sample in (extra or {}).items():
        content[media_type] = {"example": sample}
    documented: dict[int | str, dict[str, Any]] = {200: {"content": content}}
    for status in errors:
        documented[status] = {
            "description": "An error with a message",
            "content": {"application/json": {"example": {**ERROR, "status": status}}},
        }
    return documented


KEPT_HEADERS = {
    "ETag": {
        "description": "Identifies this answer for this store state: send it back in If-None-Match",
        "schema": {"type": "string"},
    },
    "X-Cache": {
        "description": "`hit` when answered from what the server kept for this store state, `miss` when evaluated",
        "schema": {"type": "string", "enum": ["hit", "miss"]},
    },
}


def kept(documented: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """``documented`` plus what an answer kept per store state adds: its headers and ``304 Not Modified``."""
    documented[200] = {**documented[200], "headers": KEPT_HEADERS}
    documented[304] = {"description": "Not Modified: the ETag sent in If-None-Match is still this answer's"}
    return documented
