"""The Dockerfile and its entrypoint: stages, user, installs, and commands that match layout.py."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from support import BACKENDS, DOCKERFILE, ENTRYPOINT, ROOT, SERVICES

from deploy.local.layout import PROJECTS

DOCKERFILE_TEXT = DOCKERFILE.read_text()
IGNORE = DOCKERFILE.with_name("Dockerfile.dockerignore")


def stage(name: str) -> str:
    parts = re.split(r"^FROM ", DOCKERFILE_TEXT, flags=re.M)
    return next(part for part in parts if re.match(rf"\S+ AS {name}\b", part))


def entrypoint(service: str, *args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "SERVICE": service,
        "APP_ROOT": str(ROOT),
        "ENTRYPOINT_DRY_RUN": "1",
        **(extra_env or {}),
    }
    return subprocess.run(["bash", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True)


def dry_run(service: str, role: str) -> list[str]:
    result = entrypoint(service, role)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(item in it for item in needle)


def local_command(command: list[str]) -> list[str]:
    """layout.py's command as the container runs it: programs on PATH, every interface."""
    return [Path(command[0]).name, *(arg.replace("127.0.0.1", "0.0.0.0") for arg in command[1:])]


def test_two_stages_on_python_311_slim():
    froms = re.findall(r"^FROM (\S+) AS (\w+)", DOCKERFILE_TEXT, flags=re.M)
    assert [alias for _, alias in froms] == ["build", "runtime"]
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)", DOCKERFILE_TEXT, flags=re.M).group(1)
    assert base.startswith("python:3.11-slim")
    assert all(image == "${PYTHON_IMAGE}" for image, _ in froms)


def test_build_stage_installs_production_requirements_and_shared():
    build = stage("build")
    assert "pip install -r /src/requirements/production.txt" in build
    assert "pip install /src/shared" in build
    for package in ("libmariadb-dev", "pkg-config", "gcc"):
        assert package in build
    assert (ROOT / "requirements" / "production.txt").exists()


def test_runtime_stage_is_lean_and_non_root():
    runtime = stage("runtime")
    assert "libmariadb3" in runtime and "libmariadb-dev" not in runtime and "gcc" not in runtime
    user = re.findall(r"^USER (\S+)", runtime, flags=re.M)
    assert user and not user[-1].startswith(("root", "0"))
    assert "useradd" in runtime
    assert re.search(r"^HEALTHCHECK .*\n?.*entrypoint\.sh\", \"healthcheck\"", runtime, flags=re.M)
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/entrypoint.sh"]' in runtime
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in runtime


def test_every_project_is_copied_and_collects_its_static_files():
    for project in PROJECTS:
        assert f"COPY {project.folder.name}/ /app/{project.folder.name}/" in DOCKERFILE_TEXT
    assert "manage.py collectstatic --noinput" in stage("build")
    assert "ARG SERVICE=all" in stage("build")


def test_copy_sources_exist_and_are_not_ignored():
    # COPY lines that read the build context (not --from another stage).
    sources = [
        match.group(2)
        for match in re.finditer(r"^COPY ((?:--\S+ )*)(\S+) \S+$", DOCKERFILE_TEXT, flags=re.M)
        if "--from" not in match.group(1)
    ]
    assert len(sources) >= len(PROJECTS) + 3
    allowed = [line[1:].rstrip("/") for line in IGNORE.read_text().splitlines() if line.startswith("!")]
    for source in sources:
        assert (ROOT / source).exists(), source
        assert any(source.rstrip("/") == a or source.startswith(a + "/") for a in allowed), f"{source} is ignored"


