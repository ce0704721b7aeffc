"""What the deploy tests share: paths, loaders, the settings' variable names, a settings probe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml

from deploy.local.layout import PROJECTS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = DEPLOY / "compose" / "docker-compose.yml"
ENV_EXAMPLE = DEPLOY / "compose" / ".env.example"
DOCKERFILE = DEPLOY / "docker" / "Dockerfile"
ENTRYPOINT = DEPLOY / "docker" / "entrypoint.sh"
K8S = DEPLOY / "k8s"
KIBANA = DEPLOY / "kibana"
SHARED = ROOT / "shared" / "src" / "shared"
PYTHON = sys.executable

SERVICES = [project.service for project in PROJECTS]
BACKENDS = [project for project in PROJECTS if project.service != "gateway"]
SIGNING_KEYS = {"JWT_PRIVATE", "JWT_PUBLIC", "GATEWAY_PRIVATE", "GATEWAY_PUBLIC"}


def project(service: str):
    return next(p for p in PROJECTS if p.service == service)


# ----------------------------------------------------------------- compose


@cache
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@cache
def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}")


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default}, ${VAR:?error}, as `docker compose config` resolves them."""

    def replace(match: re.Match) -> str:
        name, operator, argument = match.group(1), match.group(2) or "", match.group(3) or ""
        present = variables.get(name)
        if operator.endswith("?"):
            if not present:
                raise KeyError(f"{name} is required: {argument}")
            return present
        if operator.endswith("-") and not present:
            return interpolate(argument, variables)
        return present or ""

    previous = None
    while previous != value:
        previous, value = value, _INTERPOLATION.sub(replace, value)
    return value.replace("$$", "$")


def compose_env(service_name: str) -> dict[str, str]:
    environment = compose()["services"][service_name].get("environment", {})
    return {key: interpolate(str(value), env_example()) for key, value in environment.items()}


def app_services() -> dict[str, dict]:
    """Compose services that run the marketplace image."""
    return {name: spec for name, spec in compose()["services"].items() if "build" in spec}


def dockerfile_runtime_env() -> dict[str, str]:
    """ENV of the runtime stage (the values every container starts with)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    runtime = text.split("AS runtime", 1)[1]
    values = {}
    for line in runtime.splitlines():
        if line.startswith("ENV "):
            for name, value in re.findall(r"([A-Z_][A-Z0-9_]*)=(\S+)", line):
                values[name] = value
    return values


# ------------------------------------------------------------- kubernetes


@cache
def k8s_documents() -> list[dict]:
    docs = []
    for path in sorted(K8S.rglob("*.yaml")):
        if path.name in ("kustomization.yaml", "secrets.example.yaml"):
            continue
        docs.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
    return docs


def k8s(kind: str, name: str | None = None):
    found = [doc for doc in k8s_documents() if doc["kind"] == kind]
    if name is None:
        return found
    matches = [doc for doc in found if doc["metadata"]["name"] == name]
    return matches[0] if matches else None


@cache
def example_secrets() -> dict[str, dict[str, str]]:
    docs = yaml.safe_load_all((K8S / "secrets.example.yaml").read_text())
    return {doc["metadata"]["name"]: doc["stringData"] for doc in docs if doc}


def configmaps() -> dict[str, dict[str, str]]:
    return {doc["metadata"]["name"]: doc["data"] for doc in k8s("ConfigMap")}


def container_env(container: dict) -> dict[str, str]:
    """The environment a container would get, with example secrets filled in."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(configmaps()[source["configMapRef"]["name"]])
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif "fieldRef" in item["valueFrom"]:  # the downward API: a sample of what the pod would get
            env[item["name"]] = {"status.podIP": "10.0.0.7"}[item["valueFrom"]["fieldRef"]["fieldPath"]]
        else:
            ref = item["valueFrom"]["secretKeyRef"]
            env[item["name"]] = example_secrets()[ref["name"]][ref["key"]]
    return env


