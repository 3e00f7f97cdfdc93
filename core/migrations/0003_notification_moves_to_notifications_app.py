# Notifications moved to their own app. The table stays (notifications.Notification
# keeps db_table "core_notification"); only Django's idea of which app owns it changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
