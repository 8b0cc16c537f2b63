"""The API's rate limit for anonymous clients: API_ANON_RATE per client address, counted in the shared cache.

The address is the socket's, or with FACTCHECK_TRUSTED_PROXIES=n the one the n-th proxy from the app
recorded in X-Forwarded-For (DRF's NUM_PROXIES); a header the client wrote itself is never believed, so
rotating it changes nothing. The counts live in settings.CACHES["shared"] (the database's cache table, or
Redis), so every worker, thread and process of the site counts against the same limit.
"""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

CACHE_ALIAS = "shared"


class AnonThrottle(AnonRateThrottle):
    """Anonymous clients share API_ANON_RATE per address.

    DRF's own class reads the rates once at import; this one reads them per request, so that a
    deployment's setting and a test's override both apply.
    """

    @property
    def cache(self):
        # Looked up per request: a per-process cache would give each worker its own allowance.
        return caches[CACHE_ALIAS]

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
