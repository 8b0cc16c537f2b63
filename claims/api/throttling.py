from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonThrottle(AnonRateThrottle):
    """Anonymous clients share API_ANON_RATE per address.

    DRF's own class reads the rates once at import; this one reads them per request, so that a
    deployment's setting and a test's override both apply.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
