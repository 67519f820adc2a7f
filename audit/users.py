"""People who may use the review app, their roles, and their login sessions.

Passwords are hashed with Argon2id (argon2-cffi); only a hash of each session token is kept.
Adding or disabling a user is an audit event, so the trail says who could see what, when.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from audit.errors import AccessError
from audit.models import UserRow, WebSessionRow
from audit.store import AuditStore
from schemas.events import EventType, UserAdded, UserDisabled

ADMIN_RUN_ID = "access"  # the run_id of events about users, which belong to no batch
MIN_PASSWORD_LENGTH = 12
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


class UserDirectory:
    """Users and sessions in the audit database, beside the chain they are recorded in."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store

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
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccessError(
                "the password is too short",
                hint=f"use at least {MIN_PASSWORD_LENGTH} characters",
            )
        if self.get(username) is not None:
            raise AccessError(
                f"user {username!r} exists already", hint="choose another name or disable it first"
            )
        with self.store.engine.begin() as conn:
            conn.execute(
                insert(UserRow).values(
                    username=username,
                    password_hash=_HASHER.hash(password),
                    role=role.value,
                    created_at=_stamp(_now()),
                    disabled=False,
                )
            )
        self.store.append(
            [
                UserAdded(username=username, role=role.value).to_event(
                    EventType.USER_ADDED, ADMIN_RUN_ID, actor=actor
                )
            ]
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

    def get(self, username: str) -> User | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(UserRow.username, UserRow.role, UserRow.disabled).where(
                    UserRow.username == username
                )
            ).first()
        return User(row[0], Role(row[1]), bool(row[2])) if row else None

    def all(self) -> list[User]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(UserRow.username, UserRow.role, UserRow.disabled).order_by(UserRow.username)
            ).all()
        return [User(name, Role(role), bool(disabled)) for name, role, disabled in rows]

    def authenticate(self, username: str, password: str) -> User | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(UserRow.password_hash, UserRow.role, UserRow.disabled).where(
                    UserRow.username == username
                )
            ).first()
        try:
            _HASHER.verify(row[0] if row else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row[2]:
            return None
        return User(username, Role(row[1]))

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
        user = self.get(row[0])
        if user is None or user.disabled:
            return None
        return WebSession(user, row[1], row[2])

    def close_session(self, token: str) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(
                delete(WebSessionRow).where(WebSessionRow.token_sha256 == _token_hash(token))
            )
