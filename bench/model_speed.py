"""Generated tokens/s of the embedded model (`make model`) on this machine's CPU: plain greedy
generation vs generation under the domain's JSON-schema constraint, both through the
transformers transport's own batch path (extractors.llm.transformers_local: llguidance, the
constraint built once per schema; the same loop stopper and decoding options), at several
batch sizes.

Every row decodes the same `--prompts` chats (real chats from extractors.llm.prompting over
short clinical notes), `batch` at a time, `--tokens` new tokens per sequence at most; a row's
rate is the tokens generated (the output re-tokenised, counted the same way in both modes)
over the wall time of its batches. Four modes alternate batch by batch on the same prompts
(constrained or not, each with the system prompt's cache reused or the whole prompt
prefilled), so all see the same load on a shared machine; CPU seconds are reported beside wall
time. `prefill_cpu_s` is the CPU time of a batch to its first token, with or without the
reused prefix; `same_as_prefilled` counts the outputs byte-identical to the same batch
prefilled whole; `same_as_batch_1` the constrained outputs byte-identical to decoding the
prompt alone (batching changes floating-point sums).
Targets (issue 21): >= 50 tokens/s in aggregate under the constraint, and the constrained rate
>= 0.8 of the unconstrained one at the same batch size.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from bench.common import print_header, print_table, save
from schemas.document import Domain

os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")

DOMAIN: Domain = "clinical"
NOTES = (
    "Chief complaint: crushing chest pain radiating to the jaw for 40 minutes.\n"
    "Vitals: HR 128, BP 84/56.\nMeds: aspirin 81 mg daily.",
    "Chief complaint: ankle sprain after a fall on stairs.\nVitals: HR 80, BP 122/78.\nMeds: none.",
    "Chief complaint: sore throat and fever for two days.\nVitals: T 38.4, HR 96.\n"
    "Meds: paracetamol.",
    "Chief complaint: shortness of breath, wheeze.\nVitals: SpO2 89% on room air, RR 28.\n"
    "Meds: salbutamol inhaler.",
)


def _prompts(transport: Any, count: int) -> list[str]:
    from extractors.llm.prompting import chat_messages

    return [transport.prompt(chat_messages(DOMAIN, NOTES[i % len(NOTES)])) for i in range(count)]


MODES = (
    ("constrained", True),
    ("constrained", False),
    ("unconstrained", True),
    ("unconstrained", False),
)
"""(decoding, prefix reuse): every batch is decoded in each mode in turn, on the same prompts."""


def _run(
    transport: Any, prompts: list[str], constrained: bool, cache: Any
) -> tuple[list[str], float, float]:
    from extractors.llm.base import generation_request

    transport.prefix_cache = cache  # None: every batch prefills the whole prompt
    request = generation_request(DOMAIN, "")
    wall, cpu = time.perf_counter(), time.process_time()
    if constrained:
        texts = transport.complete_many(prompts, request.json_schema, request.schema_ref.sha256)
    else:
        texts = transport.decode_unconstrained(prompts)
    return texts, time.perf_counter() - wall, time.process_time() - cpu


def _prefill(transport: Any, prompts: list[str], cache: Any) -> float:
    """CPU seconds to the batch's first token, unconstrained (prefill and one step)."""
    from extractors.llm.batch_decoding import Budget, greedy_batch

    model, _ = transport._loaded
    rows = transport._ids(prompts)
    cpu = time.process_time()
    greedy_batch(model.model, rows, Budget(1, frozenset(), 0), prefix_cache=cache)
    return time.process_time() - cpu


def _name(mode: tuple[str, bool]) -> str:
    return f"{mode[0]}, {'prefix reused' if mode[1] else 'prefilled'}"


