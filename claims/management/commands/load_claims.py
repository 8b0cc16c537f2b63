from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.bulk.claims_file.format import ClaimsImportError
from claims.bulk.claims_file.loader import load_claims


class Command(BaseCommand):
    help = (
        "Load claims files (JSON, see fixtures/README.md) or directories of them, in one transaction. "
        "Loading a file again changes nothing; a file whose history disagrees with the stored one is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A claims file, or a directory of *.json files.")
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="Record the changes as this user, with that user's permissions (default: the system).",
        )

    def handle(self, *args, paths, as_user=None, **options):
        by = None
        if as_user:
            try:
                by = get_user_model().objects.get(username=as_user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user \u201c{as_user}\u201d.") from None
        try:
            results = load_claims(paths, by=by)
        except ClaimsImportError as exc:
            raise CommandError(f"Nothing was loaded.\n{exc}") from None
        if not results:
            raise CommandError(f"No claims files (*.json) in {', '.join(paths)}.")
        for result in results:
            self.stdout.write(result.summary())
