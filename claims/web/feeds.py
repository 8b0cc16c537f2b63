"""The public corrections log as an Atom feed: every status change of a published claim and every correction
(revision) of one or of the article it quotes, newest first.

A rationale is what an editor typed: it goes out as plain text (`<summary type="text">`), never as HTML that
a feed reader would render. Entry ids and links are absolute addresses of the public site
(claims.selectors.links), as Atom requires of an id.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.selectors import pages as selectors
from claims.selectors.links import site_base_url
from claims.web import wording

FEED_ITEMS = 50


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with text summaries: Django writes every summary as type="html", where an <img> or <a> in a
    rationale would become live markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ChangesFeed(Feed):
    feed_type = PlainTextAtom1Feed
    subtitle = (
        "Every change of verdict or status of a published claim, and every correction of what one says or rests "
        "on, with its reason."
    )

    def get_object(self, request, *args, **kwargs):
        # The feed's one "object": the public site's root, from which every address below is made absolute.
        # Kept on the request's items, never on this instance, which every request (and thread) shares.
        return site_base_url(request)

    def title(self) -> str:
        return f"{settings.FACTCHECK_PUBLISHER_NAME}: corrections and status changes"

    def link(self, base_url: str) -> str:
        return base_url + reverse("claims:changes")

    def items(self, base_url: str) -> list[FeedEntry]:
        # The corrections log's newest page: one query for its keys, one per kind for the rows.
        return [FeedEntry(entry, base_url) for entry in selectors.CorrectionsLog()[:FEED_ITEMS]]

    def item_title(self, item: FeedEntry) -> str:
        if item.change is not None:
            change = item.change
            return f"{_name(change.claim)}: {change.from_status.label} \u2192 {change.to_status.label}"
        revision = item.revision
        fields = ", ".join(change["label"] for change in revision.changes)
        if revision.claim is None:
            return f"{revision.article.title}: the article corrected ({fields})"
        return f"{_name(revision.claim)}: corrected ({fields})"

    def item_description(self, item: FeedEntry) -> str:
        if item.change is not None:
            return item.change.rationale
        lines = [item.revision.reason, ""]
        lines += [wording.describe_correction(change) for change in item.revision.changes]
        return "\n".join(lines)

    def item_link(self, item: FeedEntry) -> str:
        # Several entries share a claim page; each has its own anchor in the page's timeline.
        if item.change is not None:
            change = item.change
            return f"{item.base_url}{change.claim.get_absolute_url()}#change-{change.claim_version}"
        revision = item.revision
        if revision.claim is None:
            return f"{item.base_url}{revision.article.get_absolute_url()}#correction-{revision.pk}"
        return f"{item.base_url}{revision.claim.get_absolute_url()}#correction-{revision.pk}"

    def item_guid(self, item: FeedEntry) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: FeedEntry):
        return item.when

    def item_updateddate(self, item: FeedEntry):
        return item.change.recorded_at if item.change is not None else item.revision.recorded_at


class FeedEntry:
    """A corrections-log entry with the site's root its addresses are made from."""

    def __init__(self, entry: selectors.CorrectionEntry, base_url: str):
        self.change, self.revision, self.when, self.base_url = entry.change, entry.revision, entry.when, base_url


def _name(claim) -> str:
    return claim.summary or claim.text_en or claim.text
