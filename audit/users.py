"""People who may use the review app, their roles, and their login sessions.

Passwords are hashed with Argon2id (argon2-cffi); only a hash of each session token is kept.
Adding a user, changing a role and disabling a user are audit events, so the trail says who
could see what, when; and the trail, not the `users` table, is the authority: a user the trail
does not know, a role or a password hash changed in the table behind the app's back is refused
here and reported by `attest verify` (`discrepancies`).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from audit.errors import AccessError
from audit.models import AuditEventRow, UserRow, WebSessionRow
from audit.passwords import check_password_strength
from audit.store import AuditStore
from schemas.events import EventType, UserAdded, UserDisabled, UserRoleChanged

ADMIN_RUN_ID = "access"  # the run_id of events about users, which belong to no batch
_USER_EVENTS = [
    str(t) for t in (EventType.USER_ADDED, EventType.USER_ROLE_CHANGED, EventType.USER_DISABLED)
]
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,63}")
_HASHER = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class Role(StrEnum):
    REVIEWER = "reviewer"  # reads everything, approves and overrides decisions
    AUDITOR = "auditor"  # reads everything, exports; changes nothing
    ADMIN = "admin"  # all of the above


class Permission(StrEnum):
    READ = "read"
    REVIEW = "review"
    EXPORT = "export"


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REVIEWER: frozenset({Permission.READ, Permission.REVIEW}),
    Role.AUDITOR: frozenset({Permission.READ, Permission.EXPORT}),
    Role.ADMIN: frozenset(Permission),
}


@dataclass(frozen=True)
class User:
    username: str
    role: Role
    disabled: bool = False

    def may(self, permission: Permission) -> bool:
        return not self.disabled and permission in PERMISSIONS[self.role]


@dataclass(frozen=True)
class TrailUser:
    """A user as the audit trail records them."""

    role: str
    disabled: bool
    password_sha256: str | None  # None for users added before it was recorded


@dataclass(frozen=True)
class LoginCheck:
    user: User | None
    reason: str = ""  # why not: unknown_user, wrong_password, disabled, not_in_trail
    known: bool = False  # the name is a user's (it may then be recorded)


@dataclass(frozen=True)
class WebSession:
    user: User
    csrf_token: str
    expires_at: str


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def session_ref(token_sha256: str) -> str:
    """Names a session in the trail without giving what the sessions table looks it up by."""
    return hashlib.sha256(b"attest session\0" + token_sha256.encode()).hexdigest()


def token_session_ref(token: str) -> str:
    """The session_ref of the session a cookie token opens."""
    return session_ref(_token_hash(token))


class UserDirectory:
    """Users and sessions in the audit database, beside the chain they are recorded in."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store
        self._recorded_sessions: set[str] = set()  # token hashes whose login is in the trail

    # -- users -----------------------------------------------------------------------------

    def add(self, username: str, password: str, role: Role | str, *, actor: str) -> User:
        if not _USERNAME.fullmatch(username):
            raise AccessError(
                f"{username!r} is not a valid user name",
                hint="use 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
            )
        try:
            role = Role(role)
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise AccessError(f"unknown role {role!r}", hint=f"choose one of: {valid}") from None
        check_password_strength(password, username=username)
        if self._row(username) is not None or username in self.trail_users():
            raise AccessError(
                f"user {username!r} exists already", hint="choose another name or disable it first"
            )
        password_hash = _HASHER.hash(password)
        with self.store.engine.begin() as conn:
            conn.execute(
                insert(UserRow).values(
                    username=username,
                    password_hash=password_hash,
                    role=role.value,
                    created_at=_stamp(_now()),
                    disabled=False,
                )
            )
        added = UserAdded(
            username=username, role=role.value, password_sha256=_sha256(password_hash)
        )
        self.store.append([added.to_event(EventType.USER_ADDED, ADMIN_RUN_ID, actor=actor)])
        return User(username, role)

    def set_role(self, username: str, role: Role | str, *, actor: str) -> User:
        try:
            role = Role(role)
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise AccessError(f"unknown role {role!r}", hint=f"choose one of: {valid}") from None
        if self.get(username) is None:
            raise AccessError(f"no user {username!r}", hint="list users with `attest users list`")
        with self.store.engine.begin() as conn:
            conn.execute(update(UserRow).where(UserRow.username == username).values(role=role))
        changed = UserRoleChanged(username=username, role=role.value)
        self.store.append(
            [changed.to_event(EventType.USER_ROLE_CHANGED, ADMIN_RUN_ID, actor=actor)]
        )
        return User(username, role)

    def disable(self, username: str, *, actor: str) -> None:
        if self.get(username) is None:
            raise AccessError(f"no user {username!r}", hint="list users with `attest users list`")
        with self.store.engine.begin() as conn:
            conn.execute(update(UserRow).where(UserRow.username == username).values(disabled=True))
            conn.execute(delete(WebSessionRow).where(WebSessionRow.username == username))
        self.store.append(
            [
                UserDisabled(username=username).to_event(
                    EventType.USER_DISABLED, ADMIN_RUN_ID, actor=actor
                )
            ]
        )

    def trail_users(self) -> dict[str, TrailUser]:
        """Every user as the audit trail has them: added, role changes, disabled."""
        query = (
            select(AuditEventRow.event_type, AuditEventRow.payload)
            .where(AuditEventRow.event_type.in_(_USER_EVENTS))
            .order_by(AuditEventRow.seq)
        )
        users: dict[str, TrailUser] = {}
        with self.store.engine.connect() as conn:
            for event_type, payload_json in conn.execute(query):
                payload = json.loads(payload_json)
                name = payload["username"]
                known = users.get(name)
                if event_type == EventType.USER_ADDED:
                    users[name] = TrailUser(payload["role"], False, payload.get("password_sha256"))
                elif known is not None and event_type == EventType.USER_ROLE_CHANGED:
                    users[name] = TrailUser(payload["role"], known.disabled, known.password_sha256)
                elif known is not None:
                    users[name] = TrailUser(known.role, True, known.password_sha256)
        return users

    def _row(self, username: str) -> tuple[str, str, bool] | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(UserRow.password_hash, UserRow.role, UserRow.disabled).where(
                    UserRow.username == username
                )
            ).first()
        return (row[0], row[1], bool(row[2])) if row else None

    def exists(self, username: str) -> bool:
        """A row of that name is in the users table (whether or not the trail backs it)."""
        return self._row(username) is not None

    def get(self, username: str) -> User | None:
        """The user with the role and state the trail gives them; None when the trail has
        no such user (a row inserted into the table directly)."""
        row = self._row(username)
        recorded = self.trail_users().get(username)
        if row is None or recorded is None:
            return None
        return User(username, Role(recorded.role), row[2] or recorded.disabled)

    def all(self) -> list[User]:
        recorded = self.trail_users()
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(UserRow.username, UserRow.disabled).order_by(UserRow.username)
            ).all()
        return [
            User(name, Role(recorded[name].role), bool(disabled) or recorded[name].disabled)
            for name, disabled in rows
            if name in recorded
        ]

    def discrepancies(self) -> list[str]:
        """Where the users table disagrees with the trail (what `attest verify` reports)."""
        recorded = self.trail_users()
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(UserRow.username, UserRow.role, UserRow.disabled, UserRow.password_hash)
            ).all()
        found = []
        for name, role, disabled, password_hash in rows:
            trail = recorded.get(name)
            if trail is None:
                found.append(f"user {name!r} is not in the audit trail: the row was inserted")
                continue
            if role != trail.role:
                found.append(
                    f"user {name!r} has role {role!r} but the trail gives {trail.role!r}: "
                    "the row was changed (the app uses the trail's role)"
                )
            if trail.disabled and not disabled:
                found.append(f"user {name!r} was disabled in the trail but the row is enabled")
            if trail.password_sha256 and trail.password_sha256 != _sha256(password_hash):
                found.append(
                    f"user {name!r}'s password hash is not the one recorded: the row was changed "
                    "(logins as this user are refused)"
                )
        return found

    def check_login(self, username: str, password: str) -> LoginCheck:
        row = self._row(username)
        try:
            _HASHER.verify(row[0] if row else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return LoginCheck(None, "wrong_password" if row else "unknown_user", row is not None)
        if row is None:
            return LoginCheck(None, "unknown_user")
        recorded = self.trail_users().get(username)
        if recorded is None or (
            recorded.password_sha256 is not None and recorded.password_sha256 != _sha256(row[0])
        ):
            return LoginCheck(None, "not_in_trail", True)
        if row[2] or recorded.disabled:
            return LoginCheck(None, "disabled", True)
        return LoginCheck(User(username, Role(recorded.role)), "", True)

    def authenticate(self, username: str, password: str) -> User | None:
        return self.check_login(username, password).user

    # -- sessions --------------------------------------------------------------------------

    def open_session(self, user: User, lifetime: timedelta) -> tuple[str, WebSession]:
        """A new session; the token goes into the cookie and is never stored."""
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = _now()
        expires = _stamp(now + lifetime)
        with self.store.engine.begin() as conn:
            conn.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < _stamp(now)))
            conn.execute(
                insert(WebSessionRow).values(
                    token_sha256=_token_hash(token),
                    username=user.username,
                    csrf_token=csrf,
                    created_at=_stamp(now),
                    expires_at=expires,
                )
            )
        return token, WebSession(user, csrf, expires)

    def session(self, token: str) -> WebSession | None:
        """The live session for a cookie token; None when unknown, expired or its user disabled."""
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(
                    WebSessionRow.username, WebSessionRow.csrf_token, WebSessionRow.expires_at
                ).where(WebSessionRow.token_sha256 == _token_hash(token))
            ).first()
        if row is None or row[2] <= _stamp(_now()):
            return None
        if not self._login_recorded(_token_hash(token)):
            return None  # a session row no login opened: inserted into the table directly
        user = self.get(row[0])
        if user is None or user.disabled:
            return None
        return WebSession(user, row[1], row[2])

    def _login_recorded(self, token_sha256: str) -> bool:
        if token_sha256 in self._recorded_sessions:
            return True
        query = (
            select(AuditEventRow.seq)
            .where(AuditEventRow.event_type == str(EventType.LOGIN_SUCCEEDED))
            .where(AuditEventRow.payload.contains(session_ref(token_sha256), autoescape=True))
            .limit(1)
        )
        with self.store.engine.connect() as conn:
            found = conn.scalar(query) is not None
        if found:
            self._recorded_sessions.add(token_sha256)
        return found

    def close_session(self, token: str) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(
                delete(WebSessionRow).where(WebSessionRow.token_sha256 == _token_hash(token))
            )
