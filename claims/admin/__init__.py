"""The editors' admin: claims (with their children and status page), the catalogue (sources, articles, the
scale) and the history, each registered by its module."""

from claims.admin import catalogue, claims, history  # noqa: F401 -- registers the ModelAdmins
