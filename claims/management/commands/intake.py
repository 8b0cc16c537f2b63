import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.models import Source
from claims.services.intake import article_intake


class Command(BaseCommand):
    help = (
        "Take in a new article from FILE (its text, or a saved HTML page whose main text is extracted) and find "
        "its candidate claims; prints each with its score and what it states. Editors accept or dismiss them in "
        "the admin's workbench or through the API."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A text file (UTF-8), or a saved page (.html, .htm).")
        parser.add_argument("--title", default="", help="The article's title (from the page when left out).")
        parser.add_argument("--published-on", default="", help="YYYY-MM-DD (from the page when left out).")
        parser.add_argument("--language", default="", help="fr or en (detected when left out).")
        parser.add_argument("--publisher", default="", help="Slug of the source that published it.")
        parser.add_argument("--url", default="", help="The article's address.")

    def handle(self, *args, file, title, published_on, language, publisher, url, **options):
        path = Path(file)
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file} as UTF-8 text: {exc}") from None
        fields = {"html" if path.suffix.lower() in (".html", ".htm") else "text": content}
        if published_on:
            try:
                fields["published_on"] = dt.date.fromisoformat(published_on)
            except ValueError:
                raise CommandError(f"--published-on: \u201c{published_on}\u201d is not a date as YYYY-MM-DD.") from None
        if publisher:
            fields["publisher"] = Source.objects.filter(slug=publisher).first()
            if fields["publisher"] is None:
                raise CommandError(f"--publisher: no source \u201c{publisher}\u201d.")
        try:
            article = article_intake(by=None, title=title, language=language, url=url, **fields)
        except ValidationError as exc:
            problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())
            raise CommandError(f"Nothing was stored. {problems}") from None
        candidates = list(article.candidates.order_by("start"))
        for candidate in candidates:
            self.stdout.write(f"  [{candidate.score:.2f}] {candidate.text[:110]}")
        self.stdout.write(
            f"{article.title} ({article.language}, {article.published_on}): {len(candidates)} candidate claims; "
            f"article id {article.pk}, slug {article.slug}."
        )
