"""Copy the ideas bank's own moderation log into Wagtail's audit log (ModelLogEntry)."""

from django.db import migrations

ACTIONS = {"hide": "ideasbank.hide", "restore": "ideasbank.restore"}


def _content_type(apps, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="ideasbank", model=model)[0]


def copy_to_audit_log(apps, schema_editor):
    ModerationLog = apps.get_model("ideasbank", "ModerationLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    idea_type = _content_type(apps, "idea")
    comment_type = _content_type(apps, "comment")
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=comment_type if row.comment_id else idea_type,
            object_id=str(row.comment_id or row.idea_id),
            label=row.idea.title,
            action=ACTIONS[row.action],
            data={"idea": row.idea_id, "comment": row.comment_id, "note": row.note},
            timestamp=row.created_at,
            user_id=row.actor_id,
        )
        for row in ModerationLog.objects.select_related("idea").order_by("created_at", "pk")
    )


def copy_back(apps, schema_editor):
    ModerationLog = apps.get_model("ideasbank", "ModerationLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Idea = apps.get_model("ideasbank", "Idea")
    Comment = apps.get_model("ideasbank", "Comment")
    reverse = {value: key for key, value in ACTIONS.items()}
    entries = ModelLogEntry.objects.filter(action__in=reverse)
    ideas = set(Idea.objects.values_list("pk", flat=True))
    comments = set(Comment.objects.values_list("pk", flat=True)) | {None}
    ModerationLog.objects.bulk_create(
        ModerationLog(
            actor_id=entry.user_id,
            action=reverse[entry.action],
            idea_id=entry.data["idea"],
            comment_id=entry.data.get("comment"),
            note=entry.data.get("note", ""),
            created_at=entry.timestamp,
        )
        for entry in entries
        if entry.data.get("idea") in ideas and entry.data.get("comment") in comments
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ideasbank", "0001_ideas_votes_comments_stages_evidence"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(copy_to_audit_log, copy_back)]
