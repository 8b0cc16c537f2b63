from django.conf import settings


def site(request):
    """What every page needs to name the publisher of the fact-checks."""
    return {"site_name": settings.FACTCHECK_PUBLISHER_NAME}
