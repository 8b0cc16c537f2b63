from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from claims.selectors import invariants


class Command(BaseCommand):
    help = (
        "Check the rules that span rows: each claim's status and version against its history, the history's "
        "order, citations of status changes, passages at their offsets, no orphan rows. Exits 1 on any violation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to check.")

    def handle(self, *args, **options):
        report = invariants.check(using=options["database"])
        for violation in report.violations:
            self.stdout.write(str(violation))
        summary = f"{report.claims_checked} claims checked, {len(report.violations)} violations"
        if not report.ok:
            raise CommandError(summary)
        self.stdout.write(summary)
