"""Errors of the audit store.

AttestError (schemas.errors)
└── AuditError
    ├── ChainBroken        verification found an altered, missing or reordered record
    ├── CheckpointError    no usable signing key, or an event that is not in the log
    │   └── ChainKeyError  the chain key file is missing or not the one the trail is sealed with
    ├── AccessError        a user, role or password the review app cannot accept
    ├── ReviewError        a review the app refuses (no reason, a value outside the schema)
    ├── VaultError         a vault key that is missing, malformed or not the one rows were sealed with
    ├── StoreUnavailable   the database cannot be reached or its tables created
    └── WebError           a request the review app answers with an error (audit.web.app)
        ├── LoginRequired  no live session: to the login page
        ├── Forbidden      the role may not, or the form did not come from this app: 403
        └── NotFound       no such run, decision, page or queue: 404
"""

from __future__ import annotations

from schemas.errors import AttestError


class AuditError(AttestError):
    """Base of every error from the audit store."""


class ChainBroken(AuditError):
    pass


class CheckpointError(AuditError):
    pass


class ChainKeyError(CheckpointError):
    pass


class AccessError(AuditError):
    pass


class ReviewError(AuditError):
    pass


class VaultError(AuditError):
    pass


class StoreUnavailable(AuditError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="check the --db URL (or ATTEST_DB) and that the database server is running",
            retryable=True,
        )


class WebError(AuditError):
    pass


class LoginRequired(WebError):
    def __init__(self, message: str = "log in first") -> None:
        super().__init__(message)


class Forbidden(WebError):
    pass


class NotFound(WebError):
    pass
