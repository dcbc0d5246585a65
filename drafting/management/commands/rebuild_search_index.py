"""manage.py rebuild_search_index: write the whole search index again from the database."""

import time

from django.core.management.base import BaseCommand

from drafting.search.index import rebuild


class Command(BaseCommand):
    help = "Empty the search index and index every article, instrument, obligation, proposal, provision and comment again."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = rebuild()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} entries in {elapsed:.1f} s.")
