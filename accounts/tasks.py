"""Background work for accounts: preparing a member's data export."""

from django_tasks import task


@task()
def prepare_data_export(export_id: int) -> None:
    from accounts.services.export import export_prepare

    export_prepare(export_id=export_id)
