"""Copy the forum's own moderation log into Wagtail's audit log (wagtailcore.ModelLogEntry).

Each entry is logged against its post (or, for thread actions, its thread),
with the thread, post number and note in ``data``, as forum.audit writes new
ones. The next migration deletes the old table.
"""

from django.db import migrations

ACTIONS = {
    "pin": "forum.pin",
    "unpin": "forum.unpin",
    "lock": "forum.lock",
    "unlock": "forum.unlock",
    "move": "forum.move",
    "hide-thread": "forum.hide_thread",
    "show-thread": "forum.show_thread",
    "hide-post": "forum.hide_post",
    "restore-post": "forum.restore_post",
    "resolve-report": "forum.resolve_report",
}


def _content_type(apps, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="forum", model=model)[0]


def copy_to_audit_log(apps, schema_editor):
    Old = apps.get_model("forum", "ModerationLogEntry")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    thread_type = _content_type(apps, "thread")
    post_type = _content_type(apps, "post")
    rows = []
    for entry in Old.objects.select_related("thread", "post").order_by("created_at", "pk"):
        thread, post = entry.thread, entry.post
        if post is not None:
            content_type, object_id = post_type, str(post.pk)
            label = f"{thread.title if thread else 'Discussion'} #{post.number}"
        else:
            content_type = thread_type
            object_id = str(thread.pk) if thread is not None else ""
            label = thread.title if thread is not None else "A deleted discussion"
        rows.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=object_id,
                label=label,
                action=ACTIONS.get(entry.action, "forum." + entry.action.replace("-", "_")),
                timestamp=entry.created_at,
                user_id=entry.actor_id,
                data={
                    "thread": entry.thread_id,
                    "thread_title": thread.title if thread is not None else "",
                    "post": entry.post_id,
                    "number": post.number if post is not None else None,
                    "detail": entry.detail,
                },
            )
        )
    ModelLogEntry.objects.bulk_create(rows, batch_size=500)


def copy_back(apps, schema_editor):
    Old = apps.get_model("forum", "ModerationLogEntry")
    Thread = apps.get_model("forum", "Thread")
    Post = apps.get_model("forum", "Post")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    old_names = {new: old for old, new in ACTIONS.items()}
    entries = ModelLogEntry.objects.filter(action__in=old_names, user_id__isnull=False)
    threads = set(Thread.objects.values_list("pk", flat=True))
    posts = set(Post.objects.values_list("pk", flat=True))
    Old.objects.bulk_create(
        [
            Old(
                actor_id=entry.user_id,
                action=old_names[entry.action],
                thread_id=entry.data.get("thread") if entry.data.get("thread") in threads else None,
                post_id=entry.data.get("post") if entry.data.get("post") in posts else None,
                detail=(entry.data.get("detail") or "")[:300],
                created_at=entry.timestamp,
            )
            for entry in entries.order_by("timestamp", "pk")
        ],
        batch_size=500,
    )
    ModelLogEntry.objects.filter(action__in=old_names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0002_clear_opening_text_of_hidden_opening_posts"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(copy_to_audit_log, copy_back)]
