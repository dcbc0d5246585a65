"""manage.py seed_synthetic: synthetic obligations, a synthetic law and bills for benchmarks."""

import random
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from drafting.management.synthetic import SeedOptions, seed_synthetic


class Command(BaseCommand):
    help = (
        "Create synthetic reference data (SYN-TREATY obligations, SYN-LAW articles, China's "
        "assessments) and synthetic bills with revisions, anchored comments and obligation links."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = SeedOptions()
        parser.add_argument("--obligations", type=int, default=defaults.obligations)
        parser.add_argument("--provisions", type=int, default=defaults.provisions)
        parser.add_argument("--bills", type=int, default=defaults.bills)
        parser.add_argument(
            "--revisions-per-provision", type=int, default=defaults.revisions_per_provision
        )
        parser.add_argument(
            "--comments-per-provision", type=int, default=defaults.comments_per_provision
        )
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed (printed when not given)."
        )

    def handle(self, *args, **options) -> None:
        seed = options["seed"] if options["seed"] is not None else random.randrange(10**6)
        sizes = SeedOptions(
            obligations=options["obligations"],
            provisions=options["provisions"],
            bills=options["bills"],
            revisions_per_provision=options["revisions_per_provision"],
            comments_per_provision=options["comments_per_provision"],
            seed=seed,
        )
        if min(sizes.obligations, sizes.provisions, sizes.comments_per_provision) < 0:
            raise CommandError("Counts cannot be negative.")
        if sizes.bills < 1 or sizes.revisions_per_provision < 1:
            raise CommandError("--bills and --revisions-per-provision must be at least 1.")
        started = time.perf_counter()
        result = seed_synthetic(sizes)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Seeded {result.summary()} in {elapsed:.1f} s (seed {seed}).")
