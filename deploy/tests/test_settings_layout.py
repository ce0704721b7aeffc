"""Settings you can grep: every project's base settings name the values it runs with (issue 15)."""

from __future__ import annotations

import ast

import pytest

from deploy.tests.support import ROOT, SERVICES

# Assigned in each project's own base.py (computed by shared.django_settings' helpers where shared).
OWN = {
    "SERVICE_NAME",
    "BASE_DIR",
    "SECRET_KEY",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "DATABASES",
    "CACHES",
    "STORAGES",
    "LOGGING",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "EVENTS_STORE",
}
# The values every service shares, imported by name (so an IDE or grep leads to shared.django_settings).
BY_NAME = {"DEBUG", "ALLOWED_HOSTS", "ROOT_URLCONF", "TIME_ZONE", "REDIS_URL", "CELERY_BROKER_URL"}


def _names(tree: ast.Module) -> tuple[set[str], set[str]]:
    assigned, imported = set(), set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            assigned.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom) and node.module == "shared.django_settings":
            imported.update(alias.name for alias in node.names)
    return assigned, imported


@pytest.mark.parametrize("service", SERVICES)
def test_base_settings_name_their_values(service):
    tree = ast.parse((ROOT / f"{service}_project" / "config" / "settings" / "base.py").read_text())
    assigned, imported = _names(tree)

    assert OWN <= assigned, sorted(OWN - assigned)
    assert BY_NAME <= imported | assigned, sorted(BY_NAME - imported - assigned)


@pytest.mark.parametrize("service", SERVICES)
def test_no_settings_module_fills_globals_by_hand(service):
    for module in sorted((ROOT / f"{service}_project" / "config" / "settings").glob("*.py")):
        calls = [
            node
            for node in ast.walk(ast.parse(module.read_text()))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals"
        ]
        assert not calls, f"{module.relative_to(ROOT)} calls globals(): name each setting instead"
