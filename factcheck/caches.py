"""The "shared" cache's table: created by every `migrate`, and read where it is written.

settings.CACHES["shared"] holds what every worker, thread and process must count together (the API's
anonymous throttle). Without REDIS_URL it is Django's database cache, whose table no migration makes:
`manage.py createcachetable` does. So that no start-up path can forget it (`make run`, the compose command,
the image, CI, the soak test and anything else that migrates), `migrate` runs it at its end, through this
app's post_migrate handler. (The test runner creates it too, in each test database.)
"""

from __future__ import annotations

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate

# The app label of Django's database cache entries (django.core.cache.backends.db.CacheEntry).
CACHE_APP_LABEL = "django_cache"


def create_cache_tables(sender, using, verbosity=0, **kwargs):
    # post_migrate is sent once per installed app with models: act on one of them only.
    if sender.label != "contenttypes":
        return
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class SharedCacheConfig(AppConfig):
    name = "factcheck"
    label = "factcheck"
    verbose_name = "factcheck project"

    def ready(self):
        post_migrate.connect(create_cache_tables, dispatch_uid="factcheck.create_cache_tables")


class CacheTableRouter:
    """Installed before the replica router: the cache table lives on the primary alone, and a throttle's
    count read from a replica that lags would let a burst through."""

    def db_for_read(self, model, **hints):
        return "default" if model._meta.app_label == CACHE_APP_LABEL else None

    def db_for_write(self, model, **hints):
        return "default" if model._meta.app_label == CACHE_APP_LABEL else None
