"""Uploading and deleting assessments needs the operator's token; sizes are limited; errors are clear."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app

TOKEN = "operator-secret-token"
KAWASAKI = "川崎市-61-2025-06-06"


def _upload(client: TestClient, headers: dict[str, str] | None = None, size: int = 10):
    files = [("files", ("kaigo.txt", ("評" * size).encode(), "text/plain"))]
    return client.post("/assessments", files=files, headers=headers or {})


def test_upload_needs_the_operator_token(fresh) -> None:
    client, _, calls = fresh
    missing = _upload(client)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["message"]
    assert _upload(client, {"Authorization": "Bearer wrong"}).status_code == 403
    assert _upload(client, {"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert calls == []
    accepted = _upload(client, {"Authorization": f"Bearer {TOKEN}"})
    assert accepted.status_code == 201
    assert accepted.json() == {
        "documents": [{"file": "kaigo.txt", "status": "loaded", "assessment_id": None, "error": None, "warnings": 0}]
    }
    assert calls == [["評" * 10]]


def test_upload_size_limit(fresh) -> None:
    client, _, calls = fresh
    too_big = _upload(client, {"Authorization": f"Bearer {TOKEN}"}, size=2000)  # 6,000 bytes > 5,000
    assert too_big.status_code == 413
    assert "5000 bytes" in too_big.json()["message"]
    assert calls == []


def test_upload_without_files_or_loader(fresh, embedded_store, make_settings) -> None:
    client, _, _ = fresh
    assert client.post("/assessments", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    no_loader = TestClient(create_app(make_settings(), store=embedded_store))
    response = _upload(no_loader, {"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 501
    assert "pia-kg load" in response.json()["message"]


def test_changes_are_refused_when_no_token_is_configured(embedded_store, make_settings) -> None:
    closed = TestClient(create_app(make_settings(admin_token=""), store=embedded_store))
    for response in (
        _upload(closed, {"Authorization": "Bearer anything"}),
        closed.delete(f"/assessments/{KAWASAKI}", headers={"Authorization": "Bearer anything"}),
    ):
        assert response.status_code == 403
        assert "PIA_KG_ADMIN_TOKEN" in response.json()["message"]


def test_delete_drops_the_graph_with_the_token_only(fresh) -> None:
    client, store, _ = fresh
    graph = f"https://w3id.org/pia-kg/id/graph/{KAWASAKI}"
    assert client.delete(f"/assessments/{KAWASAKI}").status_code == 401
    assert client.delete(f"/assessments/{KAWASAKI}", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert graph in store.graphs()
    response = client.delete(f"/assessments/{KAWASAKI}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.json() == {"deleted": KAWASAKI, "graph": graph}
    assert graph not in store.graphs()
    assert client.get(f"/assessments/{KAWASAKI}").status_code == 404
    again = client.delete(f"/assessments/{KAWASAKI}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 404