def main() -> None:
    import torch

    from extractors.llm.base import generation_request
    from extractors.llm.transformers_local import TransformersTransport
    from flows.model.base_model import model_dir
    from schemas.generation import DecodingParams

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", type=Path, default=model_dir())
    parser.add_argument("--tokens", type=int, default=96, help="new tokens per sequence")
    parser.add_argument("--batches", default="1,4,8")
    parser.add_argument("--prompts", type=int, default=8)
    args = parser.parse_args()
    print_header(f"embedded model speed: {args.model_dir.name}, {torch.get_num_threads()} threads")
    transport = TransformersTransport(
        args.model_dir, decoding=DecodingParams(max_tokens=args.tokens)
    )
    cache = transport.prefix_cache
    prompts = _prompts(transport, args.prompts)
    request = generation_request(DOMAIN, "")
    started, started_cpu = time.perf_counter(), time.process_time()
    transport.constraint(request.json_schema, request.schema_ref.sha256)
    compile_s = time.perf_counter() - started
    compile_cpu_s = time.process_time() - started_cpu
    started_cpu = time.process_time()
    _prefill(transport, prompts[:1], cache)  # the system prompt's cache, computed once
    prefix_cpu_s = time.process_time() - started_cpu

    def tokens(texts: list[str]) -> int:
        return sum(transport.count_tokens(text) for text in texts)

    rows: list[dict[str, Any]] = []
    ratios: dict[int, dict[str, float]] = {}
    alone: list[str] = []
    for batch in (int(b) for b in args.batches.split(",")):
        totals = {mode: [0, 0.0, 0.0] for mode in MODES}
        outputs: dict[tuple[str, bool], list[str]] = {mode: [] for mode in MODES}
        prefill = {True: 0.0, False: 0.0}
        for start in range(0, len(prompts), batch):
            part = prompts[start : start + batch]
            for reuse in prefill:
                prefill[reuse] += _prefill(transport, part, cache if reuse else None)
            for mode in MODES:
                texts, wall, cpu = _run(
                    transport, part, mode[0] == "constrained", cache if mode[1] else None
                )
                totals[mode][0] += tokens(texts)
                totals[mode][1] += wall
                totals[mode][2] += cpu
                outputs[mode] += texts
        alone = alone or outputs[MODES[0]]
        for mode, (generated, wall, cpu) in totals.items():
            rows.append(
                {
                    "batch": batch,
                    "mode": _name(mode),
                    "tokens": generated,
                    "seconds": wall,
                    "tokens_per_s": generated / wall,
                    # On a machine shared with other work: the rate per second of CPU used.
                    "cpu_s": cpu,
                    "tokens_per_cpu_s": generated / cpu,
                    "prefill_cpu_s": prefill[mode[1]] / len(range(0, len(prompts), batch)),
                    "same_as_prefilled": sum(
                        a == b
                        for a, b in zip(outputs[mode], outputs[(mode[0], False)], strict=True)
                    ),
                    "same_as_batch_1": sum(
                        a == b for a, b in zip(alone, outputs[mode], strict=True)
                    )
                    if mode[0] == "constrained"
                    else "-",
                }
            )
        rate = {mode: row["tokens_per_cpu_s"] for mode, row in zip(MODES, rows[-4:], strict=True)}
        wall_rate = {mode: row["tokens_per_s"] for mode, row in zip(MODES, rows[-4:], strict=True)}
        ratios[batch] = {
            "constraint_cpu": rate[MODES[0]] / rate[MODES[2]],
            "constraint_wall": wall_rate[MODES[0]] / wall_rate[MODES[2]],
            "constraint_cpu_prefilled": rate[MODES[1]] / rate[MODES[3]],
            "prefix_reuse_cpu": rate[MODES[0]] / rate[MODES[1]],
            "prefill_cpu": prefill[False] / prefill[True],
        }
    print_table(rows)
    for batch, ratio in ratios.items():
        print(
            f"batch {batch}: constrained / unconstrained (prefix reused) = "
            f"{ratio['constraint_cpu']:.2f} per CPU-s ({ratio['constraint_wall']:.2f} wall), "
            f"{ratio['constraint_cpu_prefilled']:.2f} prefilled; prefix reuse speeds constrained "
            f"decoding {ratio['prefix_reuse_cpu']:.2f}x and prefill {ratio['prefill_cpu']:.1f}x"
        )
    print(f"schema constraint built once in {compile_s:.2f} s ({compile_cpu_s:.2f} s of CPU)")
    print(f"system prompt's cache computed once in {prefix_cpu_s:.2f} s of CPU")
    print(f"constraint: {transport.structured_output}; load average {os.getloadavg()}")
    save(
        "model_speed",
        {
            "rows": rows,
            "ratios": ratios,
            "constraint": transport.structured_output,
            "constraint_build_s": compile_s,
            "constraint_build_cpu_s": compile_cpu_s,
            "prefix_cpu_s": prefix_cpu_s,
            "tokens": args.tokens,
            "load_average_at_end": os.getloadavg(),
        },
    )


if __name__ == "__main__":
    main()
