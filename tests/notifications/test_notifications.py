"""The notification service: stored, counted, emailed or not by each member's preference."""

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import Notification
from notifications.services import notify
from tests import factories


@pytest.fixture
def people(council):
    return {
        freq: factories.officer(council, email_frequency=freq)
        for freq in ("immediately", "daily", "weekly", "never")
    }


def test_notify_stores_one_per_recipient_and_skips_the_actor(officer, other_officer):
    created = notify(
        recipients=[officer, other_officer, officer],
        kind="test.kind",
        title="Something happened",
        url="/ideas/1/",
        actor=other_officer,
    )
    assert len(created) == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [officer.pk]


def test_email_follows_each_members_preference(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=people.values(), kind="t", title="A new reply", url="/x/")
    assert [m.to for m in mail.outbox] == [[people["immediately"].email]]
    message = mail.outbox[0]
    assert "A new reply" in message.subject
    assert "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.filter(recipient=people["never"]).count() == 1


def test_daily_digest_sends_one_email_with_everything_waiting(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[people["daily"]], kind="t", title="First thing")
        notify(recipients=[people["daily"]], kind="t", title="Second thing")
    assert mail.outbox == []
    call_command("send_digests", frequency="daily")
    assert len(mail.outbox) == 1
    assert "First thing" in mail.outbox[0].body and "Second thing" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("send_digests", frequency="daily")
    assert mail.outbox == []  # nothing sent twice


def test_unread_count_in_the_header_and_mark_all_read(client_for, officer):
    notify(recipients=[officer], kind="t", title="One")
    notify(recipients=[officer], kind="t", title="Two")
    c = client_for(officer)
    html = c.get("/notifications/").content.decode()
    assert 'id="notification-count" aria-label="2 unread">2<' in html
    assert c.post("/notifications/read-all/").status_code == 302
    html = c.get("/notifications/").content.decode()
    assert 'aria-label="0 unread">0<' in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client_for, officer):
    (n,) = notify(recipients=[officer], kind="t", title="One", url="/ideas/")
    response = client_for(officer).post(f"/notifications/{n.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/ideas/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_member_cannot_open_someone_elses_notification(client_for, officer, other_officer):
    (n,) = notify(recipients=[officer], kind="t", title="Private", url="/x/")
    client_for(other_officer).post(f"/notifications/{n.pk}/open/")
    n.refresh_from_db()
    assert n.read_at is None
    assert b"Private" not in client_for(other_officer).get("/notifications/").content


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_notification_list_queries_do_not_grow(client_for, officer, django_assert_max_num_queries):
    c = client_for(officer)
    notify(recipients=[officer], kind="t", title="x")
    with django_assert_max_num_queries(12):
        c.get("/notifications/")
    for i in range(60):
        notify(recipients=[officer], kind="t", title=f"n{i}")
    with django_assert_max_num_queries(12):
        c.get("/notifications/")


def test_in_production_emails_are_queued_for_the_worker(
    settings, officer, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], kind="t", title="Queued")
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "notifications.tasks.send_notification_emails"
