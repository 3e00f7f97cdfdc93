# Takes over core.Notification without touching its table (core_notification):
# the model is created in the migration state only, after core lets it go, and
# its content type (with permissions pointing at it) is renamed to this app.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def take_over_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if ContentType.objects.filter(app_label='notifications', model='notification').exists():
        return
    ContentType.objects.filter(app_label='core', model='notification').update(
        app_label='notifications'
    )


def give_back_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if ContentType.objects.filter(app_label='core', model='notification').exists():
        return
    ContentType.objects.filter(app_label='notifications', model='notification').update(
        app_label='core'
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_notification_moves_to_notifications_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=50)),
                        ('title', models.CharField(max_length=300)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=500)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('digest_pending', models.BooleanField(default=False)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'core_notification',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='notif_unread_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_over_content_type, give_back_content_type),
    ]
