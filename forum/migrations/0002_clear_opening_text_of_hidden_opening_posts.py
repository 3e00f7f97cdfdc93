"""Threads whose opening post is already hidden or deleted stop showing its text.

From now on forum.services keeps Thread.opening_text in step when an opening
post is hidden, deleted or restored; this clears the text stored before that.
"""

from django.db import migrations
from django.db.models import Q


def clear_opening_text(apps, schema_editor):
    Thread = apps.get_model("forum", "Thread")
    Post = apps.get_model("forum", "Post")
    gone = Post.objects.filter(number=1).filter(
        Q(deleted_at__isnull=False) | Q(hidden_at__isnull=False)
    )
    Thread.objects.filter(pk__in=gone.values("thread_id")).update(opening_text="")


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_categories_threads_posts_read_state")]

    operations = [migrations.RunPython(clear_opening_text, migrations.RunPython.noop)]
