"""manage.py intake: an article in from a file (its text or a saved page), its candidate claims found and
listed; a file it cannot read, or bad input, stores nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from tests.factories import SEED_TEXT, SourceFactory


def test_a_text_file_goes_in_with_its_candidates(db, tmp_path, capsys):
    SourceFactory(slug="le-journal", name="Le Journal")
    path = tmp_path / "article.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    call_command(
        "intake", str(path), "--title", "OpenAI et Oracle", "--published-on", "2025-09-11", "--publisher", "le-journal"
    )
    article = Article.objects.get()
    assert (article.language, article.publisher.slug, article.text) == ("fr", "le-journal", SEED_TEXT)
    out = capsys.readouterr().out
    assert f"{article.candidates.count()} candidate claims" in out and "300 milliards de dollars" in out


def test_a_saved_page_gives_its_text_and_its_title(db, tmp_path):
    path = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in SEED_TEXT.split("\n\n"))
    path.write_text(
        f"<html><head><title>OpenAI et Oracle</title></head><body><article>{paragraphs}</article></body></html>"
    )
    call_command("intake", str(path), "--published-on", "2025-09-11")
    article = Article.objects.get()
    assert article.title == "OpenAI et Oracle" and article.text == SEED_TEXT


@pytest.mark.parametrize(
    ("content", "arguments", "message"),
    [
        (b"\xff\xfe\x00binary", [], "Cannot read"),
        (SEED_TEXT.encode(), ["--published-on", "11/09/2025"], "--published-on"),
        (SEED_TEXT.encode(), ["--published-on", "2025-09-11", "--publisher", "nobody"], "--publisher"),
        (SEED_TEXT.encode(), ["--published-on", "2025-09-11", "--language", "de"], "language"),
        (b"", ["--published-on", "2025-09-11", "--title", "Vide"], "text"),
    ],
)
def test_what_it_cannot_take_in_is_refused_and_nothing_is_stored(db, tmp_path, content, arguments, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("intake", str(path), "--title", "OpenAI et Oracle", *arguments)
    assert not Article.objects.exists()
