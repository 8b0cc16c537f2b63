"""What editors see while taking an article in and working claims through: an article's candidates with
what they propose, and each person's queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from claims.models import Article, Candidate, Claim, PendingVerdict, Source


@dataclass
class Queue:
    """One person's work: each list newest change first, at most `limit` rows each."""

    drafts_of_mine: list[Claim] = field(default_factory=list)
    waiting_to_publish: list[Claim] = field(default_factory=list)
    in_review: list[Claim] = field(default_factory=list)
    recheck_due: list[Claim] = field(default_factory=list)
    articles_with_candidates: list[Article] = field(default_factory=list)
    awaiting_sign_off: list[PendingVerdict] = field(default_factory=list)
    sent_back: list[PendingVerdict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.drafts_of_mine,
                self.waiting_to_publish,
                self.in_review,
                self.recheck_due,
                self.articles_with_candidates,
                self.awaiting_sign_off,
                self.sent_back,
            )
        )


def queue_for(user, *, limit: int = 20) -> Queue:
    """Claims in review, due for re-check, drafts waiting to be published (a verdict given: an editor's to
    publish), the user's own drafts, articles with candidates nobody has decided on, verdicts awaiting this
    editor's sign-off and the user's verdicts sent back: eight queries."""
    claims = Claim.objects.select_related("status", "article").order_by("-updated_at", "-id")
    pending = PendingVerdict.objects.select_related("claim", "to_status", "proposed_by", "decided_by").order_by(
        "-proposed_at", "-id"
    )
    drafts = claims.filter(visibility=Claim.Visibility.DRAFT)
    return Queue(
        drafts_of_mine=list(drafts.filter(created_by=user)[:limit]) if getattr(user, "pk", None) else [],
        waiting_to_publish=list(drafts.filter(status__is_verdict=True)[:limit]),
        in_review=list(claims.filter(status_id="in_review")[:limit]),
        recheck_due=list(claims.recheck_due(timezone.localdate()).order_by("recheck_on", "id")[:limit]),
        articles_with_candidates=list(
            Article.objects.annotate(open_candidates=Count("candidates", filter=Q(candidates__status="open")))
            .filter(open_candidates__gt=0)
            .order_by("-created_at", "-id")[:limit]
        ),
        awaiting_sign_off=list(
            pending.filter(state=PendingVerdict.State.AWAITING).exclude(proposed_by=user)[:limit]
            if getattr(user, "pk", None) and user.has_perm("claims.set_verdict")
            else []
        ),
        sent_back=list(pending.filter(state=PendingVerdict.State.SENT_BACK, proposed_by=user)[:limit])
        if getattr(user, "pk", None)
        else [],
    )


def candidates_of(article: Article) -> QuerySet[Candidate]:
    """The article's candidates in reading order, with the draft each accepted one became and who decided."""
    return article.candidates.select_related("claim", "claim__status", "decided_by").order_by("start", "end", "id")


def sources_proposed(candidates) -> dict[int, Source]:
    """The sources the candidates propose (attributions and names), by id: one query."""
    ids = {pk for c in candidates for pk in (c.proposal.get("attributed_to"), *c.proposal.get("entities", [])) if pk}
    return Source.objects.in_bulk(ids)
