"""Which adapter a run uses: the promoted one, unless the run names another.

`attest model promote` appends a `model_promoted` event; from then on a run with a language
model backend uses that adapter without extra flags:
- `--backend transformers`: the adapter directory the promotion names, on top of
  `--model-dir`, when that base model is the one the adapter was trained on (a promotion is
  for its base model; a run on another base model uses that model alone);
- `--backend openai-compatible` (vLLM with `--enable-lora`): `model=` the adapter's digest
  name (extractors.llm.adapters.adapter_name), which the chart serves.
An explicit `--adapter-dir DIR` or `--model NAME` wins; `--adapter-dir none` runs the base
model alone. Whenever the adapter in use is the promoted one, the promotion's event id goes
into the model identity, so every decision names the evidence that allowed its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from audit import AuditStore
from extractors.llm.adapters import adapter_name, directory_revision
from flows.model.promotion import promoted_adapter
from flows.settings import Settings
from schemas.events import EventType
from schemas.generation import ModelIdentity

NO_ADAPTER = "none"


@dataclass(frozen=True)
class Serving:
    """What the backend is built with: the settings to use and the promotion they follow."""

    settings: Settings
    promotion_event_id: str | None = None


@dataclass(frozen=True)
class Promotion:
    event_id: str
    adapter_revision: str
    adapter_path: Path
    base_revision: str


def current_promotion(settings: Settings) -> Promotion | None:
    """The latest promotion in the configured trail; None where there is no trail yet."""
    url = settings.db_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return None  # no trail, no promotion (and nothing is created just to look)
    store = AuditStore(url)
    try:
        event = promoted_adapter(store)
    finally:
        store.close()
    if event is None:
        return None
    return Promotion(
        event_id=event.event_id,
        adapter_revision=event.payload["adapter_revision"],
        adapter_path=Path(event.payload["adapter_path"]),
        base_revision=event.payload["base_revision"],
    )


def serving(settings: Settings) -> Serving:
    """The settings a language model backend is built with, after the promotion is applied."""
    if settings.backend == "transformers":
        return _local(settings)
    if settings.backend == "openai-compatible":
        return _served(settings)
    return Serving(settings)


def _local(settings: Settings) -> Serving:
    chosen = settings.adapter_dir
    if chosen is not None and chosen.name == NO_ADAPTER and not chosen.exists():
        return Serving(settings.model_copy(update={"adapter_dir": None}))
    if settings.model_dir is None:
        return Serving(settings)  # the backend says what is missing
    promotion = current_promotion(settings)
    if promotion is None:
        return Serving(settings)
    if chosen is not None:
        follows = directory_revision(chosen) == promotion.adapter_revision
        return Serving(settings, promotion.event_id if follows else None)
    if directory_revision(settings.model_dir) != promotion.base_revision:
        return Serving(settings)
    promoted = settings.model_copy(update={"adapter_dir": promotion.adapter_path})
    return Serving(promoted, promotion.event_id)


def _served(settings: Settings) -> Serving:
    promotion = current_promotion(settings)
    if promotion is None:
        return Serving(settings)
    name = adapter_name(promotion.adapter_revision)
    if settings.model is None:
        return Serving(settings.model_copy(update={"model": name}), promotion.event_id)
    return Serving(settings, promotion.event_id if settings.model == name else None)


def replay_settings(settings: Settings, recorded: ModelIdentity, store: AuditStore) -> Settings:
    """The settings that rebuild the model a decision recorded, for an auditor's replay.

    A replay reproduces a decision, so it follows the recorded identity, not today's
    promotion: the base model alone where no adapter was used, else the adapter a promotion in
    the trail named by its revision. An adapter or served model named on the command line wins
    (a what-if replay names its candidate that way).
    """
    if settings.backend == "transformers" and settings.adapter_dir is None:
        if recorded.adapter_revision is None:
            return settings.model_copy(update={"adapter_dir": Path(NO_ADAPTER)})
        for event in reversed(store.events(event_type=EventType.MODEL_PROMOTED)):
            if event.payload["adapter_revision"] == recorded.adapter_revision:
                path = Path(event.payload["adapter_path"])
                return settings.model_copy(update={"adapter_dir": path})
    if settings.backend == "openai-compatible" and settings.model is None:
        return settings.model_copy(update={"model": recorded.model_id})
    return settings
