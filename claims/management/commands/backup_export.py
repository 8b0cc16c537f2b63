from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from claims.bulk import backup


class Command(BaseCommand):
    help = (
        "Write the whole database (users, groups, API tokens, sources, articles, claims and everything under "
        "them, statuses, the status history, the admin log) as one JSON file that backup_restore loads back. "
        "The file holds password hashes and API tokens: keep it as safe as a database dump."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to export.")

    def handle(self, *args, output, database, **options):
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                counts = backup.export(stream, using=database)
        else:
            counts = backup.export(self.stdout, using=database)
        # The summary goes to stderr when the JSON goes to stdout, so that the JSON stays loadable.
        report = self.stdout if output else self.stderr
        report.write(
            f"Exported {counts.total()} objects"
            + (f" to {output}" if output else "")
            + ": "
            + ", ".join(f"{count} {label}" for label, count in counts.items())
        )
