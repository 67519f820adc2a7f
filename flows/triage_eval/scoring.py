"""`attest eval triage DIR`: the triage confusion matrix and the safety figures.

Folder layout as `attest eval flags` (documents/ and labels.json), each label with its `esi`
(1-5). Every document goes through the batch's stage functions (flows/evaluated.py: ingest,
parse/OCR, redact, generate, check, route) with the configured backend; the level scored is the
routed one, as recorded.

Tiers: critical (ESI 1-2), urgent (3), routine (4-5).
- under-triage: a patient given a less urgent tier than theirs (the figure that matters most);
- critical below critical: critical patients not triaged critical (must be 0);
- over-triage of routine: routine patients given urgent or critical;
- red-flag recall: labelled red-flag kinds found, over all labelled kinds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from extractors.llm.rules import RulesBackend
from flows.components import build_components
from flows.errors import ConfigError
from flows.evaluated import evaluate_document, generate_and_check
from flows.settings import Settings
from schemas.outputs.clinical import triage_tier as tier

TIERS = ("critical", "urgent", "routine")


@dataclass
class TriageEvaluation:
    matrix: dict[int, dict[int, int]] = field(
        default_factory=lambda: {t: {p: 0 for p in range(1, 6)} for t in range(1, 6)}
    )
    flags_labelled: int = 0
    flags_found: int = 0
    # Notes for which the model gave no schema-valid answer within its attempts: the decision
    # is then the rules' (the floor) and goes to review, as in a batch.
    schema_invalid: int = 0
    per_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [found, labelled]

    def _count(self, true_tiers: set[str], predicted: set[str] | None = None) -> int:
        return sum(
            n
            for t, row in self.matrix.items()
            for p, n in row.items()
            if tier(t) in true_tiers and (predicted is None or tier(p) in predicted)
        )

    @property
    def documents(self) -> int:
        return self._count(set(TIERS))

    @property
    def under_triaged(self) -> int:
        return sum(
            n
            for t, row in self.matrix.items()
            for p, n in row.items()
            if TIERS.index(tier(p)) > TIERS.index(tier(t))
        )

    @property
    def critical_below_critical(self) -> int:
        return self._count({"critical"}, {"urgent", "routine"})

    @property
    def tier_accuracy(self) -> float:
        right = sum(self._count({t}, {t}) for t in TIERS)
        return right / self.documents if self.documents else 0.0

    @property
    def over_triage_of_routine(self) -> float:
        routine = self._count({"routine"})
        return self._count({"routine"}, {"critical", "urgent"}) / routine if routine else 0.0

    @property
    def red_flag_recall(self) -> float:
        return self.flags_found / self.flags_labelled if self.flags_labelled else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "schema_invalid": self.schema_invalid,
            "critical_below_critical": self.critical_below_critical,
            "under_triage_rate": self.under_triaged / self.documents if self.documents else 0.0,
            "three_tier_accuracy": self.tier_accuracy,
            "over_triage_of_routine": self.over_triage_of_routine,
            "red_flag_recall": self.red_flag_recall,
            "red_flag_recall_per_kind": {
                kind: found / labelled for kind, (found, labelled) in sorted(self.per_kind.items())
            },
            "confusion_matrix_esi": {
                f"true {t}": {f"pred {p}": n for p, n in row.items()}
                for t, row in self.matrix.items()
            },
        }


def read_triage_labels(folder: Path) -> dict[str, dict[str, object]]:
    path = folder / "labels.json"
    if not path.exists():
        raise ConfigError(f"no labels.json in {folder}", hint="see `attest eval triage --help`")
    labels: dict[str, dict[str, object]] = json.loads(path.read_text())
    missing = [name for name, label in labels.items() if label.get("esi") not in range(1, 6)]
    if missing:
        raise ConfigError(
            f"{len(missing)} labels without an ESI level 1-5, e.g. {missing[0]}",
            hint='give each document "esi": 1..5 in labels.json',
        )
    return labels


def evaluate_triage(folder: Path, settings: Settings) -> TriageEvaluation:
    labels = read_triage_labels(folder)
    components = build_components(settings)
    result = TriageEvaluation()
    for name, label in sorted(labels.items()):
        evaluated = evaluate_document(folder / "documents" / name, "clinical", components)
        if evaluated.schema_invalid:
            # No schema-valid answer from the model: what stands is the rules' decision (the
            # floor), which is what a reviewer would see.
            result.schema_invalid += 1
            evaluated = generate_and_check(name, evaluated.prepared, components, RulesBackend())
        if evaluated.checked is None:
            raise ConfigError(
                f"{name}: the note was rejected as input", hint="a triage set holds readable notes"
            )
        true_esi = int(str(label["esi"]))
        result.matrix[true_esi][int(evaluated.checked.output["triage_level"])] += 1
        found = {flag.kind for flag in evaluated.checked.flags}
        labelled = label.get("flags", [])
        assert isinstance(labelled, list)
        for kind in labelled:
            counts = result.per_kind.setdefault(str(kind), [0, 0])
            counts[1] += 1
            result.flags_labelled += 1
            if kind in found:
                counts[0] += 1
                result.flags_found += 1
    return result
