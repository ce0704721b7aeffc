import json

from django.conf import settings
from django.core.management.base import BaseCommand

from shared.events.bus import celery_app, declare_topology
from shared.events.deadletters import list_dead_letters, replay_dead_letters


class Command(BaseCommand):
    help = "Show the events parked in this service's dead-letter queue, or replay them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "replay"])
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, action, limit, **options):
        celery_app()
        declare_topology()
        service = settings.SERVICE_NAME
        if action == "list":
            for envelope in list_dead_letters(service, limit):
                self.stdout.write(json.dumps(envelope))
        else:
            self.stdout.write(f"replayed {replay_dead_letters(service, limit)} events")
