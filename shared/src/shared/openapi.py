"""A service's own OpenAPI document, printed for whoever builds the public one.

Run from a project's folder, ``python -m shared.openapi`` prints that service's
document as JSON: the Ninja API in ``config/api.py`` (``api``), or, for a
project without one (auth, on DRF), the ``document()`` of ``config/openapi.py``
(drf-spectacular). The gateway runs this in each project (a process, never an
import: projects import only ``shared`` and themselves) and merges the answers
into the public document it serves (gateway_project/proxy/openapi/).
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys


def service_document() -> dict:
    """The OpenAPI document of the service whose settings are loaded (``django.setup()`` done)."""
    if importlib.util.find_spec("config.openapi") is not None:
        return importlib.import_module("config.openapi").document()
    return importlib.import_module("config.api").api.get_openapi_schema()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    json.dump(service_document(), sys.stdout, sort_keys=True, default=str)


if __name__ == "__main__":
    main()