def pod_containers(doc: dict) -> list[dict]:
    spec = doc["spec"]["template"]["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


# ------------------------------------------------- what the settings read

_ENV_CALL = re.compile(r"""env\.(?:str|int|bool|float|list|dict|json|url|db_url|cache_url)\(\s*(f?)["']([^"']+)["']""")
_OS_ENV = re.compile(
    r"""os\.environ(?:\.get|\.setdefault)?\(\s*["']([A-Z0-9_]+)["']|os\.environ\[\s*["']([A-Z0-9_]+)["']\]"""
)
_READ_KEY = re.compile(r"""read_key\(\s*["']([a-z_]+)["']""")
_SKIPPED_PARTS = {"tests", "e2e", "testing", "devtools", "benchmark", "benchmarks", "migrations"}


def _sources(service: str) -> list[Path]:
    roots = [ROOT / f"{service}_project", SHARED]
    files = []
    for root in roots:
        for path in root.rglob("*.py"):
            relative = path.relative_to(root).parts
            if _SKIPPED_PARTS.intersection(relative) or path.name == "conftest.py":
                continue
            files.append(path)
    return files


@cache
def variables_read(service: str) -> frozenset[str]:
    """Environment variables the service's code (its project and shared/) reads, by name."""
    prefix = service.upper()
    names: set[str] = set()
    for path in _sources(service):
        text = path.read_text()
        for is_fstring, name in _ENV_CALL.findall(text):
            if is_fstring:
                name = re.sub(r"\{(prefix|service\.upper\(\))\}", prefix, name)
            if "{" not in name:  # other templates are expanded below (read_key, service_urls)
                names.add(name)
        for match in _OS_ENV.findall(text):
            names.update(part for part in match if part)
        for key in _READ_KEY.findall(text):
            names.update({key.upper(), f"{key.upper()}_FILE"})  # shared.keys.read_key
    if _project_calls(service, "service_urls("):  # the gateway's <SERVICE>_URLS per upstream
        names.update(f"{other.upper()}_URLS" for other in SERVICES if other != service)
    return frozenset(names)


def _project_calls(service: str, needle: str) -> bool:
    return any(
        needle in path.read_text() for path in _sources(service) if path.is_relative_to(ROOT / f"{service}_project")
    )


@cache
def variables_read_by_entrypoint() -> frozenset[str]:
    return frozenset(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", ENTRYPOINT.read_text()))


def foreign_prefixed(service: str, names) -> list[str]:
    """Variables addressed to another project (its secret, its database), except the gateway's upstream lists."""
    foreign = []
    for name in names:
        if name in SIGNING_KEYS or name.removesuffix("_FILE") in SIGNING_KEYS:
            continue
        owner = next((s for s in SERVICES if name.startswith(s.upper() + "_")), None)
        if owner and owner != service and not (service == "gateway" and name.endswith("_URLS")):
            foreign.append(name)
    return foreign


# --------------------------------------------------------- settings probe

PROBE = """
import json
from django.conf import settings
db = settings.DATABASES.get("default", {})
print(json.dumps({
    "SECRET_KEY": settings.SECRET_KEY,
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "db": {key: db.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT", "USER")},
    "MONGODB_URL": getattr(settings, "MONGODB_URL", None),
    "CELERY_BROKER_URL": getattr(settings, "CELERY_BROKER_URL", None),
    "REDIS_URL": getattr(settings, "REDIS_URL", None),
    "GATEWAY_UPSTREAMS": getattr(settings, "GATEWAY_UPSTREAMS", None),
    "ELASTICSEARCH_URL": getattr(settings, "ELASTICSEARCH_URL", None),
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", None),
    "EMAIL_PORT": getattr(settings, "EMAIL_PORT", None),
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "STATIC_ROOT": str(settings.STATIC_ROOT),
    "STORAGE": settings.STORAGES["default"],
}, default=str))
"""


def load_settings(service: str, env: dict[str, str], scratch: Path) -> dict:
    """Import the project's settings in a fresh interpreter with exactly ``env`` (plus a scratch run dir)."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(scratch), "LANG": "C.UTF-8"}
    clean.update(env)
    # The image's paths do not exist here; a scratch folder stands in, and no root .env is read.
    clean.update(
        {
            "MARKETPLACE_ROOT": str(scratch),
            "MARKETPLACE_RUN_DIR": str(scratch / "run"),
            f"{service.upper()}_STATIC_ROOT": str(scratch / "static"),
        }
    )
    result = subprocess.run(
        [PYTHON, "-c", PROBE], cwd=ROOT / f"{service}_project", env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{service} settings failed to load:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])
