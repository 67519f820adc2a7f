"""Typed settings, read once at the entry point (the CLI) and passed down.

Every field is documented here and in the README's "Configuration" table (a test keeps the two
in step). Environment variables use the ATTEST_ prefix: ATTEST_DB, ATTEST_WORKERS, ... The
command line's options are generated from these fields (flows/cli/options.py): a setting is
declared only here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.document import Domain
from schemas.outputs.legal import ClauseSet

# The Prefect global concurrency limit that caps model requests across all workers.
MODEL_LIMIT = "attest-model-server"

# A domain of the registry (schemas.document.Domain), or "auto": detected per document.
DomainSetting = Literal[Domain, "auto"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATTEST_", frozen=True, extra="forbid")

    out: Path = Field(
        default=Path("attest-out"),
        description="Output folder: summaries/, decisions/, processed/, rejected/, the report "
        "and (by default) the SQLite audit database.",
    )
    db: SecretStr | None = Field(
        default=None,
        description="SQLAlchemy URL of the audit store; default sqlite:///OUT/audit.db. "
        "PostgreSQL: postgresql+psycopg://user:password@host/db. Kept secret in Prefect's records.",
    )
    domain: DomainSetting = Field(
        default="auto",
        description="Domain of every document in the inbox, or 'auto' to detect it per document "
        "(before redaction, which applies the domain's policy).",
    )
    backend: Literal["rules", "openai-compatible", "transformers"] = Field(
        default="rules",
        description="Generation backend: 'rules' (the deterministic baseline, no language "
        "model), 'openai-compatible' (a vLLM server) or 'transformers' (a local model directory).",
    )
    clause_flags: ClauseSet = Field(
        default="default",
        description="Contract clause flags the 'rules' backend decides: 'default' (CUAD's 12 "
        "default categories) or 'cuad41' (all 41 CUAD categories: the 12, then CUAD's other "
        "29 as optional flags). Part of the legal rule set's id and hash in the trail.",
    )
    llm_url: str | None = Field(
        default=None,
        description="Base URL of the OpenAI-compatible model server, e.g. http://vllm:8000/v1.",
    )
    model: str | None = Field(
        default=None, description="Model name the server serves (its --served-model-name)."
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        description="API key for the model server (vLLM --api-key); read from ATTEST_LLM_API_KEY.",
    )
    expect_root: str | None = Field(
        default=None,
        description="Pin: the run refuses to start unless the server reports this model root "
        "(vLLM's /v1/models 'root', the weights path or repository at a revision).",
    )
    model_dir: Path | None = Field(
        default=None, description="Local model directory for the 'transformers' backend."
    )
    adapter_dir: Path | None = Field(
        default=None,
        description="LoRA adapter directory (from `attest model train`) loaded on top of "
        "model_dir by the 'transformers' backend; its digest is recorded with every decision.",
    )
    max_tokens: int = Field(
        default=1024, ge=16, le=32768, description="Most tokens a model may generate per chunk."
    )
    seed: int = Field(default=0, ge=0, description="Sampling seed sent with every request.")
    llm_timeout_s: float = Field(
        default=120.0, gt=0, description="Seconds to wait for one model response."
    )
    workers: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Documents worked on at the same time (Prefect thread pool size). OCR runs "
        "Tesseract single-threaded per page, so about 2x the core count keeps the cores busy.",
    )
    processes: int | None = Field(
        default=None,
        ge=0,
        le=256,
        description="Worker processes that read, parse/OCR and redact documents and, with the "
        "'rules' backend, generate their outputs (CPU-bound Python: threads would share one "
        "core); default: one per CPU core available. Each loads the redactor and NER (and the "
        "rules) once. 0: do that work in this process (no time budget). The 'dask' task "
        "runner brings its own processes and ignores this.",
    )
    document_budget_s: float = Field(
        default=900.0,
        ge=0,
        description="Wall-clock seconds one document may spend being read, parsed/OCR'd and "
        "redacted in its worker process, and again being generated there (the 'rules' "
        "backend). A document over it is abandoned (its process is killed and replaced) and "
        "rejected with the reason; the batch goes on. 0: no limit.",
    )
    retries: int = Field(
        default=2,
        ge=0,
        le=10,
        description="Retries of a stage after a transient error (I/O, backend).",
    )
    low_ocr_confidence: float = Field(
        default=60.0,
        ge=0,
        le=100,
        description="Pages OCR'd with a mean word confidence below this send the decision to review.",
    )
    ocr_dpi: int = Field(default=300, ge=100, le=600, description="Rendering resolution for OCR.")
    four_eyes: str = Field(
        default="clinical,finance,legal",
        description="Domains (comma-separated, or 'none') where a review that lowers the triage "
        "level or removes a high-severity flag takes effect only when a second reviewer confirms it.",
    )
    max_pages: int = Field(default=500, ge=1, description="Documents with more pages are rejected.")
    max_bytes: int = Field(
        default=50 * 1024 * 1024, ge=1, description="Files larger than this are rejected."
    )
    max_chars: int = Field(
        default=1_000_000,
        ge=1000,
        description="Documents with more characters of text are rejected (`too_long`) while "
        "they are parsed. Redaction holds a document's whole text, so this bounds a worker's "
        "memory however large the inbox's documents are (about 1.5 GB per worker at 1,000,000).",
    )
    task_runner: Literal["threads", "dask"] = Field(
        default="threads",
        description="Where tasks run: 'threads' (this process) or 'dask' (worker processes of "
        "a local Dask cluster, or of the cluster at dask_address).",
    )
    dask_address: str | None = Field(
        default=None,
        description="Scheduler address of an existing Dask cluster, e.g. tcp://scheduler:8786.",
    )
    progress: bool = Field(default=True, description="Show a progress bar on the terminal.")
    ner_model: str | None = Field(
        default=None,
        description="Local spaCy NER model directory that finds names, places and organisations "
        "(built by `make ner-model`); default: the cached model for the current training code "
        "under .cache/ner/; 'none' turns the NER off (pattern recognizers only).",
    )
    redaction_secret_file: Path | None = Field(
        default=None,
        description="File holding the site's redaction secret (32+ random bytes), which keys "
        "date shifts and hashed identifiers so they stay the same across runs. Default: "
        "OUT/.redaction-secret, created once with mode 0600.",
    )
    vault_key_file: Path | None = Field(
        default=None,
        description="32-byte AES key file (`attest vault-key FILE`). With it, each redacted "
        "span's original is stored AES-GCM encrypted for `attest reidentify`; without it "
        "nothing is stored.",
    )

    chain_key_file: Path | None = Field(
        default=None,
        description="HMAC key file that seals every audit record (and the sealed head beside "
        "it, FILE.head.json), created once with mode 0600 on the first append. Default: beside "
        "a SQLite database (DB.chain-key), else OUT/audit.chain-key. Keep it where those who "
        "can write the database cannot read it.",
    )

    checkpoint_key: SecretStr | None = Field(
        default=None,
        description="PEM of the Ed25519 checkpoint signing key, for `attest checkpoint` "
        "without --key (ATTEST_CHECKPOINT_KEY). Kept secret in Prefect's records.",
    )

    def chain_key_path(self) -> Path:
        """Where the chain key is: the setting, else beside a SQLite file, else in OUT."""
        if self.chain_key_file is not None:
            return self.chain_key_file
        from sqlalchemy.engine import make_url

        url = make_url(self.db_url())
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            database = Path(url.database).resolve()
            return database.with_name(database.name + ".chain-key")
        return (self.out / "audit.chain-key").resolve()

    def db_url(self) -> str:
        if self.db is not None:
            return self.db.get_secret_value()
        return f"sqlite:///{(self.out / 'audit.db').resolve()}"

    def db_display(self) -> str:
        """The database URL without its password, for messages and logs."""
        from sqlalchemy.engine import make_url

        return make_url(self.db_url()).render_as_string(hide_password=True)


def configure_prefect(out: Path) -> None:
    """Quiet, private, local Prefect: call before prefect is imported.

    Without PREFECT_API_URL, Prefect starts an ephemeral local API whose database and any result
    storage live under PREFECT_HOME: one per output folder, so runs never share state by accident.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    # The ephemeral API logs tracebacks about its own task-run bookkeeping when the process
    # exits mid-flush; they concern Prefect's UI history, not attest's audit trail.
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")
    # Prefect's 20 s for its temporary API to start is a coin toss on a loaded 2-core machine
    # (flows/prefect_api.py starts it before the batch, with one retry).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    if "PREFECT_API_URL" not in os.environ:
        os.environ.setdefault("PREFECT_HOME", str((out / ".prefect").resolve()))
        # The ephemeral API's SQLite file goes here; Prefect does not create the folder.
        Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
