"""Errors of the flows and the CLI.

AttestError (schemas.errors)
└── FlowError
    ├── ConfigError      a setting is missing, malformed or contradictory
    ├── InboxError       the inbox folder is missing or unreadable
    ├── WorkerError      a worker process failed on a document (retryable when transient)
    └── FileAccessError  a stage could not read or write a file (retryable): the OSError
                         without its file names, which are the documents' names
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


class FileAccessError(FlowError):
    """An OSError in a stage, told without the paths it names: Prefect logs a failed task's
    exception at ERROR level, and inbox file names may themselves identify a patient."""

    def __init__(self, stage: str, error: OSError) -> None:
        reason = f"errno {error.errno}: {error.strerror}" if error.errno else "no errno"
        super().__init__(
            f"{type(error).__name__} ({reason}) while the {stage} stage read or wrote a file",
            hint="check the inbox and output folders' space and permissions; the document "
            "stays in the inbox and is retried by the next run",
            retryable=True,
        )
