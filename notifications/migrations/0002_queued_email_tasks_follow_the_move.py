# Emails queued in the database (production) before the move name their task by
# its old path, core.tasks.<name>; point the ones still waiting at the new module
# so the worker can run them.

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

OLD = 'core.tasks.'
NEW = 'notifications.tasks.'


def repoint(apps, schema_editor, old=OLD, new=NEW):
    DBTaskResult = apps.get_model('django_tasks_database', 'DBTaskResult')
    DBTaskResult.objects.filter(task_path__startswith=old, status='READY').update(
        task_path=Concat(Value(new), Substr('task_path', len(old) + 1))
    )


def point_back(apps, schema_editor):
    repoint(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):

    dependencies = [
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
        ('notifications', '0001_notification_from_core'),
    ]

    operations = [migrations.RunPython(repoint, point_back)]
