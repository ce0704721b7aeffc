"""``python manage.py build_openapi [--check]``: regenerate proxy/openapi/public.json from the services.

Each service prints its own document (``python -m shared.openapi`` in its project folder: a
process, so the gateway imports no service); the gateway merges them (proxy/openapi/public.py).
``--check`` writes nothing and fails when the committed document differs.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from proxy.openapi import PUBLIC_DOCUMENT
from proxy.openapi.build import rendered_public_document


class Command(BaseCommand):
    help = "Regenerate the public OpenAPI document from the services' own documents."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the committed document is not current.")

    def handle(self, *args, check: bool = False, **options):
        text = rendered_public_document()
        current = PUBLIC_DOCUMENT.read_text() if PUBLIC_DOCUMENT.exists() else ""
        if check:
            if text != current:
                raise CommandError(f"{PUBLIC_DOCUMENT} is out of date: run `python manage.py build_openapi`.")
            self.stdout.write("The public OpenAPI document is current.")
            return
        PUBLIC_DOCUMENT.write_text(text)
        paths = json.loads(text)["paths"]
        self.stdout.write(f"Wrote {PUBLIC_DOCUMENT} ({sum(len(ops) for ops in paths.values())} operations).")