def test_dockerignore_keeps_local_state_and_secrets_out():
    lines = IGNORE.read_text().splitlines()
    assert lines[lines.index("*")] == "*"  # deny by default
    for pattern in ("**/.env", "**/.run", "**/.venv", "**/__pycache__", "**/tests"):
        assert pattern in lines


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_web_role_runs_the_layout_command(project):
    command = dry_run(project.service, "web")
    expected = local_command(project.web_command())
    assert command[0] == expected[0]
    assert is_subsequence(expected, command), f"{command} lacks {expected}"
    assert str(project.port) in " ".join(command)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_web_server_matches_the_project_modules(project):
    # gunicorn needs config/wsgi.py; the Channels projects and the gateway serve ASGI.
    program = dry_run(project.service, "web")[0]
    if program == "gunicorn":
        assert (project.folder / "config" / "wsgi.py").exists()
    else:
        assert (project.folder / "config" / "asgi.py").exists()
    assert program == ("python" if project.service == "gateway" else "uvicorn" if project.channels else "gunicorn")
    if project.service == "gateway":  # uvicorn through proxy.serve, which caps httptools' header buffering
        assert dry_run(project.service, "web")[1:4] == ["-m", "proxy.serve", "config.asgi:application"]


def without_embedded_beat(command: list[str]) -> list[str]:
    if "-B" not in command:
        return command
    at = command.index("-B")
    return command[:at] + command[at + 3 :]  # -B -s <schedule file>


@pytest.mark.parametrize("project", BACKENDS, ids=lambda p: p.service)
def test_worker_role_runs_the_layout_command(project):
    assert project.worker and (project.folder / "config" / "celery.py").exists()
    # Beat is its own role in containers (one per system), never embedded in a scalable worker.
    assert dry_run(project.service, "worker") == without_embedded_beat(local_command(project.worker_command()))


@pytest.mark.parametrize("project", [p for p in PROJECTS if p.beat], ids=lambda p: p.service)
def test_beat_role_for_projects_with_periodic_tasks(project):
    assert "beat_schedule" in (project.folder / "config" / "celery.py").read_text()
    command = dry_run(project.service, "beat")
    assert command[:4] == ["celery", "-A", "config", "beat"]
    assert command[command.index("-s") + 1].startswith("/tmp/")  # writable under a read-only root


def test_migrate_and_flower_roles():
    assert dry_run("auth", "migrate") == ["python", "manage.py", "migrate", "--noinput"]
    with_auth = entrypoint("auth", "flower", extra_env={"FLOWER_BASIC_AUTH": "ops:secret"})
    flower = with_auth.stdout.splitlines()
    assert flower[:4] == ["celery", "-A", "config", "flower"] and "--port=5555" in flower
    assert "--basic-auth=ops:secret" in flower


@pytest.mark.parametrize("credentials", [None, "", "ops", "ops:", ":secret"])
def test_flower_never_starts_without_a_login(credentials):
    extra = {} if credentials is None else {"FLOWER_BASIC_AUTH": credentials}
    result = entrypoint("auth", "flower", extra_env=extra)
    assert result.returncode == 64 and "FLOWER_BASIC_AUTH" in result.stderr


def test_roles_cover_web_worker_migrate_flower():
    roles = set(re.findall(r"^\s+(\w+)\) (\w+) ;;", ENTRYPOINT.read_text(), flags=re.M))
    assert {
        ("web", "web"),
        ("worker", "worker"),
        ("migrate", "migrate"),
        ("flower", "flower"),
        ("beat", "beat"),
    } <= roles


def test_gateway_has_no_worker_and_nothing_to_migrate():
    worker = entrypoint("gateway", "worker")
    assert worker.returncode == 64 and "no Celery worker" in worker.stderr
    migrate = entrypoint("gateway", "migrate")
    assert migrate.returncode == 0 and "nothing to migrate" in migrate.stdout


@pytest.mark.parametrize("service", ["", "all", "payments"])
def test_unknown_service_is_refused(service):
    result = entrypoint(service, "web")
    assert result.returncode == 64
    assert "SERVICE must be one of" in result.stderr


def test_entrypoint_ports_match_layout():
    for project in PROJECTS:
        command = " ".join(dry_run(project.service, "web"))
        assert re.search(rf"(--port |-p |:){project.port}\b", command), project.service
    assert sorted(SERVICES) == sorted(p.service for p in PROJECTS)
