"""A page size or page number written with digits other than ASCII ones ("²", "①", "٣") is a 400 naming the
parameter on every paged read, never a 500: str.isdigit() says yes to them, int() then refuses some."""

from __future__ import annotations

import pytest

from tests.api.support import API, client_for, error_of

PAGED = ["claims/", "articles/", "sources/", "claimreview/feed/", "articles/{article}/candidates/"]


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize("parameter", ["page_size", "page"])
@pytest.mark.parametrize("digits", ["\u00b2", "\u2460", "\u0663", "1\u00b9"])
def test_it_refuses_digits_that_are_not_ascii_with_a_400_naming_the_parameter(claim, editor, path, parameter, digits):
    response = client_for(editor).get(f"{API}{path.format(article=claim.article_id)}", {parameter: digits})

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {parameter}


@pytest.mark.parametrize("path", PAGED)
def test_ascii_page_numbers_and_sizes_still_page(claim, editor, path):
    response = client_for(editor).get(f"{API}{path.format(article=claim.article_id)}", {"page": "1", "page_size": "2"})

    assert response.status_code == 200
