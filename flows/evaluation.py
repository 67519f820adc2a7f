"""`attest eval flags DIR`: per-flag precision, recall and F1 on a labelled corpus.

Folder layout:

    DIR/documents/NAME        the documents (any type the batch accepts)
    DIR/labels.json           {"NAME": {"domain": "legal", "flags": ["Governing Law", ...]}}
      or DIR/labels.csv       document,domain,flag   (one row per flag; a row with an empty
                                                      flag for a document without any)

Every document goes through the batch's own stage functions (flows/stages/: ingest, parse/OCR,
classify as its labelled domain, redact, generate, check) with the configured backend, without
touching the audit store. A predicted flag is one
the checks kept (negated findings are suppressed, as in the batch).

CUAD's release layout (master_clauses.csv + full_contract_txt/) is read directly, see
flows/cuad.py; there the experts' clauses also tell whether a true positive quoted the clause
an expert marked (`evidence_overlap_rate`), and `split` picks the fixed dev or held-out part.
Contracts are scored on the run's clause set (`clause_flags`): CUAD's 12 default categories,
or all 41 with `--clause-flags cuad41`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path

from extractors.llm.rules import RulesBackend
from flows import cuad
from flows.components import build_components
from flows.errors import ConfigError
from flows.evaluated import Evaluated, evaluate_document, generate_and_check
from flows.settings import Settings
from schemas.document import DOMAINS, Domain
from schemas.outputs import flag_kinds
from schemas.outputs.legal import CLAUSE_SETS, ClauseSet


@dataclass(frozen=True)
class Label:
    domain: Domain
    flags: frozenset[str]
    path: Path | None = None
    quotes: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class FlagScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def micro_of(per_flag: dict[str, FlagScore]) -> FlagScore:
    total = FlagScore()
    for score in per_flag.values():
        total.tp, total.fp, total.fn = (
            total.tp + score.tp,
            total.fp + score.fp,
            total.fn + score.fn,
        )
    return total


@dataclass
class Evaluation:
    per_flag: dict[str, FlagScore] = field(default_factory=dict)
    documents: int = 0
    rejected: int = 0
    schema_valid: int = 0
    flags_predicted: int = 0
    flags_grounded: int = 0
    tp_with_quotes: int = 0
    tp_overlapping: int = 0
    with_rules: dict[str, FlagScore] | None = None
    """With a language model: the scores of the union of its flags and the rules' flags."""

    @property
    def micro(self) -> FlagScore:
        return micro_of(self.per_flag)

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.per_flag.values() if s.tp + s.fp + s.fn]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0

    @property
    def grounding_rate(self) -> float:
        return self.flags_grounded / self.flags_predicted if self.flags_predicted else 1.0

    @property
    def evidence_overlap_rate(self) -> float | None:
        """Of the true positives with expert quotes, the share whose evidence overlaps one."""
        return self.tp_overlapping / self.tp_with_quotes if self.tp_with_quotes else None

    @property
    def schema_validity_rate(self) -> float:
        generated = self.documents - self.rejected
        return self.schema_valid / generated if generated else 0.0


def scored_kinds(domain: Domain, clause_set: ClauseSet = "default") -> tuple[str, ...]:
    """The flags scored for a domain: its schema's, and for contracts the run's clause set (a
    default run is not charged with CUAD's 29 optional categories it never decides)."""
    return CLAUSE_SETS[clause_set] if domain == "legal" else flag_kinds(domain)


def read_labels(
    folder: Path, split: cuad.Split = "all", clause_set: ClauseSet = "default"
) -> dict[str, Label]:
    if cuad.master_csv(folder) is not None:
        categories = scored_kinds("legal", clause_set)
        return {
            contract.name: Label(
                "legal", contract.labelled(categories), contract.path, contract.clauses
            )
            for contract in cuad.read_contracts(folder, split)
        }
    json_path, csv_path = folder / "labels.json", folder / "labels.csv"
    if json_path.exists():
        raw = json.loads(json_path.read_text())
        return {
            name: Label(entry["domain"], frozenset(entry["flags"])) for name, entry in raw.items()
        }
    if csv_path.exists():
        found: dict[str, tuple[Domain, set[str]]] = {}
        with csv_path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                _, flags = found.setdefault(row["document"], (row["domain"], set()))  # type: ignore[arg-type]
                if row["flag"].strip():
                    flags.add(row["flag"].strip())
        return {name: Label(d, frozenset(f)) for name, (d, f) in found.items()}
    raise ConfigError(
        f"no labels.json or labels.csv in {folder}",
        hint="see `attest eval flags --help` for the folder layout",
    )


def _validate(labels: dict[str, Label]) -> None:
    for name, label in labels.items():
        if label.domain not in DOMAINS:
            raise ConfigError(f"{name}: unknown domain {label.domain!r}", hint=f"use {DOMAINS}")
        unknown = label.flags - set(flag_kinds(label.domain))
        if unknown:
            raise ConfigError(
                f"{name}: flags not in the {label.domain} schema: {sorted(unknown)}",
                hint="use the schema's flag names (CUAD category names for contracts)",
            )


