"""docker-compose.yml against layout.py, the settings' variable names and the image."""

import re
from urllib.parse import urlparse

import pytest
from support import (
    BACKENDS,
    COMPOSE_FILE,
    app_services,
    compose,
    compose_env,
    dockerfile_runtime_env,
    env_example,
    foreign_prefixed,
    load_settings,
    variables_read,
    variables_read_by_entrypoint,
)

from deploy.local.layout import PROJECTS

SERVICES = compose()["services"]
PORT_IN_URL = re.compile(r"http://127\.0\.0\.1:(\d+)/health")


def web(project):
    return SERVICES[f"{project.service}-web"]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_every_project_has_web_worker_and_migrate(project):
    assert web(project)["command"] == ["web"]
    assert (f"{project.service}-worker" in SERVICES) == project.worker
    if project.worker:
        assert SERVICES[f"{project.service}-worker"]["command"] == ["worker"]
    assert (f"{project.service}-migrate" in SERVICES) == (project.sql is not None)
    assert (f"{project.service}-beat" in SERVICES) == project.beat
    if project.beat:
        assert SERVICES[f"{project.service}-beat"]["command"] == ["beat"]
        assert "deploy" not in SERVICES[f"{project.service}-beat"]  # never scaled past one
    for name, spec in app_services().items():
        if name.startswith(f"{project.service}-"):
            assert spec["environment"]["SERVICE"] == project.service


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_web_port_and_health_path_match_layout(project):
    spec = web(project)
    health = " ".join(spec["healthcheck"]["test"])
    assert PORT_IN_URL.search(health).group(1) == str(project.port)
    if project.service != "gateway":
        assert spec["expose"] == [str(project.port)]


def test_only_the_gateway_is_published():
    published = {name: spec["ports"] for name, spec in SERVICES.items() if spec.get("ports")}
    assert published.pop("gateway-web") == ["${GATEWAY_PORT:-8000}:8000"]
    # What remains are operator UIs, on the loopback interface only.
    assert set(published) == {"rabbitmq", "kibana", "mailpit", "flower"}
    for ports in published.values():
        assert all(port.startswith("127.0.0.1:") for port in ports)
    assert published["flower"] == ["127.0.0.1:5555:5555"]


def test_dependencies_exist_and_use_valid_conditions():
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, spec in SERVICES.items():
        for target, rule in spec.get("depends_on", {}).items():
            assert target in SERVICES, f"{name} depends on unknown {target}"
            assert rule["condition"] in conditions
            if rule["condition"] == "service_healthy":
                assert "healthcheck" in SERVICES[target], f"{name} waits for {target}, which has no healthcheck"
            if rule["condition"] == "service_completed_successfully":
                assert SERVICES[target].get("restart") == "no", f"{target} is not a one-shot job"


def test_long_running_services_have_healthchecks():
    for name, spec in SERVICES.items():
        if spec.get("restart") != "no":
            assert "healthcheck" in spec, name


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_projects_wait_for_their_stores_and_migrations(project):
    for role in ("web", "worker"):
        name = f"{project.service}-{role}"
        if name not in SERVICES:
            continue
        waits = SERVICES[name]["depends_on"]
        assert waits["keys"]["condition"] == "service_completed_successfully"
        assert waits["redis"]["condition"] == "service_healthy"
        if project.sql:
            assert waits[{"mysql": "mariadb", "postgres": "postgres"}[project.sql]]["condition"] == "service_healthy"
            assert waits[f"{project.service}-migrate"]["condition"] == "service_completed_successfully"
            assert waits["rabbitmq"]["condition"] == "service_healthy"
        if project.mongodb:
            assert waits["mongodb"]["condition"] == "service_healthy"
    gateway_waits = SERVICES["gateway-web"]["depends_on"]
    assert all(gateway_waits[f"{p.service}-web"]["condition"] == "service_healthy" for p in BACKENDS)


def test_mongodb_is_a_replica_set_with_an_init():
    mongo = SERVICES["mongodb"]
    assert mongo["image"].startswith("mongo:7")
    assert "--replSet" in mongo["command"]
    replica_set = mongo["command"][mongo["command"].index("--replSet") + 1]
    script = (COMPOSE_FILE.parent / "mongo" / "replica-set.js").read_text()
    assert f'_id: "{replica_set}"' in script and "rs.initiate" in script and "isWritablePrimary" in script
    for project in PROJECTS:
        if project.mongodb:
            url = compose_env(f"{project.service}-web")[f"{project.service.upper()}_MONGODB_URL"]
            assert f"replicaSet={replica_set}" in url and urlparse(url).hostname == "mongodb"


def test_sql_databases_are_created():
    created = re.findall(
        r'CREATE DATABASE "?(\w+)"?;', (COMPOSE_FILE.parent / "postgres" / "init-databases.sql").read_text()
    )
    assert sorted(created) == sorted(p.service for p in PROJECTS if p.sql == "postgres")
    mysql = [p.service for p in PROJECTS if p.sql == "mysql"]
    assert [SERVICES["mariadb"]["environment"]["MARIADB_DATABASE"]] == mysql


def test_infrastructure_services_are_present():
    images = {name: spec.get("image", "") for name, spec in SERVICES.items()}
    assert images["rabbitmq"].endswith("-management")
    assert images["elasticsearch"].startswith("docker.elastic.co/elasticsearch/")
    assert SERVICES["elasticsearch"]["environment"]["discovery.type"] == "single-node"
    assert SERVICES["elasticsearch"]["environment"]["xpack.security.enabled"] == "false"
    assert images["kibana"].startswith("docker.elastic.co/kibana/")
    assert images["filebeat"].startswith("docker.elastic.co/beats/filebeat")
    assert images["mailpit"].startswith("axllent/mailpit")
    for name in ("mariadb", "postgres", "redis"):
        assert name in SERVICES
    assert SERVICES["keys"]["command"] == ["keys"]


