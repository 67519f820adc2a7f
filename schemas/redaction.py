"""What redaction hands on: text with typed placeholders, and facts about what was removed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from schemas.canonical import sha256_hex, sha256_of
from schemas.redaction_policy import Operator, PolicyRef


class RedactedSpan(BaseModel):
    """One replaced span, described without its original text."""

    model_config = ConfigDict(frozen=True)

    entity_type: str = Field(
        description="Presidio entity type, e.g. PERSON, US_SSN, MEDICAL_RECORD_NUMBER"
    )
    placeholder: str = Field(
        description="what replaced the original: <PERSON_1> (the same original gets the same "
        "placeholder), ****2213, a shifted date, a year, 90+, 627**"
    )
    start: int = Field(description="start offset of the placeholder in the redacted text")
    end: int
    recognizer: str = Field(description="which recognizer or rule matched")
    score: float
    operator: Operator = Field(default="replace", description="the policy's operator applied")


class RedactionConfig(BaseModel):
    """Everything that determines redaction output: recorded with every decision for replay."""

    model_config = ConfigDict(frozen=True)

    policies: tuple[PolicyRef, ...] = Field(
        description="every policy the redactor applies (the default, then one per domain): "
        "id, version and content hash"
    )
    entity_types: tuple[str, ...]
    recognizers: tuple[str, ...] = Field(description="recognizer name@version, sorted")
    nlp_engine: str = Field(description="e.g. 'spacy.blank(en)+lowercase-lemma' or a model digest")
    presidio_version: str
    secret_id: str = Field(
        description="fingerprint of the site secret that keys date shifts and hashes; "
        "a new secret shifts every date differently"
    )

    @property
    def sha256(self) -> str:
        return sha256_of(self.model_dump(mode="json"))


class RedactedDocument(BaseModel):
    """The only form of a document's text that leaves the redaction stage."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    text: str
    spans: tuple[RedactedSpan, ...]
    config: RedactionConfig
    policy: PolicyRef = Field(description="the policy applied to this document")

    @property
    def counts(self) -> dict[str, int]:
        """Distinct originals redacted, by entity type (a name seen 3 times counts once)."""
        seen: dict[str, set[str]] = {}
        for span in self.spans:
            seen.setdefault(span.entity_type, set()).add(span.placeholder)
        return {etype: len(placeholders) for etype, placeholders in sorted(seen.items())}

    @property
    def text_sha256(self) -> str:
        return sha256_hex(self.text)
