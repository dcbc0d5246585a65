"""/healthz for load balancers and the one-JSON-line-per-request log."""

import json
import logging

import pytest
from django.db import DatabaseError

from drafting import observability
from drafting.web import health


@pytest.fixture(autouse=True)
def fresh_health(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


@pytest.mark.django_db
def test_healthz_is_ok_without_an_account_and_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_pending_migrations(client, monkeypatch):
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [1, 2])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "pending_migrations": 2}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "_pending_migrations", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "connection refused"


@pytest.mark.django_db
def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


def request_lines(caplog) -> list[dict]:
    formatter = observability.JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "drafting.request"]


def test_every_request_is_one_json_line_with_the_user(client, reviewer, bill, caplog):
    client.force_login(reviewer)
    with caplog.at_level(logging.INFO, logger="drafting.request"):
        client.get(f"/bills/{bill.pk}/")
    (line,) = request_lines(caplog)
    assert line["method"] == "GET" and line["path"] == f"/bills/{bill.pk}/"
    assert line["status"] == 200 and line["user_id"] == reviewer.pk
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and line["logger"] == "drafting.request"


@pytest.mark.django_db
def test_anonymous_requests_log_no_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="drafting.request"):
        client.get("/healthz")
    (line,) = request_lines(caplog)
    assert line["user_id"] is None and line["status"] == 200


def test_errors_carry_their_traceback_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "failed", None, None)
        import sys

        record.exc_info = sys.exc_info()
    text = observability.JsonFormatter().format(record)
    assert "\n" not in text
    entry = json.loads(text)
    assert entry["message"] == "failed" and "ValueError: boom" in entry["traceback"]
