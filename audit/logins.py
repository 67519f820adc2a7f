"""Logins: throttled per account and per client address, and every attempt in the audit trail.

After `max_failures` failed logins in a row, an account (or, after `max_client_failures`, a
client address, whichever account it tries) is locked: every attempt is refused, the right
password included, until the lock ends. Each further lock of the same account or address lasts
twice as long as the one before, up to `max_lock_s`; a successful login clears the account's
count. While locked, no password is checked at all, so a storm costs the server little.

The counts live in the server process (a restart forgets them; so do several app processes
behind one balancer, each counting its own). What is durable is the trail: `login_succeeded`,
`login_failed` (with why) and `login_locked` events, naming the account only when it exists
and never the password.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from audit.store import AuditStore
from audit.users import ADMIN_RUN_ID, LoginCheck, User, UserDirectory, token_session_ref
from schemas.events import EventType, LoginFailed, LoginLocked, LoginSucceeded


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    """Failed logins in a row that lock an account."""
    max_client_failures: int = 20
    """Failed logins in a row from one client address (any accounts) that lock the address."""
    lock_s: float = 60.0
    """The first lock; each further one doubles."""
    max_lock_s: float = 3600.0
    forget_after_s: float = 900.0
    """Failures older than this (with none since) no longer count towards a lock."""


_MAX_COUNTERS = 10_000


@dataclass
class _Counter:
    failures: int = 0
    locks: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    retry_after_s: float = 0.0
    """Above 0: refused because of a lock, which ends in this many seconds."""


@dataclass
class LoginGate:
    """Checks a login against the throttle and the users, and records it in the trail."""

    users: UserDirectory
    store: AuditStore
    policy: LoginPolicy = field(default_factory=LoginPolicy)
    clock: Callable[[], float] = time.monotonic
    _accounts: dict[str, _Counter] = field(default_factory=dict)
    _clients: dict[str, _Counter] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, username: str, password: str, client: str) -> LoginOutcome:
        now = self.clock()
        with self._lock:
            locked_for = max(
                self._remaining(self._accounts.get(username), now),
                self._remaining(self._clients.get(client), now),
            )
        if locked_for > 0:
            known = self.users.exists(username)  # only a user's name is recorded
            self._record_failure(username if known else None, client, "locked")
            return LoginOutcome(None, locked_for)
        check = self.users.check_login(username, password)
        if check.user is not None:
            with self._lock:
                # Only the account's count: logging in to one's own account must not wipe what
                # an address did to others.
                self._accounts.pop(username, None)
            return LoginOutcome(check.user)
        self._failed(username, client, check, now)
        return LoginOutcome(None)

    def record_success(self, user: User, client: str, session_token: str) -> None:
        """Record the login that opened the session of `session_token` (which the session's
        check looks for: a session row no recorded login opened is refused)."""
        event = LoginSucceeded(
            username=user.username, client=client, session_ref=token_session_ref(session_token)
        )
        self.store.append(
            [event.to_event(EventType.LOGIN_SUCCEEDED, ADMIN_RUN_ID, actor=user.username)]
        )

    def _failed(self, username: str, client: str, check: LoginCheck, now: float) -> None:
        name = username if check.known else None
        self._record_failure(name, client, check.reason)
        locks: list[LoginLocked] = []
        with self._lock:
            self._forget_old(now)
            counters: list[tuple[str, _Counter, int]] = [
                (
                    "client",
                    self._clients.setdefault(client, _Counter()),
                    self.policy.max_client_failures,
                )
            ]
            # Names that are no user's get no counter of their own (none could log in, and none
            # is kept): the address's counter covers guessing them.
            if check.known:
                account = self._accounts.setdefault(username, _Counter())
                counters.insert(0, ("account", account, self.policy.max_failures))
            for scope, counter, limit in counters:
                if now - counter.last_failure > self.policy.forget_after_s:
                    counter.failures, counter.locks = 0, 0
                counter.failures += 1
                counter.last_failure = now
                if counter.failures >= limit:
                    seconds = min(self.policy.lock_s * 2**counter.locks, self.policy.max_lock_s)
                    counter.locks += 1
                    counter.locked_until = now + seconds
                    locks.append(
                        LoginLocked(
                            scope=scope,  # type: ignore[arg-type]
                            username=name,
                            client=client,
                            failures=counter.failures,
                            locked_s=seconds,
                        )
                    )
                    counter.failures = 0
        if locks:
            self.store.append(
                [
                    lock.to_event(EventType.LOGIN_LOCKED, ADMIN_RUN_ID, actor=name or "anonymous")
                    for lock in locks
                ]
            )

    def _record_failure(self, username: str | None, client: str, reason: str) -> None:
        event = LoginFailed(username=username, client=client, reason=reason)  # type: ignore[arg-type]
        self.store.append(
            [event.to_event(EventType.LOGIN_FAILED, ADMIN_RUN_ID, actor=username or "anonymous")]
        )

    def _forget_old(self, now: float) -> None:
        """Bound the memory an attacker with many addresses can make the server use."""
        for counters in (self._accounts, self._clients):
            if len(counters) > _MAX_COUNTERS:
                for name, counter in list(counters.items()):
                    if now - counter.last_failure > self.policy.forget_after_s and (
                        counter.locked_until <= now
                    ):
                        del counters[name]

    @staticmethod
    def _remaining(counter: _Counter | None, now: float) -> float:
        return max(0.0, counter.locked_until - now) if counter is not None else 0.0
