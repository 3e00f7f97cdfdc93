"""Email choices per kind of notification: immediately, daily, weekly or never, each honoured."""

import pytest
from django.core import mail

from notifications.models import EmailCategory, Notification
from notifications.preferences import category_for, email_choices_save
from notifications.services import email_unsubscribe, notify, unsubscribe_token
from notifications.tasks import send_digests

pytestmark = pytest.mark.django_db

# One notify() kind used by the apps for each kind a member chooses for.
KINDS = {
    EmailCategory.REPLIES: "forum.mention",
    EmailCategory.IDEAS: "ideas.comment",
    EmailCategory.PLACEMENTS: "mentoring.application",
    EmailCategory.EVENTS: "events.invitation",
    EmailCategory.MEMBERSHIP: "membership.request",
}


def choose(user, **changes):
    choices = dict.fromkeys(EmailCategory.values, "immediately")
    choices.update(changes)
    email_choices_save(user=user, choices=choices)


def test_every_kind_the_apps_send_maps_to_its_category():
    assert category_for("forum.thread") == "replies"
    assert category_for("ideas.stage") == "ideas"
    assert category_for("mentoring.mentorship") == "placements"
    assert category_for("events.invitation") == "events"
    assert category_for("membership.request") == "membership"


@pytest.mark.parametrize("category", EmailCategory.values)
def test_never_for_one_kind_stops_only_that_kinds_email(
    category, officer, django_capture_on_commit_callbacks
):
    choose(officer, **{category: "never"})
    for other, kind in KINDS.items():
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients=[officer], kind=kind, title=f"About {other}", url="/x/")
        assert len(mail.outbox) == (0 if other == category else 1), other
    # Still listed on the site.
    assert Notification.objects.filter(recipient=officer).count() == len(KINDS)


@pytest.mark.parametrize("category", EmailCategory.values)
def test_daily_for_one_kind_waits_for_the_daily_digest(category, officer):
    choose(officer, **{category: "daily"})
    mail.outbox.clear()
    notify(recipients=[officer], kind=KINDS[category], title="Waits", url="/x/")
    assert mail.outbox == []
    assert send_digests.call(frequency="weekly") == 0
    assert send_digests.call(frequency="daily") == 1
    assert "Waits" in mail.outbox[0].body


@pytest.mark.parametrize("category", EmailCategory.values)
def test_weekly_for_one_kind_waits_for_the_weekly_digest(category, officer):
    choose(officer, **{category: "weekly"})
    notify(recipients=[officer], kind=KINDS[category], title="Weekly", url="/x/")
    assert send_digests.call(frequency="daily") == 0
    assert send_digests.call(frequency="weekly") == 1


def test_one_click_unsubscribe_turns_every_kind_off(officer, django_capture_on_commit_callbacks):
    choose(officer, ideas="daily")
    email_unsubscribe(token=unsubscribe_token(officer))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for kind in KINDS.values():
            notify(recipients=[officer], kind=kind, title="Quiet", url="/x/")
    assert mail.outbox == []
    assert not Notification.objects.filter(digest_pending=True).exists()


def test_the_account_page_saves_each_choice(client_for, officer):
    client = client_for(officer)
    page = client.get("/members/account/").content.decode()
    assert "Replies and mentions" in page and "Ideas I follow" in page
    data = dict.fromkeys(EmailCategory.values, "weekly")
    data["events"] = "never"
    response = client.post("/notifications/email/", data)
    assert response.status_code == 302
    officer.email_preferences.refresh_from_db()
    assert officer.email_preferences.events == "never"
    assert officer.email_preferences.replies == "weekly"


def test_a_made_up_frequency_is_refused(client_for, officer):
    data = dict.fromkeys(EmailCategory.values, "hourly")
    response = client_for(officer).post("/notifications/email/", data)
    assert response.status_code == 400
