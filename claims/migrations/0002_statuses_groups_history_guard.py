"""Ship the verification scale, the two editorial groups, and a database guard that keeps the status
history append-only whatever path writes to it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STATUSES = [
    # code, label, normalized, is_verdict, rating_value, order, colour, description
    ("unverified", "Unverified", "other", False, None, 10, "#5b6472", "Recorded, not yet looked at."),
    ("in_review", "In review", "other", False, None, 20, "#1d4ed8", "An editor or contributor is checking it."),
    (
        "accurate",
        "Accurate",
        "true",
        True,
        5,
        30,
        "#047857",
        "What the claim says matches the best available evidence.",
    ),
    (
        "mostly_accurate",
        "Mostly accurate",
        "true",
        True,
        4,
        40,
        "#3f6212",
        "Right in substance, with a detail wrong, missing or needing context.",
    ),
    (
        "misleading",
        "Misleading",
        "mixture",
        True,
        2,
        50,
        "#b45309",
        "Contains some truth but leaves a false impression, or was contradicted later.",
    ),
    (
        "inaccurate",
        "Inaccurate",
        "false",
        True,
        1,
        60,
        "#b91c1c",
        "What the claim says is contradicted by the evidence.",
    ),
    (
        "unverifiable_yet",
        "Not verifiable yet",
        "other",
        True,
        None,
        70,
        "#6d28d9",
        "It can be checked only later, or the evidence is not public yet; it carries a re-check date.",
    ),
    (
        "not_checkable",
        "Not checkable",
        "other",
        True,
        None,
        80,
        "#374151",
        "An opinion, a forecast or a speculation: there is no fact to check.",
    ),
    (
        "retracted",
        "Retracted",
        "other",
        True,
        None,
        90,
        "#44403c",
        "Withdrawn by the editors (recorded in error, duplicate, or not in the article); kept with its history.",
    ),
]

CONTENT = ["claim", "quantity", "datemention", "citation", "article", "source"]
CONTRIBUTOR_PERMS = (
    [f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view")]
    + [f"delete_{model}" for model in ("quantity", "datemention", "citation")]
    + ["view_verificationstatus", "view_statuschange", "set_review_status"]
)
EDITOR_PERMS = CONTRIBUTOR_PERMS + ["delete_claim", "set_verdict", "publish_claim"]


def forwards(apps, schema_editor):
    VerificationStatus = apps.get_model("claims", "VerificationStatus")
    for code, label, normalized, is_verdict, rating, order, color, description in STATUSES:
        VerificationStatus.objects.update_or_create(
            code=code,
            defaults=dict(
                label=label,
                normalized=normalized,
                is_verdict=is_verdict,
                rating_value=rating,
                best_rating=5,
                worst_rating=1,
                order=order,
                color=color,
                description=description,
            ),
        )

    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("contributors", CONTRIBUTOR_PERMS), ("editors", EDITOR_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        assert perms.count() == len(codenames), f"missing permissions for {name}"
        group.permissions.set(perms)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["contributors", "editors"]).delete()


PG_GUARD = """
CREATE OR REPLACE FUNCTION claims_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'status history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_statuschange_append_only BEFORE UPDATE OR DELETE ON claims_statuschange
    FOR EACH ROW EXECUTE FUNCTION claims_history_is_append_only();
CREATE TRIGGER claims_statuschangecitation_append_only BEFORE UPDATE OR DELETE ON claims_statuschangecitation
    FOR EACH ROW EXECUTE FUNCTION claims_history_is_append_only();
"""
PG_UNGUARD = """
DROP TRIGGER IF EXISTS claims_statuschange_append_only ON claims_statuschange;
DROP TRIGGER IF EXISTS claims_statuschangecitation_append_only ON claims_statuschangecitation;
DROP FUNCTION IF EXISTS claims_history_is_append_only();
"""
# SQLite refuses updates only: its test flush empties tables with DELETE (PostgreSQL's uses TRUNCATE,
# which row triggers do not see), and the models refuse deletes on every database.
SQLITE_GUARD = [
    """CREATE TRIGGER claims_statuschange_append_only BEFORE UPDATE ON claims_statuschange
       BEGIN SELECT RAISE(ABORT, 'status history is append-only: UPDATE on claims_statuschange refused'); END;""",
    """CREATE TRIGGER claims_statuschangecitation_append_only BEFORE UPDATE ON claims_statuschangecitation
       BEGIN SELECT RAISE(ABORT, 'status history is append-only: UPDATE on claims_statuschangecitation refused'); END;""",
]
SQLITE_UNGUARD = [
    "DROP TRIGGER IF EXISTS claims_statuschange_append_only;",
    "DROP TRIGGER IF EXISTS claims_statuschangecitation_append_only;",
]


def guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_GUARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_GUARD:
            schema_editor.execute(statement)


def unguard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UNGUARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_UNGUARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(guard, unguard),
    ]
