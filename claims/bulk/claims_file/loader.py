"""Loading claims files into the database: read and validated by claims.bulk.claims_file.reader first, then
written through the services. Rows are matched by natural key (slug; claim and address for citations) and
only what differs is written, so loading the same file twice writes nothing. Stored history is never
rewritten: a file whose history disagrees with the stored one is refused. Every file of one call is loaded
in one transaction: one bad file leaves the database unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from claims.bulk.claims_file.format import ClaimsImportError, ImportResult, Invalid, first_message
from claims.bulk.claims_file.reader import ClaimSpec, FileSpec, read_claims_file
from claims.bulk.statistics import analyze
from claims.models import (
    CITATION_FIELDS,
    DATE_FIELDS,
    QUANTITY_FIELDS,
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
)
from claims.services import articles as article_services
from claims.services import citations as citation_services
from claims.services.claims import claim_create, claim_update
from claims.services.status import TransitionNotAllowed, claim_change_status
from claims.services.versions import StaleVersion


def claims_files(path: str | Path) -> list[Path]:
    """A file, or every *.json directly inside a directory, in name order (000_..., 001_...)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    if not path.exists():
        raise ClaimsImportError(str(path), [("", "No such file or directory.")])
    return [path]


def load_claims(paths, *, by=None) -> list[ImportResult]:
    """Load files and directories of claims files in one transaction, as `by` (None: the system)."""
    files = [f for p in paths for f in claims_files(p)]
    with transaction.atomic():
        defined: dict[str, tuple[str, dict]] = {}
        results = [_Loader(f, read_claims_file(f), by, defined).run() for f in files]
    if any(result.changed for result in results):
        analyze([Source, Article, Claim, Quantity, DateMention, Citation, StatusChange])
    return results


def _differs(instance, spec: dict[str, Any], names) -> dict[str, Any]:
    return {name: spec[name] for name in names if getattr(instance, name) != spec[name]}