def fixed_subset(names: list[str], limit: int | None) -> list[str]:
    """The first `limit` names ordered by the SHA-256 of the name: a subset fixed before any
    result is seen, the same for every backend (all names, sorted, without a limit)."""
    if limit is None:
        return sorted(names)
    return sorted(sorted(names, key=lambda name: sha256(name.encode()).hexdigest())[:limit])


def evaluate(
    folder: Path, settings: Settings, split: cuad.Split = "all", limit: int | None = None
) -> Evaluation:
    """Score every labelled document of the split (or the fixed subset of `limit` of them).
    With a language model, the rules baseline also reads each redacted text and the union of
    both sides' kept flags is scored beside the model's (`with_rules`)."""
    labels = read_labels(folder, split, settings.clause_flags)
    _validate(labels)
    components = build_components(settings)
    rules = None if settings.backend == "rules" else RulesBackend(settings.clause_flags)
    result = Evaluation(with_rules=None if rules is None else {})
    for domain in DOMAINS:
        for kind in scored_kinds(domain, settings.clause_flags):
            result.per_flag.setdefault(kind, FlagScore())
            if result.with_rules is not None:
                result.with_rules.setdefault(kind, FlagScore())
    for name in fixed_subset(list(labels), limit):
        label = labels[name]
        result.documents += 1
        path = label.path or folder / "documents" / name
        evaluated = evaluate_document(path, label.domain, components)
        predicted = _predict(evaluated, result)
        if predicted is None:
            continue
        scored = set(scored_kinds(label.domain, settings.clause_flags))
        _score(result.per_flag, set(predicted), label.flags & scored, scored)
        for kind in set(predicted) & label.flags & scored:
            if label.quotes.get(kind):
                result.tp_with_quotes += 1
                overlaps = cuad.evidence_overlaps(predicted[kind], label.quotes[kind])
                result.tp_overlapping += overlaps
        if rules is not None and result.with_rules is not None:
            baseline = generate_and_check(name, evaluated.prepared, components, rules)
            both = set(predicted) | {
                f.kind for f in (baseline.checked.flags if baseline.checked else [])
            }
            _score(result.with_rules, both, label.flags & scored, scored)
    return result


def _score(
    per_flag: dict[str, FlagScore],
    predicted: set[str],
    labelled: set[str] | frozenset[str],
    scored: set[str],
) -> None:
    for kind in (predicted | labelled) & scored:
        score = per_flag[kind]
        if kind in predicted and kind in labelled:
            score.tp += 1
        elif kind in predicted:
            score.fp += 1
        else:
            score.fn += 1


def _predict(evaluated: Evaluated, result: Evaluation) -> dict[str, str] | None:
    """The kept flags' kinds with their evidence (the first flag's, when a kind repeats);
    None for rejected input, {} when no schema-valid answer came back."""
    if evaluated.rejected:
        result.rejected += 1
        return None
    if evaluated.checked is None:
        return {}
    flags = evaluated.checked.flags
    result.schema_valid += 1
    result.flags_predicted += len(flags)
    result.flags_grounded += sum(flag.grounded for flag in flags)
    found: dict[str, str] = {}
    for flag in flags:
        found.setdefault(flag.kind, flag.evidence)
    return found


# The 12 default clause categories, under CUAD's names (the legal schema's `ClauseKind`).
CUAD_CATEGORIES: tuple[str, ...] = CLAUSE_SETS["default"]


def import_cuad(cuad_json: Path, folder: Path) -> int:
    """Turn CUAD_v1.json (SQuAD format) into the eval layout: a document per contract, and a
    label for each of our categories whose question has at least one answer span."""
    data = json.loads(cuad_json.read_text())
    documents = folder / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, object]] = {}
    for number, contract in enumerate(data["data"]):
        paragraph = contract["paragraphs"][0]
        name = f"cuad-{number:03d}.txt"
        (documents / name).write_text(paragraph["context"])
        flags = []
        for qa in paragraph["qas"]:
            category = qa["id"].rsplit("__", 1)[-1]
            if category in CUAD_CATEGORIES and qa["answers"]:
                flags.append(category)
        labels[name] = {"domain": "legal", "flags": sorted(set(flags))}
    (folder / "labels.json").write_text(json.dumps(labels, indent=2, sort_keys=True) + "\n")
    return len(labels)


def score_rows(evaluation: Evaluation) -> list[dict[str, object]]:
    return [
        {
            "flag": kind,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
        }
        for kind, s in evaluation.per_flag.items()
        if s.tp + s.fp + s.fn
    ]


def to_json(evaluation: Evaluation) -> str:
    micro = evaluation.micro
    body = {
        "documents": evaluation.documents,
        "rejected": evaluation.rejected,
        "per_flag": score_rows(evaluation),
        "micro": {"precision": micro.precision, "recall": micro.recall, "f1": micro.f1},
        "macro_f1": evaluation.macro_f1,
        "grounding_rate": evaluation.grounding_rate,
        "evidence_overlap_rate": evaluation.evidence_overlap_rate,
        "schema_validity_rate": evaluation.schema_validity_rate,
    }
    if evaluation.with_rules is not None:
        union = micro_of(evaluation.with_rules)
        body["with_rules_micro"] = {
            "precision": union.precision,
            "recall": union.recall,
            "f1": union.f1,
        }
    return json.dumps(body, indent=2) + "\n"
