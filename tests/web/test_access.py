"""Who may do what: login, roles, sessions, CSRF, and what reaches the browser."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest

from audit.models import UserRow
from audit.users import Role, User, UserDirectory
from audit.web.app import SESSION_COOKIE
from schemas.events import EventType
from tests.web.conftest import DISABLED_USER, PASSWORD, USERS, ReviewApp, csrf_in, log_in

READ_PAGES = ["/runs", "/run", "/decisions", "/review", "/decision"]
ACTIONS = ["approve", "override", "export.csv", "bundle.zip"]


def _path(app: ReviewApp, page: str) -> str:
    decision = app.flagged_decision()
    return {
        "/run": f"/runs/{decision.run_id}",
        "/decision": f"/decisions/{decision.decision_id}",
    }.get(page, page)


def _act(app: ReviewApp, client: httpx.Client, action: str) -> httpx.Response:
    decision = app.flagged_decision()
    token = csrf_in(client.get(f"/runs/{decision.run_id}").text)
    if action in ("approve", "override"):
        data = {"action": action, "reason": "checked against the chart", "csrf_token": token}
        if action == "override":
            data["output"] = json.dumps(decision.payload["output"])
        return client.post(f"/decisions/{decision.decision_id}/review", data=data)
    return client.post(f"/runs/{decision.run_id}/{action}", data={"csrf_token": token})


ALLOWED = {
    Role.REVIEWER: {"approve", "override"},
    Role.AUDITOR: {"export.csv", "bundle.zip"},
    Role.ADMIN: set(ACTIONS),
}


@pytest.mark.parametrize("page", READ_PAGES)
def test_a_page_without_a_session_sends_to_the_login(review_app: ReviewApp, page: str) -> None:
    response = httpx.get(review_app.base_url + _path(review_app, page))

    assert response.status_code == 303
    assert response.headers["location"] == "/login"


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_without_a_session_is_refused(review_app: ReviewApp, action: str) -> None:
    decision = review_app.flagged_decision()
    path = (
        f"/decisions/{decision.decision_id}/review"
        if action in ("approve", "override")
        else f"/runs/{decision.run_id}/{action}"
    )
    before = len(review_app.store.events(decision_id=decision.decision_id))

    response = httpx.post(
        review_app.base_url + path, data={"action": action, "reason": "x", "csrf_token": "x"}
    )

    assert response.status_code == 401
    assert len(review_app.store.events(decision_id=decision.decision_id)) == before


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", READ_PAGES)
def test_every_role_may_read_every_page(review_app: ReviewApp, role: Role, page: str) -> None:
    assert review_app.client(role).get(_path(review_app, page)).status_code == 200


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_is_allowed_only_to_its_roles(
    review_app: ReviewApp, role: Role, action: str
) -> None:
    response = _act(review_app, review_app.client(role), action)

    if action in ALLOWED[role]:
        assert response.status_code in (200, 303), response.text
    else:
        assert response.status_code == 403
        assert "may not" in response.text


def test_a_wrong_password_opens_no_session(review_app: ReviewApp) -> None:
    client = httpx.Client(base_url=review_app.base_url)
    token = csrf_in(client.get("/login").text)

    response = client.post(
        "/login",
        data={"username": USERS[Role.ADMIN], "password": "not it at all", "csrf_token": token},
    )

    assert response.status_code == 401
    assert "unknown user or wrong password" in response.text
    assert SESSION_COOKIE not in client.cookies


def test_a_disabled_user_cannot_log_in(review_app: ReviewApp) -> None:
    with pytest.raises(AssertionError):
        log_in(review_app.base_url, DISABLED_USER)


def test_a_login_without_the_forms_token_is_refused(review_app: ReviewApp) -> None:
    response = httpx.post(
        review_app.base_url + "/login",
        data={"username": USERS[Role.ADMIN], "password": PASSWORD, "csrf_token": "forged"},
    )

    assert response.status_code == 403


def test_an_expired_session_sends_back_to_the_login(review_app: ReviewApp) -> None:
    user = User(USERS[Role.REVIEWER], Role.REVIEWER)
    token, _ = UserDirectory(review_app.store).open_session(user, timedelta(seconds=-1))
    client = httpx.Client(base_url=review_app.base_url, cookies={SESSION_COOKIE: token})

    response = client.get("/runs")

    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_logging_out_ends_the_session(review_app: ReviewApp) -> None:
    client = review_app.client(Role.AUDITOR)
    token = csrf_in(client.get("/runs").text)

    client.post("/logout", data={"csrf_token": token})

    assert client.get("/runs").status_code == 303


@pytest.mark.parametrize(
    "forge",
    [lambda _own, _other: "", lambda _own, other: other],
    ids=["no token", "another session's token"],
)
def test_a_form_without_the_sessions_csrf_token_is_refused(
    review_app: ReviewApp, forge: Callable[[str, str], str]
) -> None:
    reviewer, other = review_app.client(Role.REVIEWER), review_app.client(Role.ADMIN)
    own_token = csrf_in(reviewer.get("/runs").text)
    other_token = csrf_in(other.get("/runs").text)
    decision = review_app.flagged_decision()
    before = len(review_app.store.events(decision_id=decision.decision_id))

    response = reviewer.post(
        f"/decisions/{decision.decision_id}/review",
        data={"action": "approve", "reason": "", "csrf_token": forge(own_token, other_token)},
    )

    assert response.status_code == 403
    assert len(review_app.store.events(decision_id=decision.decision_id)) == before


def test_passwords_are_stored_as_argon2id_hashes_only(review_app: ReviewApp) -> None:
    with review_app.store.engine.connect() as conn:
        hashes = [
            row[0]
            for row in conn.execute(
                UserRow.__table__.select().with_only_columns(UserRow.password_hash)
            )
        ]  # type: ignore[attr-defined]

    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_the_session_cookie_is_http_only_and_same_site_strict(review_app: ReviewApp) -> None:
    client = httpx.Client(base_url=review_app.base_url)
    token = csrf_in(client.get("/login").text)

    response = client.post(
        "/login",
        data={"username": USERS[Role.ADMIN], "password": PASSWORD, "csrf_token": token},
    )

    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and SESSION_COOKIE in v
    )
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


def test_pages_are_not_cached_framed_or_scripted_inline(review_app: ReviewApp) -> None:
    response = review_app.client(Role.AUDITOR).get(_path(review_app, "/decision"))

    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    # The only script is the app's own file (keyboard shortcuts, form rows): none inline.
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/review.js">']


def test_credentials_travel_in_the_body_not_the_url(review_app: ReviewApp) -> None:
    form = httpx.get(review_app.base_url + "/login").text

    assert '<form method="post" action="/login"' in form


def test_adding_a_user_is_recorded_in_the_audit_trail(review_app: ReviewApp) -> None:
    added = review_app.store.events(event_type=EventType.USER_ADDED)

    recorded = {(e.payload["username"], e.payload["role"], e.actor) for e in added}
    assert recorded >= {(name, role.value, "tests") for role, name in USERS.items()}


def test_the_health_check_needs_no_login_and_says_nothing(review_app: ReviewApp) -> None:
    response = httpx.get(review_app.base_url + "/healthz")

    assert (response.status_code, response.text) == (200, "ok")