class _Loader:
    def __init__(self, path: Path, spec: FileSpec, by, defined: dict[str, tuple[str, dict]]):
        self.path = path
        self.spec = spec
        self.by = by
        # Sources defined by the files loaded earlier in this run: two files that define one source
        # differently would overwrite each other on every load, so that is refused.
        self.defined = defined
        self.result = ImportResult(file=str(path))

    def run(self) -> ImportResult:
        for i, source in enumerate(self.spec.sources):
            self.guard(f"sources[{i}]", self.write_source, source)
        if self.spec.article:
            self.guard("article", self.write_article, self.spec.article)
        for claim in self.spec.claims:
            self.guard(claim.path, self.write_claim, claim)
        return self.result

    def guard(self, path: str, fn, *args):
        """Turn a refusal from the database or a service into an error at the JSON path."""
        try:
            return fn(*args)
        except Invalid as exc:
            raise ClaimsImportError(str(self.path), [(exc.path, exc.message)]) from None
        except ValidationError as exc:
            name, message = first_message(exc)
            name = "correction" if name == "reason" else name  # the file's key for a correction's reason
            where = f"{path}.{name}" if name and name != "__all__" else path
            raise ClaimsImportError(str(self.path), [(where, message)]) from None
        except (StaleVersion, TransitionNotAllowed, PermissionDenied, DatabaseError) as exc:
            raise ClaimsImportError(str(self.path), [(path, str(exc))]) from None

    def write_source(self, spec: dict[str, Any]) -> None:
        self.result.sources += 1
        earlier = self.defined.get(spec["slug"])
        if earlier and earlier[1] != spec:
            raise ValidationError(
                {"slug": f"{earlier[0]} defines the source \u201c{spec['slug']}\u201d differently; define it once."}
            )
        self.defined[spec["slug"]] = (str(self.path), spec)
        source = Source.objects.filter(slug=spec["slug"]).first()
        if source is None:
            article_services.source_create(**spec)
            self.result.sources_new += 1
        elif changes := _differs(source, spec, ("name", "kind", "url", "description")):
            article_services.source_update(source=source, **changes)
            self.result.sources_updated += 1

    def write_article(self, spec: dict[str, Any]) -> None:
        self.result.articles += 1
        fields = dict(spec)
        correction = fields.pop("correction")
        publisher_slug = fields.pop("publisher")
        fields["publisher"] = Source.objects.get(slug=publisher_slug) if publisher_slug else None
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            article_services.article_create(**fields)
            self.result.articles_new += 1
            return
        changes = _differs(article, fields, ("title", "publisher", "language", "published_on", "url", "text"))
        if changes:
            try:
                article_services.article_update(article=article, by=self.by, reason=correction, **changes)
            except ValidationError as exc:
                # Named at its JSON key: the text comes from `text` or `text_file`, whichever the file used.
                if "text" in exc.message_dict:
                    raise Invalid("article.text", " ".join(exc.message_dict["text"])) from None
                raise
            self.result.articles_updated += 1

    def write_claim(self, spec: ClaimSpec) -> None:
        result = self.result
        result.claims += 1
        fields = {
            **spec.fields,
            "article": Article.objects.get(slug=spec.article_slug),
            "attributed_to": Source.objects.get(slug=spec.attributed_to) if spec.attributed_to else None,
        }
        entities = list(Source.objects.filter(slug__in=spec.entities))
        claim = Claim.objects.filter(slug=spec.slug).first()
        if claim is None:
            claim = claim_create(by=self.by, entities=entities, quantities=spec.quantities, dates=spec.dates, **fields)
            result.claims_new += 1
        else:
            if claim.article_id != fields["article"].pk:
                # Claim slugs are unique across articles: a reused slug would move another article's claim.
                raise Invalid(
                    f"{spec.path}.slug",
                    f"The claim \u201c{spec.slug}\u201d belongs to the article \u201c{claim.article.slug}\u201d; "
                    "choose another slug.",
                )
            changes = _differs(claim, fields, fields.keys())
            entities_differ = {e.pk for e in entities} != set(claim.entities.values_list("pk", flat=True))
            if changes or entities_differ or self.children_differ(claim, spec):
                # One version bump for the whole edit, as when an editor saves the admin form.
                claim_update(
                    claim=claim,
                    by=self.by,
                    expected_version=claim.version,
                    data=changes,
                    entities=entities,
                    quantities=spec.quantities,
                    dates=spec.dates,
                    reason=spec.correction,
                )
                result.claims_updated += 1
        citations = self.sync_citations(claim, spec)
        self.sync_history(claim, spec, citations)

    @staticmethod
    def children_differ(claim: Claim, spec: ClaimSpec) -> bool:
        for specs, manager, names in (
            (spec.quantities, claim.quantities, QUANTITY_FIELDS),
            (spec.dates, claim.dates, DATE_FIELDS),
        ):
            stored = list(manager.order_by("position", "id"))
            if len(stored) != len(specs):
                return True
            if any(
                row.position != i or _differs(row, s, names)
                for i, (row, s) in enumerate(zip(stored, specs, strict=True))
            ):
                return True
        stored_citations = {c.url: c for c in claim.citations.all()}
        return any(
            c["url"] not in stored_citations or _differs(stored_citations[c["url"]], c, CITATION_FIELDS)
            for c in spec.citations
        )

    def sync_citations(self, claim: Claim, spec: ClaimSpec) -> dict[str, Any]:
        """Match citations by address; stored citations the file does not list are kept (history may rely
        on them)."""
        stored = {c.url: c for c in claim.citations.all()}
        for i, item in enumerate(spec.citations):
            self.result.citations += 1
            citation = stored.get(item["url"])
            if citation is None:
                write, args = citation_services.citation_create, {"claim": claim, **item}
                self.result.citations_new += 1
            elif _differs(citation, item, CITATION_FIELDS):
                write, args = citation_services.citation_update, {"citation": citation, **item}
            else:
                continue
            stored[item["url"]] = self.guard(f"{spec.path}.citations[{i}]", lambda w=write, a=args: w(**a))
        return stored

    def sync_history(self, claim: Claim, spec: ClaimSpec, citations: dict[str, Any]) -> None:
        stored = list(StatusChange.objects.filter(claim=claim).order_by("claim_version").prefetch_related("citations"))
        self.result.status_changes += len(spec.history)
        for row, step in zip(stored, spec.history, strict=False):
            differences = []
            if row.to_status_id != step["to"]:
                differences.append(f"status \u201c{row.to_status_id}\u201d, the file says \u201c{step['to']}\u201d")
            if row.effective_at != step["effective_at"]:
                differences.append(
                    f"effective {row.effective_at.isoformat()}, the file says {step['effective_at'].isoformat()}"
                )
            if row.rationale.strip() != step["rationale"]:
                differences.append("a different rationale")
            if {c.url for c in row.citations.all()} != set(step["urls"]):
                differences.append("different citations")
            if differences:
                raise Invalid(
                    step["path"],
                    "The stored history differs from this file (stored change "
                    f"{row.claim_version}: {'; '.join(differences)}). History is never rewritten: record a new "
                    "change after the stored ones instead.",
                )
        # Changes stored beyond the file's list (an editor's later re-check) are kept as they are.
        for step in spec.history[len(stored) :]:
            claim_change_status(
                claim=claim,
                to_status=step["to"],
                rationale=step["rationale"],
                by=self.by,
                citations=[citations[url] for url in step["urls"]],
                expected_version=claim.version,
                effective_at=step["effective_at"],
            )
            self.result.status_changes_new += 1
