from django.core.management.base import BaseCommand

from gigs import cache
from gigs.search import get_backend


class Command(BaseCommand):
    help = "Rebuild the gig search index (Elasticsearch, or the MongoDB listings) from every gig."

    def handle(self, *args, **options):
        backend = get_backend()
        count = backend.rebuild()
        cache.catalogue_changed()  # cached search pages and counts came from the old index
        self.stdout.write(self.style.SUCCESS(f"{backend.name}: indexed {count} gigs"))
