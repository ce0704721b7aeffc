"""Read each service's own OpenAPI document, then build the public one (proxy/openapi/public.py).

Each service commits its document in its own folder (``<service>_project/openapi.json``, written by
``python -m shared.openapi --write`` there and checked by that service's own suite), so a new route or
field touches the owning service only; the gateway reads those files (data, not code: it imports no
service) and merges them when it first serves the document.
"""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from proxy.openapi.public import SERVICES, build
from shared.openapi import run_export

REPOSITORY = Path(__file__).resolve().parents[3]
DOCUMENT_FILE = "openapi.json"  # shared.openapi.DOCUMENT_FILE


def project_dir(service: str) -> Path:
    return REPOSITORY / f"{service}_project"


def service_document(service: str) -> dict:
    """The service's committed document."""
    return json.loads((project_dir(service) / DOCUMENT_FILE).read_text())


def service_documents() -> dict[str, dict]:
    return {service: service_document(service) for service in SERVICES}


def public_document_built() -> dict:
    return build(service_documents())


def regenerate(service: str, *, check: bool = False) -> subprocess.CompletedProcess:
    """``python -m shared.openapi --write`` (or ``--check``) in the service's folder, with its local settings."""
    return run_export(project_dir(service), "--check" if check else "--write")


def regenerate_all(*, check: bool = False) -> dict[str, subprocess.CompletedProcess]:
    with ThreadPoolExecutor(max_workers=len(SERVICES)) as pool:
        return dict(zip(SERVICES, pool.map(lambda service: regenerate(service, check=check), SERVICES)))
