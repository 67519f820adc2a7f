"""Render a Helm chart offline, like `helm template`, where no helm binary can be installed.

    python -m tests.helm.render helm/attest [-f values.yaml ...] [--name attest] [--namespace ns]

Test tooling, not part of the product: the chart tests (tests/helm) render the chart with it.
The templates are executed by tests/helm/render/main.go with Go's text/template, the engine Helm
uses, and the subset of Helm's functions the attest chart uses. Go's standard library has no
YAML parser, so this wrapper reads Chart.yaml and the values files with PyYAML and hands them
to the Go program as JSON. Like Helm it checks the merged values against values.schema.json,
and it checks that every rendered document is YAML holding a Kubernetes object.

The Go program is built with `go build` on first use into a cache folder keyed by its source
hash ($ATTEST_RENDER_CACHE, else $XDG_CACHE_HOME/attest-helm-render, else ~/.cache/...).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

RENDERER = Path(__file__).resolve().parent
GO_MISSING = (
    "Go is needed to render the chart offline and is not installed: "
    "apt-get install golang-go (or run `make system-deps`)"
)


class RenderError(Exception):
    """The chart could not be rendered: bad values, a template error or a `fail`."""


def find_go() -> str:
    for candidate in (shutil.which("go"), "/usr/lib/go/bin/go", "/usr/local/go/bin/go"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RenderError(GO_MISSING)


def _cache_dir() -> Path:
    if os.environ.get("ATTEST_RENDER_CACHE"):
        return Path(os.environ["ATTEST_RENDER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "attest-helm-render"


def renderer_binary() -> Path:
    """The built renderer, building it first when its sources changed."""
    digest = hashlib.sha256()
    for name in ("go.mod", "main.go"):
        digest.update((RENDERER / name).read_bytes())
    tag = digest.hexdigest()[:16]
    for cache in (_cache_dir(), Path(tempfile.gettempdir()) / "attest-helm-render"):
        binary = cache / f"render-{tag}"
        if binary.is_file():
            return binary
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(cache, os.W_OK):
            return _build(binary)
    raise RenderError("no writable cache folder for the renderer binary")


def _build(binary: Path) -> Path:
    go = find_go()
    env = dict(os.environ)
    env.setdefault("GOCACHE", str(binary.parent / "gocache"))
    env.setdefault("GOPATH", str(binary.parent / "gopath"))
    # Standard library only: never reach for a module proxy or a newer toolchain.
    env.update(GOFLAGS="-mod=mod", GOPROXY="off", GOTOOLCHAIN="local", CGO_ENABLED="0")
    partial = binary.with_name(f"{binary.name}.{os.getpid()}.tmp")
    proc = subprocess.run(
        [go, "build", "-trimpath", "-o", str(partial), "."],
        cwd=RENDERER,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        partial.unlink(missing_ok=True)
        raise RenderError(f"go build of {RENDERER} failed:\n{proc.stderr}")
    os.replace(partial, binary)  # atomic: parallel test runs may build at the same time
    return binary


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise RenderError(f"cannot read {path}: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RenderError(f"{path} must hold a mapping, not {type(data).__name__}")
    return data


def _run(request: dict[str, Any]) -> str:
    proc = subprocess.run(
        [str(renderer_binary())],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        message = proc.stderr.strip().removeprefix("Error: ")
        raise RenderError(message or f"renderer exited with {proc.returncode}")
    return proc.stdout


def _check_schema(chart: Path, values: dict[str, Any]) -> None:
    schema_file = chart / "values.schema.json"
    if not schema_file.is_file():
        return
    import jsonschema

    schema = json.loads(schema_file.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(values), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [
            f"- {'.'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
            for e in errors
        ]
        raise RenderError(
            "values don't meet the specifications of the schema(s) in the following "
            f"chart(s):\n{chart.name}:\n" + "\n".join(lines)
        )


def _check_documents(stream: str) -> None:
    source = "?"
    for doc in stream.split("\n---\n"):
        for line in doc.splitlines():
            if line.startswith("# Source: "):
                source = line.removeprefix("# Source: ")
                break
        try:
            obj = yaml.safe_load(doc)
        except yaml.YAMLError as exc:
            raise RenderError(f"YAML parse error on {source}: {exc}") from exc
        if obj is None:
            continue
        if not isinstance(obj, dict) or "apiVersion" not in obj or "kind" not in obj:
            raise RenderError(f"{source}: a document without apiVersion and kind")


def render(
    chart: Path | str,
    values_files: Sequence[Path | str] = (),
    *,
    release: str = "attest",
    namespace: str = "default",
) -> str:
    """The chart's manifests as a multi-document YAML stream, as `helm template` writes it."""
    chart = Path(chart)
    request: dict[str, Any] = {
        "chartDir": str(chart),
        "chart": _load_yaml(chart / "Chart.yaml"),
        "defaults": _load_yaml(chart / "values.yaml") if (chart / "values.yaml").exists() else {},
        "overrides": [_load_yaml(Path(f)) for f in values_files],
        "release": {"name": release, "namespace": namespace},
    }
    merged = json.loads(_run({**request, "mode": "values"}))
    _check_schema(chart, merged)
    stream = _run({**request, "mode": "render"})
    _check_documents(stream)
    return stream


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render a Helm chart offline (helm template).")
    parser.add_argument("chart", type=Path, help="chart folder, e.g. helm/attest")
    parser.add_argument(
        "-f", "--values", type=Path, action="append", default=[], help="values file (repeatable)"
    )
    parser.add_argument("--name", default="attest", help="release name (default: attest)")
    parser.add_argument("-n", "--namespace", default="default", help="release namespace")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    try:
        stream = render(args.chart, args.values, release=args.name, namespace=args.namespace)
    except RenderError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(stream)
    else:
        sys.stdout.write(stream)
    return 0
