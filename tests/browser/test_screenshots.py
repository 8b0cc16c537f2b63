"""Screenshots of the reader pages at phone and desktop widths, from the shipped seed fixtures.

Opt-in: FACTCHECK_SCREENSHOTS=/some/dir .venv/bin/python -m pytest tests/browser/test_screenshots.py
The images are for people to look at; nothing is asserted about pixels.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from claims.models import Article, Claim
from tests.shipped import restore_shipped_data

TARGET = os.environ.get("FACTCHECK_SCREENSHOTS", "")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not TARGET, reason="set FACTCHECK_SCREENSHOTS=<directory> to take screenshots"),
]

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def test_take_screenshots_of_the_four_kinds_of_page(live_server, chromium):
    restore_shipped_data()  # every live-server test is transactional and ends with a flush
    call_command("load_claims", str(FIXTURES), verbosity=0)
    # The claim with the most to show: its citations and history.
    claim = (
        Claim.objects.published().annotate(n=Count("citations", distinct=True) + Count("history", distinct=True))
    ).order_by("-n", "id")[0]
    article = Article.objects.filter(claims__visibility="published").distinct().first()
    pages = {
        "home": "/",
        "list": "/claims/",
        "list-filtered": "/claims/?status=misleading&q=milliards",
        "claim": claim.get_absolute_url(),
        "article": article.get_absolute_url(),
        "changes": "/changes/",
    }
    target = Path(TARGET)
    slices = target / "slices"
    slices.mkdir(parents=True, exist_ok=True)
    for width_name, viewport in WIDTHS.items():
        context = chromium.new_context(viewport=viewport, device_scale_factor=1, is_mobile=width_name == "phone")
        page = context.new_page()
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            page.screenshot(path=str(target / f"{name}-{width_name}.png"), full_page=True)
            # Screen-sized slices too, to look at the details of a long page.
            height = page.evaluate("document.documentElement.scrollHeight")
            for number, top in enumerate(range(0, height, viewport["height"]), 1):
                clip = {"x": 0, "y": top, "width": viewport["width"], "height": min(viewport["height"], height - top)}
                page.screenshot(path=str(slices / f"{name}-{width_name}-{number:02d}.png"), full_page=True, clip=clip)
        context.close()
