"""What every route of the review app is built over: one audit store and the parts over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from audit.errors import NotFound
from audit.logins import LoginGate
from audit.review import DecisionDetail, ReviewLedger, ReviewProjection
from audit.store import AuditStore
from audit.users import UserDirectory
from audit.web.review_tools import ReviewTools

# Writes a run's evidence bundle into a folder and returns the manifest path. The bundle needs
# the installed schemas and prompts, which only the flows layer knows, so it is passed in.
BundleWriter = Callable[[AuditStore, str, Path], Path]


@dataclass(frozen=True)
class WebContext:
    store: AuditStore
    users: UserDirectory
    gate: LoginGate
    projection: ReviewProjection
    ledger: ReviewLedger
    tools: ReviewTools
    four_eyes: frozenset[str]  # the domains where a less urgent override needs four eyes
    bundle_writer: BundleWriter | None
    session_lifetime: timedelta
    secure_cookies: bool

    def decision(self, decision_id: str) -> DecisionDetail:
        """The decision a route names, or the 404 every route gives for an unknown one."""
        detail = self.projection.decision(decision_id)
        if detail is None:
            raise NotFound(f"no decision {decision_id} in this audit store")
        return detail
