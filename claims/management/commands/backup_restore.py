from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from claims.bulk import backup


class Command(BaseCommand):
    help = (
        "Load a file written by backup_export into an empty database (after `migrate`, or after `flush`), in one "
        "transaction: every row is checked, and nothing is written unless all of it loads and the invariants hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file written by backup_export.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to load into.")

    def handle(self, *args, file, database, **options):
        try:
            with open(file, encoding="utf-8") as stream:
                text = stream.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from None
        try:
            counts = backup.import_text(text, using=database)
        except backup.ImportRefused as exc:
            raise CommandError(f"{file}: {exc}\nNothing was imported: the database is as it was.") from None
        self.stdout.write(
            f"Imported {counts.total()} objects from {file}: "
            + ", ".join(f"{count} {label}" for label, count in counts.items())
        )
