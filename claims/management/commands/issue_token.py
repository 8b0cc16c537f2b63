from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print a new API token for USERNAME (created, or rotated: the previous token stops working). "
        "Send it as 'Authorization: Token <key>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive; a token would not authenticate.")
        rotated = Token.objects.filter(user=user).delete()[0] > 0
        token = Token.objects.create(user=user)
        # The key alone on stdout, so that TOKEN=$(manage.py issue_token editor) works; the note on stderr.
        self.stdout.write(token.key)
        self.stderr.write(f"{'Rotated' if rotated else 'Created'} the API token of {username}.")