@pytest.mark.parametrize("name", sorted(app_services()), ids=str)
def test_env_is_what_the_code_reads(name):
    """Every variable compose gives a container is read by its settings (or the entrypoint)."""
    env = SERVICES[name]["environment"]
    service = env["SERVICE"]
    known = variables_read(service) | variables_read_by_entrypoint()
    unknown = sorted(set(env) - known)
    assert not unknown, f"{name}: no code reads {unknown}"
    assert not foreign_prefixed(service, env), f"{name} gets another project's variables"


def test_signing_keys_follow_least_privilege():
    for name, spec in app_services().items():
        env = spec["environment"]
        if env["SERVICE"] != "auth":
            assert "JWT_PRIVATE_FILE" not in env, name
        if env["SERVICE"] != "gateway":
            assert "GATEWAY_PRIVATE_FILE" not in env, name
    assert "JWT_PRIVATE_FILE" in SERVICES["auth-web"]["environment"]
    assert "GATEWAY_PRIVATE_FILE" in SERVICES["gateway-web"]["environment"]
    key_mount = "signing-keys:/var/lib/marketplace/keys"
    for name, spec in app_services().items():
        if spec["command"] not in (["web"], ["worker"]):
            continue  # migrate, flower and the index job never sign or verify a token
        for variable, value in spec["environment"].items():
            if variable.endswith("_FILE"):
                assert any(v.startswith(key_mount) for v in spec.get("volumes", [])), name
                assert value.startswith("/var/lib/marketplace/keys/")


def test_env_example_covers_every_required_variable():
    text = COMPOSE_FILE.read_text()
    required = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*):\?", text))
    optional = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)(?::-|\})", text))
    example = env_example()
    assert required <= {name for name, value in example.items() if value}
    assert set(example) <= required | optional, "the example sets variables compose never reads"


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.service)
def test_production_settings_load_with_compose_env(project, tmp_path):
    name = f"{project.service}-web"
    env = {**dockerfile_runtime_env(), **compose_env(name)}
    env.pop("PATH")
    settings = load_settings(project.service, env, tmp_path)
    prefix = project.service.upper()
    assert settings["SECRET_KEY"] == env_example()[f"{prefix}_SECRET_KEY"]
    assert settings["DEBUG"] is False
    assert name in settings["ALLOWED_HOSTS"] and "127.0.0.1" in settings["ALLOWED_HOSTS"]
    assert urlparse(settings["REDIS_URL"]).hostname == "redis"
    if project.sql:
        engine = settings["db"]["ENGINE"]
        assert engine.endswith({"mysql": "mysql", "postgres": "postgresql"}[project.sql])
        assert settings["db"]["HOST"] == {"mysql": "mariadb", "postgres": "postgres"}[project.sql]
        assert settings["db"]["NAME"] == project.service
        broker = urlparse(settings["CELERY_BROKER_URL"])
        assert broker.hostname == "rabbitmq"
        assert broker.path.lstrip("/") == SERVICES["rabbitmq"]["environment"]["RABBITMQ_DEFAULT_VHOST"]
    if project.mongodb:
        assert urlparse(settings["MONGODB_URL"]).path == f"/{project.service}"
    if project.service == "gateway":
        for upstream in BACKENDS:
            urls = settings["GATEWAY_UPSTREAMS"][upstream.service]
            assert urls == [f"http://{upstream.service}-web:{upstream.port}"]
    if project.service == "gig":
        assert urlparse(settings["ELASTICSEARCH_URL"]).hostname == "elasticsearch"
    if project.service == "notification":
        assert settings["EMAIL_HOST"] == "mailpit" and settings["EMAIL_PORT"] == 1025


def test_flower_requires_a_login_from_the_env_file():
    # ":?" makes `docker compose up` stop with the message instead of starting Flower without a login.
    assert SERVICES["flower"]["environment"]["FLOWER_BASIC_AUTH"].startswith("${FLOWER_BASIC_AUTH:?")
    assert re.fullmatch(r"[^:\s]+:[^:\s]+", env_example()["FLOWER_BASIC_AUTH"])


STORES_FILES = {"auth", "gig", "chat", "order"}


def test_no_media_volume_remains_and_storing_projects_use_the_bucket(tmp_path):
    """Uploads go to MinIO over S3: no container mounts a media folder, so any project scales out."""
    assert not [name for name in compose().get("volumes", {}) if "media" in name]
    for name, spec in app_services().items():
        assert not [v for v in spec.get("volumes", []) if "/media" in v], name
    assert SERVICES["minio"]["healthcheck"] and not SERVICES["minio"].get("ports")
    assert SERVICES["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    for project in PROJECTS:
        name = f"{project.service}-web"
        env = {**dockerfile_runtime_env(), **compose_env(name)}
        env.pop("PATH")
        settings = load_settings(project.service, env, tmp_path)
        if project.service in STORES_FILES:
            assert settings["STORAGE"]["BACKEND"] == "storages.backends.s3.S3Storage"
            assert settings["STORAGE"]["OPTIONS"]["endpoint_url"] == "http://minio:9000"
            assert SERVICES[name]["depends_on"]["minio-init"]["condition"] == "service_completed_successfully"
        else:
            assert settings["STORAGE"]["BACKEND"].endswith("FileSystemStorage")
