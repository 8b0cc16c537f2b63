from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Local demo accounts: known passwords are acceptable only because the command refuses to run
# outside debug mode.
DEMO_USERS = {
    "editor": ("editors", "demo-editor-pass"),
    "contributor": ("contributors", "demo-contributor-pass"),
}


class Command(BaseCommand):
    help = "Create a demo editor and a demo contributor for local use (debug mode only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for local development only: set DJANGO_DEBUG=1.")
        User = get_user_model()
        for username, (group_name, password) in DEMO_USERS.items():
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
        self.stdout.write(
            "Demo accounts (local only): log in at http://127.0.0.1:8000/admin/ as "
            + " or ".join(f"{name} / {pw}" for name, (_, pw) in DEMO_USERS.items())
        )
