from http import HTTPStatus

import pytest


@pytest.mark.django_db
def test_health_answers_without_a_gateway_token(client):
    response = client.get("/health")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "service": "auth"}


@pytest.mark.django_db
def test_readiness_reports_each_store(client):
    response = client.get("/health/ready")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["checks"]["sql:default"] == "ok"


@pytest.mark.django_db
def test_a_request_without_a_gateway_token_is_rejected(client):
    response = client.get("/api/v1/auth/me")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"


@pytest.mark.django_db
def test_a_gateway_token_for_another_service_is_rejected(client):
    from shared.testing.tokens import gateway_token

    response = client.get("/api/v1/auth/me", HTTP_X_GATEWAY_TOKEN=gateway_token("not-auth"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"].startswith("gateway_")


@pytest.mark.django_db
def test_an_unknown_path_is_a_json_404(api):
    response = api.get("/api/v1/auth/nothing-here")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_the_admin_login_page_is_served_through_a_gateway_token(api):
    response = api.get("/admin/auth/login/")

    assert response.status_code == HTTPStatus.OK
