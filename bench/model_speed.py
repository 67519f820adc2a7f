"""Generated tokens/s of the embedded model (`make model`) on this machine's CPU: plain greedy
generation vs generation under the domain's JSON-schema constraint, both through the
transformers transport's own batch path (extractors.llm.transformers_local: llguidance, the
constraint built once per schema; the same loop stopper and decoding options), at several
batch sizes.

Every row decodes the same `--prompts` chats (real chats from extractors.llm.prompting over
short clinical notes), `batch` at a time, `--tokens` new tokens per sequence at most; a row's
rate is the tokens generated (the output re-tokenised, counted the same way in both modes)
over the wall time of its batches. Modes alternate batch by batch (constrained, then
unconstrained on the same prompts), so both see the same load on a shared machine; CPU
seconds are reported beside wall time. `same_as_batch_1` counts the constrained outputs that
are byte-identical to decoding the prompt alone (batching changes floating-point sums).
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


def _run(transport: Any, prompts: list[str], constrained: bool) -> tuple[list[str], float, float]:
    from extractors.llm.base import generation_request

    request = generation_request(DOMAIN, "")
    wall, cpu = time.perf_counter(), time.process_time()
    if constrained:
        texts = transport.complete_many(prompts, request.json_schema, request.schema_ref.sha256)
    else:
        texts = transport.decode_unconstrained(prompts)
    return texts, time.perf_counter() - wall, time.process_time() - cpu


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
    prompts = _prompts(transport, args.prompts)
    request = generation_request(DOMAIN, "")
    started, started_cpu = time.perf_counter(), time.process_time()
    transport.constraint(request.json_schema, request.schema_ref.sha256)
    compile_s = time.perf_counter() - started
    compile_cpu_s = time.process_time() - started_cpu

    def tokens(texts: list[str]) -> int:
        return sum(transport.count_tokens(text) for text in texts)

    rows: list[dict[str, Any]] = []
    ratios: dict[int, dict[str, float]] = {}
    alone: list[str] = []
    for batch in (int(b) for b in args.batches.split(",")):
        totals = {mode: [0, 0.0, 0.0] for mode in ("constrained", "unconstrained")}
        outputs: list[str] = []
        for start in range(0, len(prompts), batch):
            part = prompts[start : start + batch]
            for mode in totals:
                texts, wall, cpu = _run(transport, part, mode == "constrained")
                totals[mode][0] += tokens(texts)
                totals[mode][1] += wall
                totals[mode][2] += cpu
                if mode == "constrained":
                    outputs += texts
        alone = alone or outputs
        for mode, (generated, wall, cpu) in totals.items():
            rows.append(
                {
                    "batch": batch,
                    "mode": mode,
                    "tokens": generated,
                    "seconds": wall,
                    "tokens_per_s": generated / wall,
                    # On a machine shared with other work: the rate per second of CPU used.
                    "cpu_s": cpu,
                    "tokens_per_cpu_s": generated / cpu,
                    "same_as_batch_1": sum(a == b for a, b in zip(alone, outputs, strict=True))
                    if mode == "constrained"
                    else "-",
                }
            )
        constrained, unconstrained = rows[-2], rows[-1]
        ratios[batch] = {
            "wall": constrained["tokens_per_s"] / unconstrained["tokens_per_s"],
            "cpu": constrained["tokens_per_cpu_s"] / unconstrained["tokens_per_cpu_s"],
        }
    print_table(rows)
    for batch, ratio in ratios.items():
        print(
            f"batch {batch}: constrained / unconstrained = {ratio['wall']:.2f} wall, "
            f"{ratio['cpu']:.2f} per CPU-s"
        )
    print(f"schema constraint built once in {compile_s:.2f} s ({compile_cpu_s:.2f} s of CPU)")
    print(f"constraint: {transport.structured_output}; load average {os.getloadavg()}")
    save(
        "model_speed",
        {
            "rows": rows,
            "ratios": ratios,
            "constraint": transport.structured_output,
            "constraint_build_s": compile_s,
            "constraint_build_cpu_s": compile_cpu_s,
            "tokens": args.tokens,
            "load_average_at_end": os.getloadavg(),
        },
    )


if __name__ == "__main__":
    main()
