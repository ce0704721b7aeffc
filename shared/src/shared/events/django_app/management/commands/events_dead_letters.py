"""``manage.py events_dead_letters list|show|replay|discard``: the operator's view of parked messages."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shared.events.bus import celery_app, declare_topology
from shared.events.deadletters import (
    discard_dead_letters,
    get_dead_letter,
    list_dead_letters,
    replay_dead_letters,
)


class Command(BaseCommand):
    help = (
        "The messages parked in this service's dead-letter queue: list them, show one (body raw, "
        "binary as base64), replay them to the service's queue, or discard them."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "show", "replay", "discard"])
        parser.add_argument("ids", nargs="*", help="message ids (show, discard; replay: all events when none)")
        parser.add_argument("--limit", type=int, default=1000, help="how many parked messages to look at")
        parser.add_argument("--json", action="store_true", help="list: one JSON object a line")

    def handle(self, *args, action, ids, limit, **options):
        celery_app()
        declare_topology()
        service = settings.SERVICE_NAME
        if action in ("show", "discard") and not ids:
            raise CommandError(f"{action} needs at least one message id (see `list`)")
        getattr(self, f"_{action}")(service, ids, limit, options["json"])

    def _list(self, service, ids, limit, as_json):
        letters = list_dead_letters(service, limit)
        for letter in letters:
            summary = letter.summary()
            if as_json:
                self.stdout.write(json.dumps(summary))
            else:
                self.stdout.write(
                    f"{summary['id']}  {summary['parked_at'] or '-'}  {summary['name']}  {summary['reason']}"
                )
        if not as_json:
            self.stdout.write(f"{len(letters)} parked in {service}.events.dead")

    def _show(self, service, ids, limit, as_json):
        for ident in ids:
            letter = get_dead_letter(service, ident, limit)
            if letter is None:
                raise CommandError(f"no parked message {ident}")
            self.stdout.write(json.dumps(letter.as_dict(), indent=2, ensure_ascii=False))

    def _replay(self, service, ids, limit, as_json):
        replayed, skipped = replay_dead_letters(service, ids or None, limit)
        self.stdout.write(f"replayed {replayed} messages")
        if skipped:
            self.stdout.write(f"left {skipped} parked that are not events (show them; discard or replay by id)")

    def _discard(self, service, ids, limit, as_json):
        self.stdout.write(f"discarded {discard_dead_letters(service, ids, limit)} messages")
