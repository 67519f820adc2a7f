"""The root of every error attest raises on purpose.

    AttestError                      hint: what the operator should do; retryable: may a retry help
    ├── extractors.errors.ExtractorError
    │   ├── RejectedInput            bad input, not a bug: the document is moved aside with a reason
    │   ├── OcrUnavailable           tesseract missing or broken on this machine
    │   └── BackendError             the model backend failed (retryable when transient)
    ├── audit.errors.AuditError
    │   ├── ChainBroken              verification found an altered, missing or reordered record
    │   └── StoreUnavailable         the database cannot be reached or migrated
    └── flows.errors.FlowError
        └── ConfigError              a setting is missing or contradictory

Each package defines its own subtree next to its code; this module holds only the root so
that every package can share it without importing each other.
"""

from __future__ import annotations


class AttestError(Exception):
    """An error with an operator-facing hint and a retry verdict."""

    retryable: bool = False

    def __init__(self, message: str, *, hint: str = "", retryable: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if retryable is not None:
            self.retryable = retryable

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message
