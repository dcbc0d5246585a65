"""manage.py prune_jobs [--days 30]: delete the records of background jobs finished long ago."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from drafting import services


class Command(BaseCommand):
    help = (
        "Delete background jobs (exports, imports) that finished, done or failed, more than DAYS "
        "days ago. Their files stay in the export cache. Run it daily beside "
        "django-tasks-db's prune_db_task_results."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Keep jobs younger than this.")

    def handle(self, *args, days: int, **options) -> None:
        if not 0 <= days <= 36500:
            raise CommandError("--days must be between 0 and 36500.")
        count = services.jobs_prune(older_than=datetime.timedelta(days=days))
        self.stdout.write(f"Deleted {count} finished background jobs older than {days} days.")
