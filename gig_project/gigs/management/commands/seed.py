from django.core.management.base import BaseCommand

from gigs.seeding import seed


class Command(BaseCommand):
    help = "Replace earlier demo data with sellers and realistic gigs, then rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("--sellers", type=int, default=60)
        parser.add_argument("--gigs", type=int, default=3000)
        parser.add_argument("--random-seed", type=int, default=42)

    def handle(self, *args, sellers, gigs, random_seed, **options):
        made_sellers, made_gigs = seed(sellers=sellers, gigs=gigs, random_seed=random_seed)
        self.stdout.write(self.style.SUCCESS(f"seeded {made_sellers} sellers and {made_gigs} gigs"))
