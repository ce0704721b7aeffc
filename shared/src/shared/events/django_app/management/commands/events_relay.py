from django.core.management.base import BaseCommand

from shared.events.bus import relay_pending


class Command(BaseCommand):
    help = "Publish outbox events the broker has not confirmed yet."

    def handle(self, *args, **options):
        sent = relay_pending(limit=10_000)
        self.stdout.write(f"published {sent} events")
