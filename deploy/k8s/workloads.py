"""The workloads of one project: Deployments (web, worker, beat), its Service and migrate Job.

Shared by generate.py, which adds what is cluster-wide (config, autoscalers,
ingress, network policies, Flower, example secrets) and writes the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.local.layout import PROJECTS, Project  # noqa: F401 - PROJECTS is re-exported to generate.py

NAMESPACE = "marketplace"
IMAGE = "marketplace"  # kustomization.yaml's images: maps it to the registry and tag
PART_OF = {"app.kubernetes.io/part-of": "marketplace"}
PUBLIC_HOST = "marketplace.example.com"
# Projects that store uploads (pictures, gig covers, chat attachments, deliveries): on S3-compatible object
# storage, never on a volume, so any number of replicas on any node serve them (docs/decisions/0013).
STORES_FILES = {"auth", "gig", "chat", "order"}
OBJECT_STORAGE_SECRET = "marketplace-object-storage"
RUN_AS = 10001  # the image's "app" user


def labels(service: str, component: str) -> dict:
    return {"app.kubernetes.io/name": service, "app.kubernetes.io/component": component, **PART_OF}


def secret(name: str, key: str) -> dict:
    return {"secretKeyRef": {"name": name, "key": key}}


def env_for(project: Project) -> list[dict]:
    """Each variable a project's settings read, and no other project's secret."""
    svc, prefix = project.service, project.service.upper()
    env = [
        {"name": "SERVICE", "value": svc},
        {"name": f"{prefix}_SECRET_KEY", "valueFrom": secret(f"{svc}-secrets", f"{prefix}_SECRET_KEY")},
        {"name": "REDIS_URL", "valueFrom": secret("marketplace-infra", "REDIS_URL")},
        {"name": "JWT_PUBLIC", "valueFrom": secret("marketplace-signing-keys", "JWT_PUBLIC")},
    ]
    if svc == "gateway":
        env.append({"name": "GATEWAY_PRIVATE", "valueFrom": secret("marketplace-signing-keys", "GATEWAY_PRIVATE")})
        # Other gateway pods relay Socket.IO requests of this pod's sessions here (proxy/socketio_routing.py).
        env.append({"name": "GATEWAY_SOCKETIO_HOST", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}})
        return env
    env.append({"name": "GATEWAY_PUBLIC", "valueFrom": secret("marketplace-signing-keys", "GATEWAY_PUBLIC")})
    env.append({"name": "CELERY_BROKER_URL", "valueFrom": secret("marketplace-infra", "CELERY_BROKER_URL")})
    env.append({"name": f"{prefix}_DATABASE_URL", "valueFrom": secret(f"{svc}-secrets", f"{prefix}_DATABASE_URL")})
    if project.mongodb:
        env.append({"name": f"{prefix}_MONGODB_URL", "valueFrom": secret(f"{svc}-secrets", f"{prefix}_MONGODB_URL")})
    if svc in STORES_FILES:
        env += [
            {"name": key, "valueFrom": secret(OBJECT_STORAGE_SECRET, key)}
            for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
        ]
    if svc == "auth":
        env.append({"name": "JWT_PRIVATE", "valueFrom": secret("marketplace-signing-keys", "JWT_PRIVATE")})
    if svc == "order":
        env.append({"name": "STRIPE_SECRET_KEY", "valueFrom": secret("order-secrets", "STRIPE_SECRET_KEY")})
    if svc == "notification":
        # SMTP, the Web Push signing key (VAPID, RFC 8292) and Twilio's account: the channels of docs/decisions/0011.
        env += [
            {"name": key, "valueFrom": secret("notification-secrets", key)}
            for key in (
                "EMAIL_HOST_PASSWORD",
                "VAPID_PRIVATE",
                "TWILIO_ACCOUNT_SID",
                "TWILIO_AUTH_TOKEN",
                "TWILIO_FROM",
            )
        ]
    return env


def env_from(project: Project) -> list[dict]:
    return [{"configMapRef": {"name": "marketplace-config"}}, {"configMapRef": {"name": f"{project.service}-config"}}]


def container_security() -> dict:
    return {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]}}


def pod_security() -> dict:
    return {
        "runAsNonRoot": True,
        "runAsUser": RUN_AS,
        "runAsGroup": RUN_AS,
        "fsGroup": RUN_AS,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def http_probe(path: str, **timing) -> dict:
    # kubelet sends the pod IP as Host, which ALLOWED_HOSTS refuses; localhost is allowed.
    return {
        "httpGet": {"path": path, "port": "http", "httpHeaders": [{"name": "Host", "value": "localhost"}]},
        **timing,
    }


def volumes(project: Project) -> tuple[list, list]:
    mounts = [{"name": "tmp", "mountPath": "/tmp"}]
    vols = [{"name": "tmp", "emptyDir": {}}]
    return mounts, vols


def wait_for_migrations(project: Project) -> list[dict]:
    """Pods start once their migrate Job has run, never against an older schema."""
    if project.sql is None:
        return []
    return [
        {
            "name": "wait-for-migrations",
            "image": IMAGE,
            "args": [
                "bash",
                "-c",
                "until python manage.py migrate --check >/dev/null; do echo waiting for migrations; sleep 5; done",
            ],
            "env": env_for(project),
            "envFrom": env_from(project),
            "securityContext": container_security(),
            "resources": {"requests": {"cpu": "50m", "memory": "128Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}},
            "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
        }
    ]


def pod_spec(project: Project, container: dict, extra_volumes: list) -> dict:
    return {
        "enableServiceLinks": False,  # Service env vars (AUTH_PORT=...) would shadow nothing useful and leak topology
        "automountServiceAccountToken": False,
        "securityContext": pod_security(),
        "terminationGracePeriodSeconds": 60,
        "initContainers": wait_for_migrations(project),
        "containers": [container],
        "volumes": extra_volumes,
    }


def deployment(name: str, project: Project, component: str, replicas: int, container: dict, vols: list) -> dict:
    meta = labels(project.service, component)
    spec = pod_spec(project, container, vols)
    if not spec["initContainers"]:
        del spec["initContainers"]
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": meta},
        "spec": {
            "replicas": replicas,
            "selector": {
                "matchLabels": {k: meta[k] for k in ("app.kubernetes.io/name", "app.kubernetes.io/component")}
            },
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {"metadata": {"labels": meta}, "spec": spec},
        },
    }


def web_deployment(project: Project) -> dict:
    mounts, vols = volumes(project)
    gateway = project.service == "gateway"
    container = {
        "name": "web",
        "image": IMAGE,
        "args": ["web"],
        "ports": [{"name": "http", "containerPort": project.port}],
        "env": env_for(project),
        "envFrom": env_from(project),
        "startupProbe": http_probe("/health", periodSeconds=5, failureThreshold=24),
        # The gateway's /health/ready reports every upstream; gating its readiness on them would take
        # every gateway pod out of the load balancer when one service is down, failing all routes.
        "readinessProbe": http_probe(
            "/health" if gateway else "/health/ready", periodSeconds=10, timeoutSeconds=5, failureThreshold=3
        ),
        "livenessProbe": http_probe("/health", periodSeconds=20, timeoutSeconds=5, failureThreshold=3),
        "resources": {
            "requests": {"cpu": "250m" if gateway else "100m", "memory": "256Mi"},
            "limits": {"cpu": "2" if gateway else "1", "memory": "512Mi"},
        },
        "securityContext": container_security(),
        "volumeMounts": mounts,
    }
    return deployment(f"{project.service}-web", project, "web", 2, container, vols)


def _celery_container(
    project: Project, role: str, liveness_delay: int, liveness_timeout: int, resources: dict, mounts: list
) -> dict:
    """A worker or beat container: the image's role, its env, and a Celery ping as liveness."""
    return {
        "name": role,
        "image": IMAGE,
        "args": [role],
        "env": env_for(project),
        "envFrom": env_from(project),
        # A Celery ping through RabbitMQ: the process is alive and still talks to the broker.
        "livenessProbe": {
            "exec": {"command": ["/usr/local/bin/entrypoint.sh", "healthcheck"]},
            "initialDelaySeconds": liveness_delay,
            "periodSeconds": 60,
            "timeoutSeconds": liveness_timeout,
            "failureThreshold": 3,
        },
        "resources": resources,
        "securityContext": container_security(),
        "volumeMounts": mounts,
    }


