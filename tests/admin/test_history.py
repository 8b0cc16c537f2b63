"""The status history in the admin: viewed by every editorial role, written by nobody."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("persona", ["editor", "contributor", "superuser"])
def test_the_history_can_be_viewed_but_never_written(client, request, persona, history_row):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("admin:claims_statuschange_change", args=[history_row.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmed." in page.content.decode()
    assert 'name="rationale"' not in page.content.decode()
    assert client.post(url, {"rationale": "rewritten"}).status_code == 403
    assert client.get(reverse("admin:claims_statuschange_add")).status_code == 403
    assert (
        client.post(reverse("admin:claims_statuschange_delete", args=[history_row.pk]), {"post": "yes"}).status_code
        == 403
    )
    history_row.refresh_from_db()
    assert history_row.rationale == "Confirmed."
