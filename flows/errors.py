"""Errors of the flows and the CLI.

AttestError (schemas.errors)
└── FlowError
    ├── ConfigError      a setting is missing, malformed or contradictory
    ├── InboxError       the inbox folder is missing or unreadable
    └── WorkerError      a worker process failed on a document (retryable when transient)
"""

from __future__ import annotations

from schemas.errors import AttestError


class FlowError(AttestError):
    """Base of errors raised by flows and the CLI."""


class ConfigError(FlowError):
    pass


class InboxError(FlowError):
    pass


class WorkerError(FlowError):
    pass
