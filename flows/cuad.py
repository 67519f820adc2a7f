"""CUAD's own release layout for `attest eval flags`, and the fixed dev / held-out split.

A CUAD folder holds `master_clauses.csv` (or `master_clauses_dev.csv`: one row per contract,
for every category a clause column with the experts' quotes as a Python list literal and an
`-Answer` column) and `full_contract_txt/` with one text file per contract, named like the
row's `Filename` with `.txt` for `.pdf`. A contract is labelled with a category when the
experts quoted at least one clause for it (as CUAD_v1.json's "has an answer").

The split is fixed and seeded by the file name alone, so anyone gets the same one without a
list: a contract is held out when the first 8 hex digits of SHA-256("attest-cuad-split-v1:" +
Filename) read as a fraction of 2**32 fall below 0.30. Rules and models are developed on the
dev part only; the held-out part is measured to report, never to tune.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flows.errors import ConfigError
from schemas.outputs.legal import CLAUSE_SETS, ClauseSet

Split = Literal["all", "dev", "heldout"]
SPLITS: tuple[Split, ...] = ("all", "dev", "heldout")
SPLIT_SEED = "attest-cuad-split-v1"
HELDOUT_FRACTION = 0.30
CONTRACTS_FOLDER = "full_contract_txt"


def split_of(filename: str) -> Literal["dev", "heldout"]:
    digest = hashlib.sha256(f"{SPLIT_SEED}:{filename}".encode()).hexdigest()
    return "heldout" if int(digest[:8], 16) / 2**32 < HELDOUT_FRACTION else "dev"


@dataclass(frozen=True)
class CuadContract:
    """One row of master_clauses.csv: the contract's text file and the experts' clauses."""

    name: str
    path: Path
    clauses: dict[str, tuple[str, ...]]

    def labelled(self, categories: tuple[str, ...]) -> frozenset[str]:
        return frozenset(c for c in categories if self.clauses.get(c))


def master_csv(folder: Path) -> Path | None:
    found = sorted(folder.glob("master_clauses*.csv"))
    return found[0] if found else None


def _quotes(cell: str) -> tuple[str, ...]:
    cell = cell.strip()
    if not cell or cell == "[]":
        return ()
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return (cell,)
    return (
        tuple(str(item) for item in value if str(item).strip()) if isinstance(value, list) else ()
    )


def read_contracts(folder: Path, split: Split = "all") -> list[CuadContract]:
    source = master_csv(folder)
    if source is None:
        raise ConfigError(
            f"no master_clauses*.csv in {folder}",
            hint="point at CUAD's release folder (master_clauses.csv + full_contract_txt/)",
        )
    csv.field_size_limit(sys.maxsize)  # CUAD's clause cells run to tens of kilobytes
    contracts = []
    with source.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            filename = row["Filename"]
            if split != "all" and split_of(filename) != split:
                continue
            name = filename.rsplit(".", 1)[0] + ".txt"
            path = folder / CONTRACTS_FOLDER / name
            if not path.exists():
                raise ConfigError(
                    f"{source.name} names {filename!r} but {path} does not exist",
                    hint=f"put the contracts' text files in {folder / CONTRACTS_FOLDER}",
                )
            clauses = {
                column: _quotes(cell)
                for column, cell in row.items()
                if column and not column.strip().endswith("Answer") and column != "Filename"
            }
            contracts.append(CuadContract(name=name, path=path, clauses=clauses))
    return sorted(contracts, key=lambda contract: contract.name)


def _words(text: str) -> list[str]:
    return text.lower().split()


def evidence_overlaps(evidence: str, expert_quotes: tuple[str, ...]) -> bool:
    """Whether the quote shares a run of 6 words (or all of a shorter expert quote) with one of
    the experts' clauses: the same clause, not merely the same topic."""
    ours = " ".join(_words(evidence))
    for expert in expert_quotes:
        words = _words(expert)
        size = min(6, len(words))
        for start in range(0, max(1, len(words) - size + 1)):
            if " ".join(words[start : start + size]) in ours:
                return True
        if ours and ours in " ".join(words):
            return True
    return False


@dataclass
class RulesScore:
    """Per-category counts of the legal rules on the raw contract texts of a split."""

    counts: dict[str, list[int]]  # category -> [tp, fp, fn, tp with quotes, overlapping]

    def line(self, kind: str) -> str:
        tp, fp, fn, quoted, overlapping = self.counts[kind]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (
            f"{kind:28s} tp={tp:3d} fp={fp:3d} fn={fn:3d} P={precision:.3f} R={recall:.3f} "
            f"F1={f1:.3f} overlap={overlapping}/{quoted}"
        )

    def summary(self) -> str:
        tp, fp, fn, quoted, overlapping = (
            sum(c[i] for c in self.counts.values()) for i in range(5)
        )
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        f1s = []
        for c in self.counts.values():
            p = c[0] / (c[0] + c[1]) if c[0] + c[1] else 0.0
            r = c[0] / (c[0] + c[2]) if c[0] + c[2] else 0.0
            f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        return (
            f"micro P={precision:.3f} R={recall:.3f} F1={2 * precision * recall / (precision + recall):.3f}"
            f" macro F1={sum(f1s) / len(f1s):.3f} evidence overlap={overlapping / quoted:.1%}"
        )


def score_rules(folder: Path, split: Split, clause_set: ClauseSet = "default") -> RulesScore:
    """The legal rules alone on each contract's raw text (no parsing, redaction or checks): the
    quick loop for developing rules on the dev part; `attest eval flags` measures the pipeline.
    `clause_set="cuad41"` scores CUAD's other 29 categories too."""
    from extractors.llm.rules.legal import extract

    kinds = CLAUSE_SETS[clause_set]
    counts = {kind: [0, 0, 0, 0, 0] for kind in kinds}
    for contract in read_contracts(folder, split):
        predicted: dict[str, str] = {}
        text = contract.path.read_text(errors="replace")
        for flag in extract(text, clause_set)["clause_flags"]:
            predicted.setdefault(flag["kind"], flag["evidence"])
        labelled = contract.labelled(kinds)
        for kind, count in counts.items():
            if kind in predicted and kind in labelled:
                count[0] += 1
                if contract.clauses.get(kind):
                    count[3] += 1
                    count[4] += evidence_overlaps(predicted[kind], contract.clauses[kind])
            elif kind in predicted:
                count[1] += 1
            elif kind in labelled:
                count[2] += 1
    return RulesScore(counts)


if __name__ == "__main__":  # python -m flows.cuad CUAD_DIR [dev|heldout|all] [default|cuad41]
    chosen = sys.argv[3] if len(sys.argv) > 3 else "default"
    score = score_rules(
        Path(sys.argv[1]),
        sys.argv[2] if len(sys.argv) > 2 else "dev",  # type: ignore[arg-type]
        "default" if chosen == "cuad12" else chosen,  # type: ignore[arg-type]
    )
    for kind in score.counts:
        print(score.line(kind))
    print(score.summary())
