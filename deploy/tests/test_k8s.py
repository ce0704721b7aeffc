"""Kubernetes manifests: generated from layout.py, probes, exposure, policies, env and secrets."""

import subprocess
import sys
from urllib.parse import urlparse

import pytest
import yaml
from support import (
    BACKENDS,
    K8S,
    ROOT,
    configmaps,
    container_env,
    example_secrets,
    foreign_prefixed,
    k8s,
    k8s_documents,
    load_settings,
    pod_containers,
    variables_read,
    variables_read_by_entrypoint,
)

from deploy.local.layout import PROJECTS

sys.path.insert(0, str(K8S))
import generate

WORKLOADS = [doc for doc in k8s_documents() if doc["kind"] in ("Deployment", "Job")]


def web_container(project):
    return k8s("Deployment", f"{project.service}-web")["spec"]["template"]["spec"]["containers"][0]


def test_committed_manifests_match_the_generator():
    rendered = generate.render()
    on_disk = {str(p.relative_to(K8S)) for p in K8S.rglob("*.yaml")}
    assert on_disk == set(rendered), "stale or missing files: run deploy/k8s/generate.py"
    for name, text in rendered.items():
        assert (K8S / name).read_text() == text, f"{name} differs from generate.py: run it"


def test_kustomization_lists_every_manifest_but_the_secret_example():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    on_disk = {str(p.relative_to(K8S)) for p in K8S.rglob("*.yaml")} - {"kustomization.yaml", "secrets.example.yaml"}
    assert listed == on_disk
    assert kustomization["images"][0]["name"] == generate.IMAGE


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_deployments_and_service_per_project(project):
    web = k8s("Deployment", f"{project.service}-web")
    assert web is not None and web_container(project)["args"] == ["web"]
    assert web_container(project)["ports"] == [{"name": "http", "containerPort": project.port}]
    worker = k8s("Deployment", f"{project.service}-worker")
    assert (worker is not None) == project.worker
    if worker:
        assert worker["spec"]["template"]["spec"]["containers"][0]["args"] == ["worker"]
    beat = k8s("Deployment", f"{project.service}-beat")
    assert (beat is not None) == project.beat
    if beat:
        assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"] == {"type": "Recreate"}
        assert f"{project.service}-beat" not in {
            h["spec"]["scaleTargetRef"]["name"] for h in k8s("HorizontalPodAutoscaler")
        }
    service = k8s("Service", project.service)
    assert service["spec"]["type"] == "ClusterIP"
    assert service["spec"]["ports"][0]["port"] == project.port
    assert service["spec"]["selector"].items() <= web["spec"]["template"]["metadata"]["labels"].items()
    assert (k8s("Job", f"{project.service}-migrate") is not None) == (project.sql is not None)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_probes_hit_the_open_health_paths(project):
    container = web_container(project)
    readiness, liveness = container["readinessProbe"]["httpGet"], container["livenessProbe"]["httpGet"]
    # A service is ready when its stores are; the gateway stays ready while an upstream is down.
    expected_readiness = "/health" if project.service == "gateway" else "/health/ready"
    assert readiness["path"] == expected_readiness and liveness["path"] == "/health"
    for probe in (readiness, liveness, container["startupProbe"]["httpGet"]):
        assert probe["port"] == "http"
        host = {h["name"]: h["value"] for h in probe["httpHeaders"]}["Host"]
        assert host in container_env(container)["ALLOWED_HOSTS"].split(",")


