"""Export the whole database as JSON and load it back, losing nothing.

The file is a Django fixture (a JSON list of {"model", "pk", "fields"}), so `loaddata` can read it too, but
`backup_restore` is the way back in: it refuses a database that already holds data, checks every row as the
admin would, loads everything in one transaction, resets the id sequences, and commits only if the
invariants (claims.selectors.invariants) hold.

What is exported, in this order (each table by primary key, so two exports of one database are identical):
  auth.Group        by name (migrations ship "editors" and "contributors" with their own ids), with its
                    permissions by natural key (codename, app, model)
  auth.User         with its id, password hash, groups and permissions by natural key
  authtoken.Token   the API tokens, when rest_framework.authtoken is installed and migrated
  claims.*          every model of the claims app, parents before children, many-to-many inline
  admin.LogEntry    the admin's own record of who changed what, content types by natural key
Not exported, because the target rebuilds them or they are short-lived: content types and permissions
(recreated by `migrate`), sessions, django-axes' login attempts and lockouts, and the migration records.

Exact values survive: datetimes keep their microseconds (Django's own JSON encoder drops all but
milliseconds), decimals are written as strings, text as it is.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction

from claims.bulk.statistics import analyze
from claims.selectors import invariants

# Rows that `migrate` creates (the shipped groups and verification statuses) may already be in an empty
# database; the import updates them instead of refusing. Groups are matched by name, statuses by code.
PRESEEDED = ("auth.group", "claims.verificationstatus")
NATURAL_PRIMARY_KEYS = ("auth.group",)
# References to content types, permissions and groups differ between databases: write them by name.
NATURAL_FOREIGN_KEYS = ("auth.group", "auth.user", "admin.logentry")
# The checks the admin runs on these models' rows; the claim's own clean() is left out because it moves a
# misplaced passage instead of refusing it; the invariants refuse a misplaced passage instead.
CLEANED_MODELS = ("claims.quantity", "claims.datemention", "claims.citation")
# Not data: the revision token is derived (database triggers set a new one as the import writes).
DERIVED = ("claims.datarevision",)


class ImportRefused(Exception):
    """The file cannot be loaded; the database was left as it was."""


def exported_models(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    tables = set(connections[using].introspection.table_names())
    chosen: list[type[models.Model]] = [apps.get_model("auth", "Group"), apps.get_model("auth", "User")]
    if apps.is_installed("rest_framework.authtoken"):
        chosen.append(apps.get_model("authtoken", "Token"))
    chosen += _parents_first(model for model in apps.get_app_config("claims").get_models() if _is_stored(model))
    if apps.is_installed("django.contrib.admin"):
        chosen.append(apps.get_model("admin", "LogEntry"))
    return [model for model in chosen if model._meta.db_table in tables]


def _is_stored(model: type[models.Model]) -> bool:
    if model._meta.label_lower in DERIVED:
        return False
    return not (model._meta.proxy or not model._meta.managed or model._meta.auto_created)


def _parents_first(candidates: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """Order models so that each comes after every model of the same set it points to."""
    pending = list(candidates)
    ordered: list[type[models.Model]] = []
    while pending:
        for model in pending:
            targets = {
                field.related_model
                for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
                if field.is_relation and field.related_model is not model
            }
            if not targets & (set(pending) - {model}):
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep declaration order, the foreign keys are checked at commit anyway
            ordered += pending
            break
    return ordered


# --- export ----------------------------------------------------------------------------------------------


class _ExactEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        if isinstance(o, dt.timedelta):
            return o.total_seconds()
        return super().default(o)


def export_objects(using: str = DEFAULT_DB_ALIAS) -> list[dict[str, Any]]:
    """Every exported row as fixture objects, read in one consistent snapshot."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table, so that no history row is newer than the claim read before it.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        objects: list[dict[str, Any]] = []
        for model in exported_models(using):
            label = model._meta.label_lower
            rows = serializers.serialize(
                "python",
                model._base_manager.using(using).order_by("pk"),
                use_natural_foreign_keys=label in NATURAL_FOREIGN_KEYS,
                use_natural_primary_keys=label in NATURAL_PRIMARY_KEYS,
            )
            for row in rows:
                for field in model._meta.many_to_many:
                    if field.name in row["fields"]:
                        # The database returns related rows in no fixed order.
                        row["fields"][field.name] = sorted(row["fields"][field.name], key=json.dumps)
            objects += rows
    return objects


def export(stream: IO[str], using: str = DEFAULT_DB_ALIAS) -> Counter:
    objects = export_objects(using)
    # One row per line: readable, and two exports compare line by line with diff. One write, ending in a
    # newline, so that a management command's stdout wrapper adds nothing.
    rows = ",\n".join(json.dumps(row, cls=_ExactEncoder, ensure_ascii=False) for row in objects)
    stream.write("[\n" + rows + "\n]\n")
    return Counter(row["model"] for row in objects)


# --- import ----------------------------------------------------------------------------------------------


