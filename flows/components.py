"""The parts that work on documents, built from the settings, and the run's configuration hash.

The configuration hash covers everything that determines a decision's output: backend and
model identity, instructions (prompt or rule set), output schemas, redaction configuration,
parser and OCR engine, summary templates and the checks' settings. Two runs with equal hashes
must produce equal decisions, so a re-run skips what is already decided; a change of any of
these makes new decisions that name the ones they supersede.

Built here, used by the batch's pipeline (flows/pipeline.py), its worker processes
(flows/workers.py, which need no backend) and `attest eval` (no audit store).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extractors.limits import ParseLimits
from extractors.llm.base import Backend
from extractors.llm.registry import create_backend
from extractors.ocr.tesseract import TesseractOcr
from extractors.parse import parser_description
from extractors.redact import Redactor
from extractors.redact.ner import default_model_path
from extractors.render import template_ref
from flows.errors import ConfigError
from flows.model.serving import serving
from flows.redaction_keys import load_or_create_secret
from flows.settings import Settings
from schemas.canonical import sha256_of
from schemas.document import DOMAINS
from schemas.generation import DecodingParams, InstructionsRef, ModelIdentity
from schemas.outputs import SchemaRef, schema_ref
from schemas.redaction import RedactionConfig

_PACKAGES = ("schemas", "extractors", "audit", "flows", "corpora", "training")


@cache
def code_version() -> str:
    """Package version plus a digest of the installed sources, so edits show up in the trail."""
    try:
        version = importlib.metadata.version("attest")
    except importlib.metadata.PackageNotFoundError:
        version = "0+unknown"
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in {".py", ".j2"} and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{version}+src.{digest.hexdigest()[:12]}"


class RunConfig(BaseModel):
    """What a run records in its `run_started` event and hashes into `config_hash`."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    started_at: str
    code_version: str
    domain_setting: str
    identity: ModelIdentity
    instructions: dict[str, InstructionsRef]
    schemas: dict[str, SchemaRef]
    summary_templates: dict[str, str]
    redaction: RedactionConfig
    parser: str
    ocr_engine: str
    ocr_dpi: int
    low_ocr_confidence: float

    @property
    def config_hash(self) -> str:
        determining = self.model_dump(mode="json", exclude={"run_id", "started_at", "code_version"})
        return sha256_of(determining)

    def decision_id(self, doc_id: str) -> str:
        return "dec_" + hashlib.sha256(f"{doc_id}:{self.config_hash}".encode()).hexdigest()[:24]


def build_backend(settings: Settings) -> Backend:
    """The configured backend; a language model uses the promoted adapter unless the settings
    name another (flows.model.serving), and records the promotion that allowed it."""
    served = serving(settings)
    settings = served.settings
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return create_backend(
        settings.backend,
        promotion_event_id=served.promotion_event_id,
        url=settings.llm_url,
        model=settings.model,
        api_key=key,
        expected_root=settings.expect_root,
        model_dir=settings.model_dir,
        adapter_dir=settings.adapter_dir,
        decoding=DecodingParams(
            temperature=0.0, seed=settings.seed, max_tokens=settings.max_tokens
        ),
        timeout_s=settings.llm_timeout_s,
        attempts=1 + settings.retries,
        clause_flags=settings.clause_flags,
    )


@dataclass(frozen=True)
class Components:
    """What works on one document, without the audit store: shared by the batch and eval."""

    limits: ParseLimits
    ocr: TesseractOcr
    redactor: Redactor
    backend: Backend


def parse_limits(settings: Settings) -> ParseLimits:
    return ParseLimits(
        max_bytes=settings.max_bytes,
        max_pages=settings.max_pages,
        max_chars=settings.max_chars,
        ocr_dpi=settings.ocr_dpi,
        low_ocr_confidence=settings.low_ocr_confidence,
    )


def build_redactor(settings: Settings) -> Redactor:
    return Redactor(nlp_model=ner_model_path(settings), secret=load_or_create_secret(settings))


def build_components(settings: Settings) -> Components:
    limits = parse_limits(settings)
    return Components(limits, TesseractOcr(), build_redactor(settings), build_backend(settings))


def ner_model_path(settings: Settings) -> Path | None:
    """The NER model the redactor loads, None when turned off; a missing model stops the run."""
    if settings.ner_model is not None and settings.ner_model.lower() == "none":
        return None
    path = Path(settings.ner_model) if settings.ner_model else default_model_path()
    if not (path / "meta.json").is_file():
        raise ConfigError(
            f"the NER model for names, places and organisations is missing: {path}",
            hint="build it with `make ner-model` (or `python -m training.ner.train`, "
            "about 3 minutes, offline), point ATTEST_NER_MODEL at a model directory, or set "
            "ATTEST_NER_MODEL=none to run without it (names would then not be redacted)",
        )
    return path


def run_config(
    settings: Settings,
    backend: Backend,
    ocr: TesseractOcr,
    redaction: RedactionConfig,
    run_id: str,
    started_at: str,
) -> RunConfig:
    domains = DOMAINS
    return RunConfig(
        run_id=run_id,
        started_at=started_at,
        code_version=code_version(),
        domain_setting=settings.domain,
        identity=backend.identity(),
        instructions={d: backend.instructions(d) for d in domains},
        schemas={d: schema_ref(d) for d in domains},
        summary_templates={d: template_ref(d) for d in domains},
        redaction=redaction,
        parser=parser_description(),
        ocr_engine=ocr.version(),
        ocr_dpi=settings.ocr_dpi,
        low_ocr_confidence=settings.low_ocr_confidence,
    )
