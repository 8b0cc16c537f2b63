"""What the service tests share: the check that a refused write left the claim as it was."""

from claims.models import StatusChange


def unchanged(claim, *, status="unverified", version=1, history=0):
    claim.refresh_from_db()
    assert claim.status_id == status
    assert claim.version == version
    assert StatusChange.objects.filter(claim=claim).count() == history
