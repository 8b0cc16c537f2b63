"""The public corrections log as an Atom feed: every status change of a published claim, newest first."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.models import StatusChange
from claims.selectors import pages as selectors

FEED_ITEMS = 50


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Every change of verdict or status of a published claim, with its reason."

    def title(self) -> str:
        return f"{settings.FACTCHECK_PUBLISHER_NAME}: corrections and status changes"

    def link(self) -> str:
        return reverse("claims:changes")

    def items(self):
        # One query: the changes with their claims and statuses.
        return selectors.public_changes()[:FEED_ITEMS]

    def item_title(self, item: StatusChange) -> str:
        claim = item.claim
        name = claim.summary or claim.text_en or claim.text
        return f"{name}: {item.from_status.label} \u2192 {item.to_status.label}"

    def item_description(self, item: StatusChange) -> str:
        return item.rationale

    def item_link(self, item: StatusChange) -> str:
        # Several changes share a claim page; each has its own anchor in the page's timeline.
        return f"{item.claim.get_absolute_url()}#change-{item.claim_version}"

    def item_guid(self, item: StatusChange) -> str:
        return f"{self.item_link(item)}"

    def item_pubdate(self, item: StatusChange):
        return item.effective_at

    def item_updateddate(self, item: StatusChange):
        return item.recorded_at
