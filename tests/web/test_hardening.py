"""The review app on a trail older stores left behind (a decision recorded twice), on query
values out of range, and on errors: it answers, and every answer carries the security headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from audit import AuditStore
from audit.web import create_app
from audit.web.security import SECURITY_HEADERS
from tests.web.conftest import PASSWORD, csrf_in, log_in
from tests.web.small_app import (
    add_users,
    decision_recorded,
    run_started,
    serving,
    sqlite_store,
)


@pytest.fixture
def duplicated(tmp_path: Path) -> Iterator[AuditStore]:
    """Three decisions, two of them recorded twice (retried record stages of an older store)."""
    store = sqlite_store(tmp_path)
    add_users(store)
    store.append([run_started(3), decision_recorded(1), decision_recorded(2)])
    store.append([decision_recorded(1)])
    store.append([decision_recorded(3), decision_recorded(2)])
    yield store
    store.close()


@pytest.fixture
def served(duplicated: AuditStore) -> Iterator[str]:
    with serving(duplicated) as url:
        yield url


@pytest.mark.parametrize("page", ["/runs", "/runs/run_small", "/decisions", "/review"])
def test_duplicate_decisions_in_the_trail_do_not_hang_the_app(served: str, page: str) -> None:
    client = log_in(served, "rita")
    client.timeout = httpx.Timeout(20)

    response = client.get(page)

    assert response.status_code == 200


def test_each_decision_is_listed_once(served: str) -> None:
    page = log_in(served, "rita").get("/decisions").text

    assert [page.count(f">dec_000{n}<") for n in (1, 2, 3)] == [1, 1, 1]


def test_a_csv_export_lists_each_decision_once(served: str) -> None:
    client = log_in(served, "aldo")
    token = csrf_in(client.get("/runs/run_small").text)

    rows = client.post("/runs/run_small/export.csv", data={"csrf_token": token}).text.splitlines()

    assert sorted(row.split(",")[0] for row in rows[1:]) == ["dec_0001", "dec_0002", "dec_0003"]


@pytest.mark.parametrize(
    "query",
    [
        "/decisions?before=99999999999999999999",
        "/decisions?before=-1",
        "/decisions?before=abc",
        "/review?after=99999999999999999999",
    ],
)
def test_a_cursor_out_of_range_is_a_clear_400(served: str, query: str) -> None:
    response = log_in(served, "rita").get(query)

    assert response.status_code == 400
    assert "malformed" in response.text and query.split("?")[1].split("=")[0] in response.text
    _assert_security_headers(response)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/no/such/page", 404),
        ("DELETE", "/runs", 405),
        ("GET", "/decisions/dec_none", 404),
        ("POST", "/login", 400),
    ],
)
def test_error_responses_carry_the_security_headers(
    served: str, method: str, path: str, status: int
) -> None:
    client = log_in(served, "rita")

    response = client.request(method, path)

    assert response.status_code == status
    _assert_security_headers(response)


def test_an_internal_error_carries_the_security_headers_and_no_traceback(
    duplicated: AuditStore,
) -> None:
    app: FastAPI = create_app(duplicated)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret document text")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")

    assert response.status_code == 500
    assert "secret document text" not in response.text and "Traceback" not in response.text
    _assert_security_headers(response)


def test_a_locked_login_page_carries_the_security_headers(duplicated: AuditStore) -> None:
    from audit.logins import LoginPolicy

    with serving(duplicated, LoginPolicy(max_failures=1, lock_s=60)) as url:
        client = httpx.Client(base_url=url)
        for password in ("wrong password one", PASSWORD):
            token = csrf_in(client.get("/login").text)
            response = client.post(
                "/login", data={"username": "rita", "password": password, "csrf_token": token}
            )

    assert response.status_code == 429
    _assert_security_headers(response)


def _assert_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert response.headers.get("cache-control") == "no-store"
