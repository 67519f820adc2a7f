"""The Helm chart renders and says what the deployment needs to say.

No helm binary can be installed here, so tests/helm/render renders the chart with Go's
text/template (the engine Helm uses); every manifest is then validated strictly against the
Kubernetes 1.30 schemas, for the default values and for an external database with two workers.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.helm.render import GO_MISSING, RenderError, find_go, render

try:
    import kubernetes_validate
except ImportError:  # pragma: no cover - reported by the test that needs it
    kubernetes_validate = None

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "attest"
EXTERNAL = CHART / "ci" / "values-external-db-two-workers.yaml"
VALUES: dict[str, list[Path]] = {"default": [], "external-db-two-workers": [EXTERNAL]}
KUBERNETES = "1.30"
PIPELINE = {"worker", "flow-run", "review-app", "prefect-server"}

Doc = dict[str, Any]


@pytest.fixture(scope="module", autouse=True)
def _go() -> None:
    try:
        find_go()
    except RenderError:
        pytest.fail(GO_MISSING)


@functools.cache
def _stream(name: str, release: str = "attest") -> str:
    return render(CHART, VALUES[name], release=release)


def _docs(name: str, release: str = "attest") -> list[Doc]:
    return [doc for doc in yaml.safe_load_all(_stream(name, release)) if doc]


@pytest.fixture(params=list(VALUES), ids=list(VALUES))
def manifests(request: pytest.FixtureRequest) -> list[Doc]:
    return _docs(request.param)


def _one(docs: list[Doc], kind: str, name: str) -> Doc:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def _job_template(docs: list[Doc]) -> dict[str, Any]:
    (config_map,) = [
        d for d in docs if d["kind"] == "ConfigMap" and "base-job-template.json" in d["data"]
    ]
    template: dict[str, Any] = json.loads(config_map["data"]["base-job-template.json"])
    return template


def _flow_run_job(docs: list[Doc]) -> Doc:
    """The Job Prefect would create for a flow run, its placeholders filled in."""
    text = json.dumps(_job_template(docs)["job_configuration"]["job_manifest"])
    filled = {
        '"{{ name }}-"': '"nightly-batch-"',
        '"{{ namespace }}"': '"default"',
        '"{{ labels }}"': '{"prefect.io/flow-run-id": "0b5e"}',
        '"{{ finished_job_ttl }}"': "86400",
        '"{{ image }}"': '"attest:0.1.0"',
        '"{{ image_pull_policy }}"': '"IfNotPresent"',
        '"{{ command }}"': '["prefect", "flow-run", "execute"]',
    }
    for placeholder, value in filled.items():
        text = text.replace(placeholder, value)
    assert "{{" not in text, text
    job: Doc = json.loads(text)
    # Prefect's own default template carries these two Job fields in the pod spec, and its
    # validator insists on them; Kubernetes drops them. Strict validation would not.
    pod = job["spec"]["template"]["spec"]
    assert (pod.pop("parallelism"), pod.pop("completions")) == (1, 1)
    return job


def _pods(docs: list[Doc]) -> Iterator[tuple[str, Doc]]:
    """(name, pod template) of every workload, the flow-run Job included."""
    for d in docs:
        if d["kind"] in {"Deployment", "StatefulSet"}:
            yield d["metadata"]["name"], d["spec"]["template"]
    yield "flow-run", _flow_run_job(docs)["spec"]["template"]


def _containers(docs: list[Doc]) -> dict[str, Doc]:
    return {c["name"]: c for _, pod in _pods(docs) for c in pod["spec"]["containers"]}


def _env(container: Doc) -> dict[str, Doc]:
    return {e["name"]: e for e in container.get("env", [])}


def _selects(selector: Doc, labels: dict[str, str]) -> bool:
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for expr in selector.get("matchExpressions", []):
        value, op = labels.get(expr["key"]), expr["operator"]
        if op == "In" and value not in expr["values"]:
            return False
        if op == "NotIn" and value in expr["values"]:
            return False
        if op == "Exists" and value is None:
            return False
        if op == "DoesNotExist" and value is not None:
            return False
    return True


# -- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(VALUES))
def test_the_chart_renders_a_helm_style_stream(name: str) -> None:
    stream = _stream(name)
    assert stream.startswith("---\n# Source: attest/templates/")
    for chunk in stream.split("---\n")[1:]:
        header, _, body = chunk.partition("\n")
        assert re.fullmatch(r"# Source: attest/templates/[\w.-]+\.yaml", header), header
        assert body.strip(), f"empty document from {header}"
    identities = [(d["kind"], d["metadata"]["name"]) for d in _docs(name)]
    assert len(identities) == len(set(identities)), "two resources of one kind share a name"
    kinds = {d["kind"] for d in _docs(name)}
    assert {"Deployment", "Service", "NetworkPolicy", "PersistentVolumeClaim"} <= kinds
    assert {"ServiceAccount", "Role", "RoleBinding", "ConfigMap"} <= kinds


def test_the_command_line_renders_like_helm_template() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.helm.render", str(CHART), "-f", str(EXTERNAL)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _stream("external-db-two-workers")


def test_resource_names_follow_the_release_name() -> None:
    docs = _docs("default", release="prod")
    names = {d["metadata"]["name"] for d in docs}
    assert "prod-attest-worker" in names and "prod-attest-vllm" in names
    worker = _containers(docs)["worker"]
    assert _env(worker)["PREFECT_API_URL"]["value"] == "http://prod-attest-prefect:4200/api"
    assert all(len(n) <= 63 for n in names)


# -- validation ------------------------------------------------------------------------------


def test_every_manifest_validates_strictly_against_kubernetes(manifests: list[Doc]) -> None:
    if kubernetes_validate is None:
        pytest.fail("kubernetes-validate is missing: .venv/bin/pip install kubernetes-validate")
    for doc in [*manifests, _flow_run_job(manifests)]:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_strict_validation_catches_an_unknown_field() -> None:
    if kubernetes_validate is None:
        pytest.fail("kubernetes-validate is missing: .venv/bin/pip install kubernetes-validate")
    service = _one(_docs("default"), "Service", "attest-vllm")
    service["spec"]["portz"] = service["spec"].pop("ports")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, KUBERNETES, strict=True)


@pytest.mark.parametrize("path", [CHART / "values.yaml", EXTERNAL], ids=lambda p: p.name)
def test_values_files_match_the_values_schema(path: Path) -> None:
    schema = json.loads((CHART / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(path.read_text()))


def test_values_breaking_the_schema_are_refused(tmp_path: Path) -> None:
    values = tmp_path / "bad.yaml"
    values.write_text("worker:\n  replicas: two\npodSecurity:\n  runAsUser: 0\n")
    with pytest.raises(RenderError, match=r"schema") as caught:
        render(CHART, [values])
    assert "worker.replicas" in str(caught.value) and "podSecurity.runAsUser" in str(caught.value)


def test_every_value_is_commented_in_values_yaml() -> None:
    """Each value has a comment right above it, or above the key it is part of."""
    lines = (CHART / "values.yaml").read_text().splitlines()
    ancestors: list[tuple[int, bool]] = []  # (indentation, commented) of the enclosing keys
    for number, line in enumerate(lines):
        match = re.match(r"^( *)([A-Za-z][\w.]*):(.*)$", line)
        if not match:
            continue
        indent, key, rest = len(match[1]), match[2], match[3].strip()
        ancestors = [a for a in ancestors if a[0] < indent]
        commented = number > 0 and lines[number - 1].strip().startswith("#")
        if rest and not rest.startswith("#"):
            assert commented or any(c for _, c in ancestors), (
                f"values.yaml: {key!r} lacks a comment"
            )
        ancestors.append((indent, commented))


def test_the_readme_documents_every_value() -> None:
    readme = (CHART / "README.md").read_text()

    def leaves(node: Any, prefix: str = "") -> Iterator[str]:
        if isinstance(node, dict) and node and not prefix.endswith("resources."):
            for key, value in node.items():
                yield from leaves(value, f"{prefix}{key}.")
        else:
            yield prefix.rstrip(".")

    values = yaml.safe_load((CHART / "values.yaml").read_text())
    missing = [v for v in leaves(values) if f"`{v}`" not in readme]
    assert not missing, f"README.md's values table lacks {missing}"
    assert "helm install attest helm/attest -f values-external-db.yaml" in readme


ALLOWED = {
    # The functions the brief allows (tests/helm/render/main.go implements exactly these) ...
    *[
        "include",
        "define",
        "template",
        "toYaml",
        "nindent",
        "indent",
        "quote",
        "default",
        "required",
        "fail",
        "printf",
    ],
    *["trunc", "trimSuffix", "replace", "b64enc", "eq", "ne", "not", "and", "or"],
    # ... and the actions and constants of text/template.
    *["if", "else", "with", "range", "end", "true", "false", "nil"],
}


def test_templates_use_only_the_functions_the_renderer_implements() -> None:
    for path in sorted((CHART / "templates").iterdir()):
        text = re.sub(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", "", path.read_text(), flags=re.S)
        actions = re.findall(r'\{\{((?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`}]|\}(?!\}))*)\}\}', text)
        for action in actions:
            action = re.sub(r'"(?:[^"\\]|\\.)*"', '""', action)  # drop string literals
            words = re.findall(r"(?<![\w.$])[A-Za-z_]\w*", action)
            unknown = set(words) - ALLOWED
            assert not unknown, f"{path.name}: {{{{{action}}}}} uses {sorted(unknown)}"


@pytest.mark.parametrize("name", list(VALUES))
def test_the_yaml_is_clean(name: str) -> None:
    try:
        from yamllint import linter
        from yamllint.config import YamlLintConfig
    except ImportError:
        pytest.fail("yamllint is missing: .venv/bin/pip install yamllint")
    config = YamlLintConfig(
        "{extends: default, rules: {line-length: {max: 160}, document-start: disable}}"
    )
    sources = {f"rendered {name}": _stream(name)}
    for path in [CHART / "Chart.yaml", CHART / "values.yaml", *VALUES[name]]:
        sources[path.name] = path.read_text()
    for source, text in sources.items():
        problems = [f"{p.line}:{p.column} {p.message}" for p in linter.run(text, config)]
        assert not problems, f"{source}: {problems}"


# -- behaviour -------------------------------------------------------------------------------


def test_the_model_server_is_offline_deterministic_and_on_a_gpu(manifests: list[Doc]) -> None:
    vllm = _containers(manifests)["vllm"]
    assert vllm["image"].startswith("vllm/vllm-openai:")
    env = _env(vllm)
    assert env["HF_HUB_OFFLINE"]["value"] == "1"
    assert env["VLLM_NO_USAGE_STATS"]["value"] == "1"
    args = vllm["args"]
    assert args[0].startswith("/models/")
    assert args[args.index("--seed") + 1] == "0"
    assert args[args.index("--generation-config") + 1] == "vllm"
    assert args[args.index("--served-model-name") + 1] == "attest-clinical"
    assert args[args.index("--max-model-len") + 1] == "8192"
    assert args[args.index("--api-key") + 1] == "$(VLLM_API_KEY)"
    assert env["VLLM_API_KEY"]["valueFrom"]["secretKeyRef"]["key"] == "api-key"
    assert vllm["resources"]["limits"]["nvidia.com/gpu"] == 1
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert vllm[probe]["httpGet"] == {"path": "/health", "port": "http"}
    assert {"name": "http", "containerPort": 8000, "protocol": "TCP"} in vllm["ports"]


def test_the_weights_come_read_only_from_a_claim(manifests: list[Doc]) -> None:
    pod = _one(manifests, "Deployment", "attest-vllm")["spec"]["template"]["spec"]
    mount = next(m for m in pod["containers"][0]["volumeMounts"] if m["name"] == "models")
    assert mount == {"name": "models", "mountPath": "/models", "readOnly": True}
    volume = next(v for v in pod["volumes"] if v["name"] == "models")
    claim = volume["persistentVolumeClaim"]
    assert claim["readOnly"] is True
    _one(manifests, "PersistentVolumeClaim", claim["claimName"])


def test_gpu_placement_comes_from_the_values() -> None:
    pod = _one(_docs("external-db-two-workers"), "Deployment", "attest-vllm")["spec"]["template"]
    values = yaml.safe_load(EXTERNAL.read_text())["vllm"]
    assert pod["spec"]["nodeSelector"] == values["nodeSelector"]
    assert pod["spec"]["tolerations"] == values["tolerations"]
    assert "nodeSelector" not in _one(_docs("default"), "Deployment", "attest-vllm")["spec"]


def test_every_container_runs_unprivileged_as_non_root(manifests: list[Doc]) -> None:
    pods = list(_pods(manifests))
    assert len(pods) >= 5
    for name, pod in pods:
        spec = pod["spec"]
        pod_context = spec.get("securityContext", {})
        for container in [*spec.get("initContainers", []), *spec["containers"]]:
            context = {**pod_context, **container["securityContext"]}
            where = f"{name}/{container['name']}"
            assert context["runAsNonRoot"] is True, where
            assert context["runAsUser"] > 0, where
            assert context["allowPrivilegeEscalation"] is False, where
            assert context["readOnlyRootFilesystem"] is True, where
            assert context["capabilities"]["drop"] == ["ALL"], where
            assert context["seccompProfile"]["type"] == "RuntimeDefault", where
            assert container["resources"]["requests"] and container["resources"]["limits"], where


def test_only_the_worker_may_call_the_kubernetes_api(manifests: list[Doc]) -> None:
    for name, pod in _pods(manifests):
        if name != "attest-worker":
            assert pod["spec"]["automountServiceAccountToken"] is False, name


def test_network_policies_deny_egress_but_to_dns_model_db_and_prefect(
    manifests: list[Doc],
) -> None:
    policies = [d for d in manifests if d["kind"] == "NetworkPolicy"]
    pipeline = _one(manifests, "NetworkPolicy", "attest-pipeline-egress")
    assert pipeline["spec"]["policyTypes"] == ["Egress"]
    rules = pipeline["spec"]["egress"]
    assert all(rule.get("ports") for rule in rules), "an egress rule without ports allows all"
    ports = {(p["protocol"], p["port"]) for rule in rules for p in rule["ports"]}
    assert ports == {("UDP", 53), ("TCP", 53), ("TCP", 8000), ("TCP", 4200), ("TCP", 5432)}
    dns = next(r for r in rules if ("UDP", 53) in {(p["protocol"], p["port"]) for p in r["ports"]})
    selector = dns["to"][0]["namespaceSelector"]["matchLabels"]
    assert selector == {"kubernetes.io/metadata.name": "kube-system"}
    # Every attest pod but the model server and PostgreSQL falls under the egress rules.
    for name, pod in _pods(manifests):
        labels = pod["metadata"]["labels"]
        if labels["app.kubernetes.io/component"] not in PIPELINE:
            continue
        covering = [
            p
            for p in policies
            if "Egress" in p["spec"]["policyTypes"] and _selects(p["spec"]["podSelector"], labels)
        ]
        assert pipeline in covering, name
        extra = {
            (port["protocol"], port["port"])
            for p in covering
            if p is not pipeline
            for rule in p["spec"]["egress"]
            for port in rule["ports"]
        }
        if labels["app.kubernetes.io/component"] == "worker":
            assert extra == {("TCP", 443), ("TCP", 6443)}, "the worker reaches the API server"
        else:
            assert not extra, name


def test_the_model_server_reaches_nothing_and_hears_only_the_pipeline(
    manifests: list[Doc],
) -> None:
    policy = _one(manifests, "NetworkPolicy", "attest-model-server")
    assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert policy["spec"]["egress"] == []
    vllm_labels = _one(manifests, "Deployment", "attest-vllm")["spec"]["template"]["metadata"]
    assert _selects(policy["spec"]["podSelector"], vllm_labels["labels"])
    (rule,) = policy["spec"]["ingress"]
    assert rule["ports"] == [{"protocol": "TCP", "port": 8000}]
    (source,) = rule["from"]
    heard = {
        labels["app.kubernetes.io/component"]
        for _, pod in _pods(manifests)
        if _selects(source["podSelector"], labels := pod["metadata"]["labels"])
    }
    assert heard == {"worker", "flow-run"}


def test_services_select_their_pods(manifests: list[Doc]) -> None:
    pods = [pod["metadata"]["labels"] for _, pod in _pods(manifests)]
    for service in (d for d in manifests if d["kind"] == "Service"):
        selector = {"matchLabels": service["spec"]["selector"]}
        assert sum(_selects(selector, labels) for labels in pods) == 1, service["metadata"]


def test_the_prefect_server_keeps_its_state_in_postgres_and_sends_no_analytics(
    manifests: list[Doc],
) -> None:
    server = _containers(manifests)["prefect-server"]
    assert server["image"] == "prefecthq/prefect:3.8.8-python3.11"
    assert server["command"][:5] == ["prefect", "server", "start", "--host", "0.0.0.0"]
    env = _env(server)
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"]["value"] == "false"
    url = env["PREFECT_API_DATABASE_CONNECTION_URL"]["valueFrom"]["secretKeyRef"]
    assert url["key"] == "prefect-url"
    service = _one(manifests, "Service", "attest-prefect")
    assert service["spec"]["ports"][0]["port"] == 4200


def test_the_workers_start_kubernetes_jobs_with_the_rights_to_do_so(
    manifests: list[Doc],
) -> None:
    deployment = _one(manifests, "Deployment", "attest-worker")
    pod = deployment["spec"]["template"]["spec"]
    worker = pod["containers"][0]
    command = worker["command"]
    assert command[:3] == ["prefect", "worker", "start"]
    assert command[command.index("--pool") + 1] == "attest"
    assert command[command.index("--type") + 1] == "kubernetes"
    env = _env(worker)
    assert env["PREFECT_API_URL"]["value"] == "http://attest-prefect:4200/api"
    assert env["DO_NOT_TRACK"]["value"] == "1"
    account = pod["serviceAccountName"]
    _one(manifests, "ServiceAccount", account)
    binding = _one(manifests, "RoleBinding", account)
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": account, "namespace": "default"}
    ]
    role = _one(manifests, "Role", binding["roleRef"]["name"])
    allowed = {
        (group, resource, verb)
        for rule in role["rules"]
        for group in rule["apiGroups"]
        for resource in rule["resources"]
        for verb in rule["verbs"]
    }
    for needed in [
        ("batch", "jobs", "create"),
        ("batch", "jobs", "delete"),
        ("", "pods", "create"),
    ]:
        assert needed in allowed
    assert not any("*" in entry for entry in allowed)


def test_flow_runs_get_the_data_the_database_and_the_model(manifests: list[Doc]) -> None:
    template = _job_template(manifests)
    assert template["variables"]["properties"]["image"]["default"] == "attest:0.1.0"
    pod = _flow_run_job(manifests)["spec"]["template"]
    assert pod["metadata"]["labels"]["app.kubernetes.io/component"] == "flow-run"
    container = pod["spec"]["containers"][0]
    env = _env(container)
    assert env["ATTEST_LLM_URL"]["value"] == "http://attest-vllm:8000/v1"
    assert env["ATTEST_MODEL"]["value"] == "attest-clinical"
    assert env["ATTEST_DB"]["valueFrom"]["secretKeyRef"]["key"] == "attest-url"
    assert env["HF_HUB_OFFLINE"]["value"] == "1"
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {"/data/inbox", "/data/outbox"} <= mounts
    claims = {
        v["persistentVolumeClaim"]["claimName"]
        for v in pod["spec"]["volumes"]
        if "persistentVolumeClaim" in v
    }
    assert claims == {"attest-inbox", "attest-outbox"}
    for claim in claims:
        _one(manifests, "PersistentVolumeClaim", claim)


def test_the_review_app_reads_the_audit_store(manifests: list[Doc]) -> None:
    review = _containers(manifests)["review"]
    assert review["command"] == ["attest", "serve", "--host", "0.0.0.0", "--port", "8080"]
    assert _env(review)["ATTEST_DB"]["valueFrom"]["secretKeyRef"]["key"] == "attest-url"
    assert review["readinessProbe"]["httpGet"]["path"] == "/healthz"  # `attest serve` answers it


def test_the_default_install_bundles_postgres_and_no_ingress() -> None:
    docs = _docs("default")
    database = _one(docs, "StatefulSet", "attest-postgresql")
    container = database["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "postgres:16"
    assert not [d for d in docs if d["kind"] == "Ingress"]
    secret = _one(docs, "Secret", "attest-postgresql")
    assert set(secret["data"]) == {"password", "attest-url", "prefect-url"}
    review = _containers(docs)["review"]
    ref = _env(review)["ATTEST_DB"]["valueFrom"]["secretKeyRef"]
    assert ref == {"name": "attest-postgresql", "key": "attest-url"}
    _one(docs, "NetworkPolicy", "attest-database")


def test_the_external_database_file_drops_postgres_and_runs_two_workers() -> None:
    docs = _docs("external-db-two-workers")
    assert not [d for d in docs if d["kind"] == "StatefulSet"]
    assert not [d for d in docs if "postgresql" in d["metadata"]["name"]]
    assert _one(docs, "Deployment", "attest-worker")["spec"]["replicas"] == 2
    for container in _containers(docs).values():
        for name in ("ATTEST_DB", "PREFECT_API_DATABASE_CONNECTION_URL"):
            if name in _env(container):
                ref = _env(container)[name]["valueFrom"]["secretKeyRef"]
                assert ref["name"] == "attest-database", container["name"]
    ingress = _one(docs, "Ingress", "attest-review")
    assert ingress["spec"]["rules"][0]["host"] == "attest.bank.internal"


def test_no_database_at_all_fails_with_a_message_saying_what_to_set(tmp_path: Path) -> None:
    values = tmp_path / "no-db.yaml"
    values.write_text("postgresql:\n  enabled: false\n")
    with pytest.raises(RenderError, match=r"externalDatabase\.existingSecret") as caught:
        render(CHART, [values])
    assert "postgresql.enabled" in str(caught.value)
    proc = subprocess.run(
        [sys.executable, "-m", "tests.helm.render", str(CHART), "-f", str(values)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1 and not proc.stdout
    assert "execution error at (attest/templates/" in proc.stderr
    assert "externalDatabase.existingSecret" in proc.stderr
