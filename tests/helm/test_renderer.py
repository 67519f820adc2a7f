"""The offline renderer (tests/helm/render: a Python wrapper and main.go) behaves like `helm template` on
every function and rule the chart relies on: values merging, include/template, the string
functions, toYaml, empty and multi-document files, `required` and `fail`."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helm.render import GO_MISSING, RenderError, find_go, render

VALUES = """\
a: {b: 1, c: two, d: {e: true}}
gone: keep-me
tricky: ["yes", "No", "1.0", "0x1F", "a: b", "x #y", "line1\\nline2", "ünï", "", "#x", "null",
         "-lead", "10Gi", "http://x/y?q=1&r=2", "  pad  ", "@at", "'q'", "{b}", "tab\\tin", "~"]
empty: {map: {}, list: []}
nested: [[1, 2], [], {k: [a, b]}, {}]
nums: {int: 10001, negative: -3, float: 0.5, zero: 0}
flags: {enabled: true, disabled: false}
"""

TEMPLATES = {
    "_helpers.tpl": """\
        {{- define "demo.x" -}}
        x-{{ .Values.a.c }}
        {{- end -}}
        """,
    "configmap.yaml": """\
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "demo.x" . | trunc 5 | trimSuffix "-" }}
        data:
          merged: "{{ .Values.a.b }}-{{ .Values.a.c }}-{{ .Values.a.d.e }}"
          gone: {{ default "deleted" .Values.gone | quote }}
          zero: {{ default "fallback" .Values.nums.zero | quote }}
          missing: "{{ .Values.nothing }}"
          repl: {{ replace "-" "_" "a-b-c" }}
          b64: {{ b64enc "attest" }}
          chart: {{ printf "%s-%s-%s" .Chart.Name .Chart.Version .Chart.AppVersion }}
          release: {{ .Release.Name }}/{{ .Release.Namespace }}
          tpl: {{ template "demo.x" . }}
          logic: {{ and true (or false "x") }}-{{ not false }}-{{ eq 1 1 }}-{{ ne "a" "b" }}
          indented: |
        {{ indent 4 "one\\ntwo" }}
          values: |
            {{- toYaml .Values | nindent 4 }}
        """,
    "empty.yaml": """\
        {{- if .Values.flags.disabled }}
        apiVersion: v1
        kind: ConfigMap
        {{- end }}
        """,
    "comment-only.yaml": "# nothing but a comment\n",
    "two.yaml": """\
        apiVersion: v1
        kind: Namespace
        metadata:
          name: first
        ---

        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: second
        """,
    "required.yaml": """\
        {{- if .Values.strict }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: strict
        data:
          must: {{ required "set .Values.must, the thing this needs" .Values.must | quote }}
        {{- end }}
        """,
    "failing.yaml": """\
        {{- if .Values.explode }}
        {{- fail "explode was set: unset it" }}
        {{- end }}
        """,
}


@pytest.fixture(scope="module")
def chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        find_go()
    except RenderError:
        pytest.fail(GO_MISSING)
    root = tmp_path_factory.mktemp("chart") / "demo"
    (root / "templates").mkdir(parents=True)
    (root / "Chart.yaml").write_text(
        "apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: '4.5'\n"
    )
    (root / "values.yaml").write_text(VALUES)
    for name, text in TEMPLATES.items():
        (root / "templates" / name).write_text(textwrap.dedent(text))
    return root


def _override(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "override.yaml"
    path.write_text(text)
    return path


def _documents(stream: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for chunk in stream.split("---\n")[1:]:
        header, _, body = chunk.partition("\n")
        out.append((header.removeprefix("# Source: "), yaml.safe_load(body)))
    return out


def test_functions_merging_and_documents(chart: Path, tmp_path: Path) -> None:
    override = _override(tmp_path, "a: {c: three}\ngone: null\n")
    stream = render(chart, [override], release="rel", namespace="ns")
    docs = _documents(stream)
    # Empty and comment-only files vanish; a file with two documents gives two, in Helm's
    # install order (Namespace, ServiceAccount, ConfigMap).
    assert [(source, doc["kind"]) for source, doc in docs] == [
        ("demo/templates/two.yaml", "Namespace"),
        ("demo/templates/two.yaml", "ServiceAccount"),
        ("demo/templates/configmap.yaml", "ConfigMap"),
    ]
    data = docs[2][1]["data"]
    assert docs[2][1]["metadata"]["name"] == "x-thr"
    assert data["merged"] == "1-three-true"  # deep merge keeps a.b and a.d
    assert data["gone"] == "deleted"  # null in a values file deletes the key
    assert data["zero"] == "fallback"  # 0 is empty for `default`
    assert data["missing"] == ""  # missing values render as nothing, not "<no value>"
    assert data["repl"] == "a_b_c"
    assert data["b64"] == "YXR0ZXN0"
    assert data["chart"] == "demo-1.2.3-4.5"
    assert data["release"] == "rel/ns"
    assert data["tpl"] == "x-three"
    assert data["logic"] == "x-true-true-true"
    assert data["indented"] == "one\ntwo\n"
    expected = yaml.safe_load(VALUES)
    expected["a"]["c"] = "three"
    del expected["gone"]
    assert yaml.safe_load(data["values"]) == expected  # toYaml round-trips every value


def test_required_stops_with_its_message(chart: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"set \.Values\.must, the thing this needs"):
        render(chart, [_override(tmp_path, "strict: true\n")])
    assert "kind: ConfigMap" in render(chart, [_override(tmp_path, "strict: true\nmust: 1\n")])


def test_fail_names_the_template_like_helm(chart: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderError) as caught:
        render(chart, [_override(tmp_path, "explode: true\n")])
    assert str(caught.value).startswith("execution error at (demo/templates/failing.yaml:2:")
    assert str(caught.value).endswith("explode was set: unset it")


def test_a_template_that_is_not_yaml_is_refused(chart: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(chart, broken)
    (broken / "templates" / "bad.yaml").write_text("apiVersion: v1\nkind: [unclosed\n")
    with pytest.raises(RenderError, match=r"YAML parse error on demo/templates/bad\.yaml"):
        render(broken)


def test_a_template_syntax_error_is_reported(chart: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(chart, broken)
    (broken / "templates" / "bad.yaml").write_text("{{ if .Values.a }}\n")
    with pytest.raises(RenderError, match=r"parse error in demo/templates/bad\.yaml"):
        render(broken)


def test_a_function_outside_the_supported_set_is_refused(chart: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(chart, broken)
    (broken / "templates" / "bad.yaml").write_text("x: {{ randAlphaNum 5 }}\n")
    with pytest.raises(RenderError, match=r'function "randAlphaNum" not defined'):
        render(broken)
