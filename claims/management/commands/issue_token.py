"""`manage.py issue_token USERNAME [--rotate]`: the user's API token, made once and kept.

Printing a token never changes it: a second run prints the same key, so that a script that asks again does
not break the client already using it. `--rotate` replaces it on purpose (the previous key stops working
at once), e.g. after a leak.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print USERNAME's API token, creating it if there is none; --rotate replaces it (the previous token stops "
        "working). Send it as 'Authorization: Token <key>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the existing token: the previous one stops working."
        )

    @transaction.atomic
    def handle(self, *args, username, rotate=False, **options):
        try:
            user = get_user_model().objects.select_for_update().get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive; a token would not authenticate.")
        existing = Token.objects.filter(user=user).first()
        if existing is not None and not rotate:
            token, note = existing, f"The existing API token of {username} (--rotate replaces it)."
        else:
            if existing is not None:
                existing.delete()
            token = Token.objects.create(user=user)
            note = f"{'Rotated' if existing else 'Created'} the API token of {username}."
        # The key alone on stdout, so that TOKEN=$(manage.py issue_token editor) works; the note on stderr.
        self.stdout.write(token.key)
        self.stderr.write(note)
