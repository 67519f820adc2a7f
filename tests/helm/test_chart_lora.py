"""The chart serves a LoRA adapter by its digest name, and the pipeline asks for it (the\nbase model alone, without one, is what tests/helm/test_chart.py renders)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.helm.render import render

CHART = Path(__file__).resolve().parents[2] / "helm" / "attest"
ADAPTER = "lora-0123456789abcdef"


def _docs(tmp_path: Path, lora: dict[str, Any]) -> list[dict[str, Any]]:
    values = tmp_path / "lora.yaml"
    values.write_text(yaml.safe_dump({"vllm": {"lora": lora}}))
    return [d for d in yaml.safe_load_all(render(CHART, [values], release="attest")) if d]


def _vllm_args(docs: list[dict[str, Any]]) -> list[str]:
    (server,) = [
        d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "attest-vllm"
    ]
    args: list[str] = server["spec"]["template"]["spec"]["containers"][0]["args"]
    return args


def _pipeline_model(docs: list[dict[str, Any]]) -> str:
    """ATTEST_MODEL as the flow-run Job's container gets it (inside Prefect's job template)."""
    (config_map,) = [
        d for d in docs if d["kind"] == "ConfigMap" and "base-job-template.json" in d["data"]
    ]
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("name") == "ATTEST_MODEL" and "value" in node:
                found.append(node["value"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(config_map["data"]["base-job-template.json"]))
    (model,) = found
    return model


def test_an_adapter_is_served_under_its_digest_name_and_requested(tmp_path: Path) -> None:
    docs = _docs(tmp_path, {"adapter": ADAPTER})
    args = _vllm_args(docs)
    assert "--enable-lora" in args
    assert args[args.index("--lora-modules") + 1] == f"{ADAPTER}=/models/adapters/{ADAPTER}"
    assert args[args.index("--max-lora-rank") + 1] == "16"
    assert _pipeline_model(docs) == ADAPTER


def test_an_adapter_name_that_is_not_a_digest_name_is_refused() -> None:
    schema = json.loads((CHART / "values.schema.json").read_text())
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    values["vllm"]["lora"]["adapter"] = "attest-clinical"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(values, schema)
