"""Generated tokens/s of the embedded model (`make model`) on this machine's CPU: plain greedy
generation vs generation under the domain's JSON-schema constraint (Outlines, the grammar
compiled once per schema as the transformers transport does), at batch sizes 1 and 4.

Every row generates `--tokens` new tokens per sequence at most from the same prompts (real
chats from extractors.llm.prompting over short demo documents); a row's rate is the tokens
actually generated (up to each sequence's end) over the wall time of its `generate` calls.
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


def _load(model_dir: Path) -> tuple[Any, Any]:
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir)
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = transformers.AutoModelForCausalLM.from_pretrained(model_dir)
    model.eval()  # type: ignore[no-untyped-call]
    return model, tokenizer


def _prompts(tokenizer: Any, batch: int) -> list[str]:
    from extractors.llm.prompting import chat_messages

    return [
        tokenizer.apply_chat_template(
            chat_messages(DOMAIN, NOTES[i % len(NOTES)]), tokenize=False, add_generation_prompt=True
        )
        for i in range(batch)
    ]


def _unconstrained(model: Any, tokenizer: Any, prompts: list[str], tokens: int) -> int:
    import torch

    inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    with torch.no_grad():
        out = model.generate(
            **inputs, max_new_tokens=tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id
        )
    new = out[:, inputs["input_ids"].shape[1] :]
    ended = (new == tokenizer.eos_token_id).int().cumsum(dim=1) > 0
    return int((~ended).sum()) + int(ended.any(dim=1).sum())  # each EOS counts once


def _constrained(generator: Any, tokenizer: Any, prompts: list[str], tokens: int) -> int:
    options = {"max_new_tokens": tokens, "do_sample": False}
    texts = [generator(prompts[0], **options)] if len(prompts) == 1 else None
    if texts is None:
        texts = generator.batch(prompts, **options)
    return sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)


def main() -> None:
    import outlines
    import torch

    from flows.model.base_model import model_dir
    from schemas.outputs import OUTPUT_MODELS

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", type=Path, default=model_dir())
    parser.add_argument("--tokens", type=int, default=96, help="new tokens per sequence")
    parser.add_argument("--batches", default="1,4")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    print_header(f"embedded model speed: {args.model_dir.name}, {torch.get_num_threads()} threads")
    model, tokenizer = _load(args.model_dir)
    started, started_cpu = time.perf_counter(), time.process_time()
    generator = outlines.Generator(
        outlines.from_transformers(model, tokenizer), OUTPUT_MODELS[DOMAIN]
    )
    compile_s = time.perf_counter() - started
    compile_cpu_s = time.process_time() - started_cpu
    rows = []
    ratios: dict[int, float] = {}
    for batch in (int(b) for b in args.batches.split(",")):
        prompts = _prompts(tokenizer, batch)
        rates: dict[str, float] = {}
        for mode in ("unconstrained", "constrained"):
            generated, elapsed, cpu = 0, 0.0, 0.0
            for _ in range(args.repeats):
                t0, c0 = time.perf_counter(), time.process_time()
                if mode == "unconstrained":
                    generated += _unconstrained(model, tokenizer, prompts, args.tokens)
                else:
                    generated += _constrained(generator, tokenizer, prompts, args.tokens)
                elapsed += time.perf_counter() - t0
                cpu += time.process_time() - c0
            rates[mode] = generated / elapsed
            rows.append(
                {
                    "batch": batch,
                    "mode": mode,
                    "tokens": generated,
                    "seconds": elapsed,
                    "tokens_per_s": rates[mode],
                    # On a machine shared with other work: the rate per second of CPU used.
                    "cpu_s": cpu,
                    "tokens_per_cpu_s": generated / cpu,
                }
            )
        ratios[batch] = rates["constrained"] / rates["unconstrained"]
    print_table(rows)
    for batch, ratio in ratios.items():
        print(f"batch {batch}: constrained / unconstrained = {ratio:.2f}")
    print(f"schema grammar compiled once in {compile_s:.1f} s ({compile_cpu_s:.1f} s of CPU)")
    save(
        "model_speed",
        {
            "rows": rows,
            "ratios": ratios,
            "grammar_compile_s": compile_s,
            "grammar_compile_cpu_s": compile_cpu_s,
            "tokens": args.tokens,
        },
    )


if __name__ == "__main__":
    main()
