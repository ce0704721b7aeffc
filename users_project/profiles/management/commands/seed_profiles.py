"""``manage.py seed_profiles [--sellers N] [--wait S]``: demo sellers out of seeded buyers."""
from django.core.management.base import BaseCommand

from profiles.seeding import seed_sellers, wait_for_buyers


class Command(BaseCommand):
    help = "Turn up to N buyers (made from auth's seed_users events) into sellers with realistic profiles."

    def add_arguments(self, parser):
        parser.add_argument("--sellers", type=int, default=10)
        parser.add_argument("--wait", type=float, default=20.0, help="seconds to wait for buyers to arrive (default 20)")
        parser.add_argument("--random-seed", type=int, default=7)

    def handle(self, *args, sellers, wait, random_seed, **options):
        if not wait_for_buyers(wait):
            self.stdout.write(self.style.WARNING(
                "No buyer profiles yet: run auth's seed_users with the users worker up, then run this again."
            ))
            return
        made = seed_sellers(count=sellers, random_seed=random_seed)
        self.stdout.write(self.style.SUCCESS(f"{len(made)} buyers became sellers: {', '.join(made[:10])}"))
