"""``python manage.py build_openapi [--check]``: regenerate every service's own OpenAPI document at once.

A shortcut for running ``python -m shared.openapi --write`` (or ``--check``) in each project folder: each
service commits its document in its own folder, and the gateway merges them when it serves the public one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from proxy.openapi.build import project_dir, regenerate_all


class Command(BaseCommand):
    help = "Regenerate (or check) each service's committed OpenAPI document."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if a committed document is not current.")

    def handle(self, *args, check: bool = False, **options):
        runs = regenerate_all(check=check)
        failed = {service: run for service, run in runs.items() if run.returncode != 0}
        if failed:
            raise CommandError("\n".join(f"{service}: {run.stderr.strip()[-2000:]}" for service, run in failed.items()))
        verb = "is current" if check else "written"
        for service in runs:
            self.stdout.write(f"{project_dir(service) / 'openapi.json'} {verb}")