def test_every_container_has_resources_and_runs_unprivileged():
    for doc in WORKLOADS:
        pod = doc["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["enableServiceLinks"] is False
        for container in pod_containers(doc):
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"]) and {"cpu", "memory"} <= set(resources["limits"])
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["image"] == generate.IMAGE


def test_only_the_gateway_is_ingressed_or_exposed():
    ingresses = k8s("Ingress")
    assert len(ingresses) == 1
    backends = {
        path["backend"]["service"]["name"]: path["backend"]["service"]["port"]["number"]
        for rule in ingresses[0]["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    gateway = next(p for p in PROJECTS if p.service == "gateway")
    assert backends == {"gateway": gateway.port}
    assert all(service["spec"].get("type", "ClusterIP") == "ClusterIP" for service in k8s("Service"))


def test_network_policies_open_service_ports_only_to_the_gateway():
    policies = {doc["metadata"]["name"]: doc["spec"] for doc in k8s("NetworkPolicy")}
    assert policies["default-deny-ingress"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    gateway_pods = k8s("Deployment", "gateway-web")["spec"]["template"]["metadata"]["labels"]
    for project in PROJECTS:
        spec = policies[f"{project.service}-web-ingress"]
        web_labels = k8s("Deployment", f"{project.service}-web")["spec"]["template"]["metadata"]["labels"]
        assert spec["podSelector"]["matchLabels"].items() <= web_labels.items()
        [rule] = spec["ingress"]
        assert rule["ports"] == [{"protocol": "TCP", "port": project.port}]
        [source] = rule["from"]
        if project.service == "gateway":
            assert "namespaceSelector" in source
        else:
            assert source["podSelector"]["matchLabels"].items() <= gateway_pods.items()
    # Gateway pods reach each other (Socket.IO sessions relayed to their owner), nothing else.
    peers = policies["gateway-socketio-peers"]
    gateway_selector = {"matchLabels": gateway_pods_selector()}
    assert peers["podSelector"] == gateway_selector
    assert peers["ingress"] == [{"from": [{"podSelector": gateway_selector}]}]
    # Nothing else opens a door: workers and Flower stay behind the default deny.
    assert len(policies) == len(PROJECTS) + 2


def gateway_pods_selector() -> dict:
    return {"app.kubernetes.io/name": "gateway", "app.kubernetes.io/component": "web"}


def test_gateway_pods_advertise_their_own_address_for_socketio_relays():
    [container] = pod_containers(k8s("Deployment", "gateway-web"))
    env = {item["name"]: item for item in container["env"]}
    assert env["GATEWAY_SOCKETIO_HOST"]["valueFrom"] == {"fieldRef": {"fieldPath": "status.podIP"}}


@pytest.mark.parametrize("name", ["notification-web", "notification-worker"])
def test_notification_gets_the_web_push_key_and_the_sms_account_from_its_secret(name):
    for container in pod_containers(k8s("Deployment", name)):  # the worker pod has its beat beside it
        env = {item["name"]: item.get("valueFrom", {}) for item in container["env"]}
        for key in ("VAPID_PRIVATE", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"):
            assert env[key] == {"secretKeyRef": {"name": "notification-secrets", "key": key}}, container["name"]


def test_autoscalers_cover_the_gateway_and_every_worker():
    targets = {doc["spec"]["scaleTargetRef"]["name"] for doc in k8s("HorizontalPodAutoscaler")}
    assert targets == {"gateway-web"} | {f"{p.service}-worker" for p in PROJECTS if p.worker}
    for name in targets:
        deployment = k8s("Deployment", name)
        assert deployment is not None
        assert all("requests" in c["resources"] for c in pod_containers(deployment))


def test_references_resolve():
    secrets, maps = example_secrets(), configmaps()
    for doc in WORKLOADS:
        for container in pod_containers(doc):
            for item in container.get("env", []):
                ref = item.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["key"] in secrets[ref["name"]], f"{ref} missing from secrets.example.yaml"
            for source in container.get("envFrom", []):
                assert source["configMapRef"]["name"] in maps
        for volume in doc["spec"]["template"]["spec"].get("volumes", []):
            claim = volume.get("persistentVolumeClaim")
            if claim:
                assert k8s("PersistentVolumeClaim", claim["claimName"]) is not None


@pytest.mark.parametrize("doc", WORKLOADS, ids=lambda d: d["metadata"]["name"])
def test_env_is_what_the_code_reads(doc):
    for container in pod_containers(doc):
        env = container_env(container)
        service = env["SERVICE"]
        unknown = sorted(set(env) - variables_read(service) - variables_read_by_entrypoint())
        assert not unknown, f"{doc['metadata']['name']}: no code reads {unknown}"
        assert not foreign_prefixed(service, env)
        private = {name for name in env if name in ("JWT_PRIVATE", "GATEWAY_PRIVATE")}
        assert private <= {"auth": {"JWT_PRIVATE"}, "gateway": {"GATEWAY_PRIVATE"}}.get(service, set())


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_production_settings_load_with_cluster_env(project, tmp_path):
    env = container_env(web_container(project))
    settings = load_settings(project.service, env, tmp_path)
    assert settings["DEBUG"] is False and settings["SESSION_COOKIE_SECURE"] is True
    assert project.service in settings["ALLOWED_HOSTS"] or project.service == "gateway"
    if project.sql:
        assert settings["db"]["ENGINE"].endswith({"mysql": "mysql", "postgres": "postgresql"}[project.sql])
        assert settings["db"]["NAME"] == project.service
    if project.service == "gateway":
        for upstream in BACKENDS:
            [url] = settings["GATEWAY_UPSTREAMS"][upstream.service]
            parsed = urlparse(url)
            assert k8s("Service", parsed.hostname)["spec"]["ports"][0]["port"] == parsed.port == upstream.port


def test_generator_finds_layout_without_pythonpath():
    # The documented command runs from the repository root with no PYTHONPATH set.
    result = subprocess.run(
        [sys.executable, "-c", "import runpy; runpy.run_path('deploy/k8s/generate.py')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_no_media_volume_remains_and_storing_projects_use_object_storage(tmp_path):
    """Uploads live in a bucket: no claim, no volume beyond /tmp, so replicas run on any node."""
    assert k8s("PersistentVolumeClaim") == []
    for doc in WORKLOADS:
        for volume in doc["spec"]["template"]["spec"].get("volumes", []):
            assert set(volume) == {"name", "emptyDir"}, f"{doc['metadata']['name']} mounts {volume}"
    for project in PROJECTS:
        settings = load_settings(project.service, container_env(web_container(project)), tmp_path)
        if project.service in generate.STORES_FILES:
            options = settings["STORAGE"]["OPTIONS"]
            assert settings["STORAGE"]["BACKEND"] == "storages.backends.s3.S3Storage"
            assert options["default_acl"] == "private" and options["querystring_auth"] is True
            assert options["location"] == project.service and options["access_key"] and options["secret_key"]
        else:
            assert "AWS_SECRET_ACCESS_KEY" not in container_env(web_container(project))