def worker_deployment(project: Project) -> dict:
    mounts, vols = volumes(project)
    resources = {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}}
    container = _celery_container(project, "worker", 60, 30, resources, mounts)
    return deployment(f"{project.service}-worker", project, "worker", 1, container, vols)


def beat_deployment(project: Project) -> dict:
    """One scheduler per system: two would fire every periodic task twice."""
    mounts, vols = volumes(project)
    resources = {"requests": {"cpu": "20m", "memory": "128Mi"}, "limits": {"cpu": "250m", "memory": "256Mi"}}
    container = _celery_container(project, "beat", 300, 10, resources, mounts)
    doc = deployment(f"{project.service}-beat", project, "beat", 1, container, vols)
    doc["spec"]["strategy"] = {"type": "Recreate"}  # never two at once, even during a rollout
    return doc


def service(project: Project) -> dict:
    meta = labels(project.service, "web")
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": project.service, "labels": meta},
        "spec": {
            "type": "ClusterIP",
            "selector": {k: meta[k] for k in ("app.kubernetes.io/name", "app.kubernetes.io/component")},
            "ports": [{"name": "http", "port": project.port, "targetPort": "http"}],
        },
    }


def migrate_job(project: Project) -> dict:
    meta = labels(project.service, "migrate")
    container = {
        "name": "migrate",
        "image": IMAGE,
        "args": ["migrate"],
        "env": env_for(project),
        "envFrom": env_from(project),
        "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
        "securityContext": container_security(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": f"{project.service}-migrate", "labels": meta},
        "spec": {
            "backoffLimit": 6,
            "ttlSecondsAfterFinished": 600,  # gone before the next release applies a new one
            "template": {
                "metadata": {"labels": meta},
                "spec": {
                    "restartPolicy": "Never",
                    "enableServiceLinks": False,
                    "automountServiceAccountToken": False,
                    "securityContext": pod_security(),
                    "containers": [container],
                    "volumes": [{"name": "tmp", "emptyDir": {}}],
                },
            },
        },
    }