def existing_data(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows already in the tables an import writes, leaving out what `migrate` itself creates."""
    found = {}
    for model in exported_models(using):
        label = model._meta.label_lower
        if label in PRESEEDED:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found[label] = count
    return found


def import_text(text: str, using: str = DEFAULT_DB_ALIAS) -> Counter:
    """Load an export into an empty database, all or nothing. Raises ImportRefused with the reason."""
    objects = _parse(text)
    allowed = {model._meta.label_lower: model for model in exported_models(using)}
    _check_shape(objects, allowed)

    present = existing_data(using)
    if present:
        raise ImportRefused(
            "The database is not empty ("
            + ", ".join(f"{count} {label}" for label, count in present.items())
            + "). Import into a new database, or empty this one first with `manage.py flush`"
        )

    counts: Counter = Counter()
    with transaction.atomic(using=using):
        position = 0
        try:
            for position, item in enumerate(
                serializers.deserialize("python", objects, using=using, ignorenonexistent=False), start=1
            ):
                label = item.object._meta.label_lower
                where = _where(position, label, item.object.pk)
                _validate(item.object, label, where)
                try:
                    # A row of a model `migrate` fills may replace that row; any other must be new, so a
                    # duplicate in the file is refused instead of silently overwriting the first.
                    item.save(using=using, force_insert=label not in PRESEEDED)
                except (DatabaseError, ValueError) as exc:
                    raise ImportRefused(f"{where}: the database refused it: {_database_error(exc)}") from None
                counts[label] += 1
        except DeserializationError as exc:
            raise ImportRefused(_deserialization_error(position + 1, exc)) from None

        connection = connections[using]
        models_loaded = [allowed[label] for label in counts]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_loaded):
                cursor.execute(sql)
        try:
            connection.check_constraints(table_names=[model._meta.db_table for model in models_loaded])
        except DatabaseError as exc:
            raise ImportRefused(f"a row points to a row the file does not hold: {_database_error(exc)}") from None
        report = invariants.check(using=using)
        if not report.ok:
            listed = "\n".join(f"  {violation}" for violation in report.violations[:20])
            more = len(report.violations) - 20
            raise ImportRefused(
                f"the rows load, but {len(report.violations)} invariants fail:\n{listed}"
                + (f"\n  … and {more} more" if more > 0 else "")
            )
    analyze(models_loaded, using=using)
    return counts


def _parse(text: str) -> list[dict[str, Any]]:
    try:
        objects = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"The file is not valid JSON ({exc})") from None
    except RecursionError:
        raise ImportRefused("The file is nested far deeper than an export can be") from None
    if not isinstance(objects, list):
        raise ImportRefused("The file is not an export: it should be a JSON list of objects")
    return objects


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _check_shape(objects: list[Any], allowed: dict[str, type[models.Model]]) -> None:
    seen: set[tuple[str, str]] = set()
    for position, item in enumerate(objects, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fields"), dict):
            raise ImportRefused(f'object #{position}: expected {{"model": …, "pk": …, "fields": {{…}}}}.')
        label = item.get("model")
        if not isinstance(label, str) or label.lower() not in allowed:
            raise ImportRefused(
                f"object #{position}: “{label}” is not a table an export holds (one of: {', '.join(sorted(allowed))})"
            )
        model = allowed[label.lower()]
        for name in item["fields"]:
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                raise ImportRefused(
                    f"{_where(position, label, item.get('pk'))}: {label} has no field “{name}”"
                ) from None
        for name, value in item["fields"].items():
            if _holds_nul(value):
                raise ImportRefused(f"{_where(position, label, item.get('pk'))}: {name} contains a NUL character")
        for name, value in item["fields"].items():
            # A value that cannot even be read ("NaN" as an amount, 2025-02-30) is refused here, with its field.
            field = model._meta.get_field(name)
            if field.is_relation or value is None:
                continue
            try:
                field.to_python(value)
            except ValidationError as exc:
                raise ImportRefused(
                    f"{_where(position, label, item.get('pk'))}: {name}: {' '.join(exc.messages)}"
                ) from None
        key = item.get("pk")
        if label.lower() in NATURAL_PRIMARY_KEYS:
            key = item["fields"].get("name", key)
        if key is not None:
            identity = (label.lower(), json.dumps(key))
            if identity in seen:
                raise ImportRefused(f"{_where(position, label, key)}: the file holds this row twice")
            seen.add(identity)


def _validate(obj: models.Model, label: str, where: str) -> None:
    """The field checks the admin makes (lengths, choices, addresses), and the cross-field rules of quantities,
    dates and citations, which not every database can express as a constraint."""
    if obj._meta.app_label != "claims":
        return
    relations = [field.name for field in obj._meta.fields if field.is_relation]
    try:
        obj.clean_fields(exclude=relations)
        if label in CLEANED_MODELS:
            obj.clean()
    except ValidationError as exc:
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in sorted(exc.message_dict.items()))
        raise ImportRefused(f"{where}: {details}") from None


# Django words a bad value as "['<reason>']: (<model>:pk=<pk>) field_value was '<value>'".
_DJANGO_BAD_VALUE = re.compile(
    r"^\[?'?(?P<reason>.*?)'?\]?: \((?P<model>[\w.]+):pk=(?P<pk>.*?)\) field_value was (?P<value>.*)$"
)


def _deserialization_error(position: int, exc: DeserializationError) -> str:
    text = _first_line(exc)
    match = _DJANGO_BAD_VALUE.match(text)
    if match is None:
        return f"object #{position}: {text}"
    return f"{_where(position, match['model'], match['pk'])}: {match['reason']} (the value was {match['value']})"


def _where(position: int, label: str, pk: Any) -> str:
    return f"object #{position} ({label} {pk})" if pk is not None else f"object #{position} ({label})"


def _database_error(exc: Exception) -> str:
    """The database's message, with PostgreSQL's detail line (which names the key) when it gives one."""
    detail = getattr(getattr(exc.__cause__, "diag", None), "message_detail", None)
    return f"{_first_line(exc)} ({detail})" if detail else _first_line(exc)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
