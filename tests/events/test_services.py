"""Registration as a service: places, the waiting list served in order, offers that lapse,
double submits, registration windows and invitation-only events."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Registration
from tests import factories
from tests.cms.helpers import make_event

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def members(council):
    return [factories.officer(council, name=f"Member {i:02d}") for i in range(8)]


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """sent(fn) runs a service call and its on-commit emails, as a real request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _states(event):
    return list(
        Registration.objects.filter(event=event)
        .order_by("joined_at", "pk")
        .values_list("user__name", "state")
    )


def _register_all(event, people):
    return [services.event_register(event=event, user=person) for person in people]


def test_members_take_places_until_the_event_is_full_then_wait(members):
    event = make_event(capacity=3)
    results = _register_all(event, members[:5])
    assert [r.registration.state for r in results] == [State.REGISTERED] * 3 + [State.WAITING] * 2
    assert services.places_left(event) == 0
    assert [services.waiting_position(r.registration) for r in results[3:]] == [1, 2]


def test_an_event_with_no_limit_never_fills(members):
    event = make_event(capacity=None)
    assert {r.registration.state for r in _register_all(event, members)} == {State.REGISTERED}
    assert services.places_left(event) is None


def test_a_double_submit_registers_once_and_says_so(members, sent):
    event = make_event(capacity=3)
    first = sent(services.event_register, event=event, user=members[0])
    second = sent(services.event_register, event=event, user=members[0])
    assert first.changed and not second.changed
    assert second.message == "You were already registered for this event; nothing changed."
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 1


def test_cancelling_offers_the_place_to_the_first_person_waiting_by_email(members, sent):
    event = make_event(capacity=2)
    _register_all(event, members[:5])
    mail.outbox.clear()
    sent(services.event_cancel, event=event, user=members[0])
    assert _states(event) == [
        ("Member 00", State.CANCELLED),
        ("Member 01", State.REGISTERED),
        ("Member 02", State.OFFERED),
        ("Member 03", State.WAITING),
        ("Member 04", State.WAITING),
    ]
    offer = Registration.objects.get(user=members[2])
    assert offer.offer_expires_at == pytest.approx(
        offer.offered_at + timedelta(hours=48), abs=timedelta(seconds=1)
    )
    assert [m.to for m in mail.outbox] == [[members[2].email]]
    assert "accept it by" in mail.outbox[0].subject


def test_cancellations_offer_places_in_waiting_list_order(members):
    event = make_event(capacity=3)
    _register_all(event, members[:8])
    for person in members[:3]:
        services.event_cancel(event=event, user=person)
    offered = Registration.objects.filter(event=event, state=State.OFFERED).order_by(
        "offered_at", "pk"
    )
    assert [r.user for r in offered] == members[3:6]
    waiting = Registration.objects.filter(event=event).waiting_in_order()
    assert [r.user for r in waiting] == members[6:8]


def test_an_offer_accepted_in_time_becomes_a_place_with_a_confirmation(members, sent):
    event = make_event(capacity=1)
    _register_all(event, members[:2])
    services.event_cancel(event=event, user=members[0])
    mail.outbox.clear()
    registration = sent(services.offer_accept, event=event, user=members[1])
    assert registration.state == State.REGISTERED
    assert mail.outbox[0].subject.startswith("[CCIN] You have a place")
    # A second click on Accept changes nothing.
    assert services.offer_accept(event=event, user=members[1]).state == State.REGISTERED


def test_declining_an_offer_passes_it_to_the_next_person(members):
    event = make_event(capacity=1)
    _register_all(event, members[:3])
    services.event_cancel(event=event, user=members[0])
    services.offer_decline(event=event, user=members[1])
    assert Registration.objects.get(user=members[2]).state == State.OFFERED


def test_an_offer_not_taken_in_time_passes_to_the_next_person(members, sent):
    event = make_event(capacity=1)
    _register_all(event, members[:3])
    services.event_cancel(event=event, user=members[0])
    Registration.objects.filter(user=members[1]).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="lapsed"):
        services.offer_accept(event=event, user=members[1])
    mail.outbox.clear()

    sent(call_command, "expire_event_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Registration.objects.get(user=members[1]).state == State.LAPSED
    assert Registration.objects.get(user=members[2]).state == State.OFFERED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([members[1].email, members[2].email])


def test_expiring_offers_twice_changes_nothing_the_second_time(members):
    event = make_event(capacity=1)
    _register_all(event, members[:3])
    services.event_cancel(event=event, user=members[0])
    Registration.objects.filter(user=members[1]).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.offers_expire() == 1
    snapshot = _states(event)
    assert services.offers_expire() == 0
    assert _states(event) == snapshot


def test_an_offer_never_outlasts_the_start_of_the_event(members, settings):
    settings.EVENTS_OFFER_HOURS = 48
    event = make_event(capacity=1, days=1)
    _register_all(event, members[:2])
    services.event_cancel(event=event, user=members[0])
    assert Registration.objects.get(user=members[1]).offer_expires_at == event.start


def test_places_an_editor_adds_go_to_those_waiting(members):
    event = make_event(capacity=1)
    _register_all(event, members[:3])
    event.capacity = 3
    event.save_revision().publish()
    services.event_places_changed(event=event)
    assert [s for _, s in _states(event)] == [State.REGISTERED, State.OFFERED, State.OFFERED]


def test_a_newcomer_does_not_jump_the_queue_when_a_place_is_free(members):
    event = make_event(capacity=1)
    _register_all(event, members[:2])
    # A place freed while nothing offered it (say, an editor deleted a registration).
    Registration.objects.filter(user=members[0]).update(state=State.CANCELLED)
    result = services.event_register(event=event, user=members[2])
    assert Registration.objects.get(user=members[1]).state == State.OFFERED
    assert result.registration.state == State.WAITING


def test_rejoining_after_cancelling_goes_to_the_back_of_the_queue(members):
    event = make_event(capacity=1)
    _register_all(event, members[:3])
    services.event_cancel(event=event, user=members[1])
    services.event_register(event=event, user=members[1])
    waiting = Registration.objects.filter(event=event).waiting_in_order()
    assert [r.user for r in waiting] == [members[2], members[1]]


def test_cancelling_twice_is_harmless(members):
    event = make_event(capacity=2)
    services.event_register(event=event, user=members[0])
    assert services.event_cancel(event=event, user=members[0]) is not None
    assert services.event_cancel(event=event, user=members[0]) is None


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"registration": "none"}, "does not take registrations"),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, "has closed"),
        ({"registration_opens": timezone.now() + timedelta(days=2)}, "Registration opens on"),
        ({"days": -1, "hours": 30}, "has started"),
    ],
)
def test_registration_outside_its_window_is_refused(fields, reason, members):
    event = make_event(capacity=5, **fields)
    with pytest.raises(ValidationError, match=reason):
        services.event_register(event=event, user=members[0])
    assert not Registration.objects.exists()


def test_pending_members_and_visitors_cannot_register(pending):
    from django.contrib.auth.models import AnonymousUser

    event = make_event(capacity=5)
    for person in (pending, AnonymousUser()):
        with pytest.raises(PermissionDenied, match="confirmed members"):
            services.event_register(event=event, user=person)


def test_only_invitees_register_for_an_invitation_only_event(
    council, other_council, editor, officer, other_officer
):
    event = make_event("Roundtable", registration="invitation", capacity=10)
    colleague = factories.officer(council, name="Colleague")
    with pytest.raises(PermissionDenied, match="invitation only"):
        services.event_register(event=event, user=officer)

    services.invitation_create(event=event, actor=editor, organisation=council)
    services.invitation_create(event=event, actor=editor, user=other_officer)

    assert services.event_register(event=event, user=officer).changed
    assert services.event_register(event=event, user=colleague).changed
    assert services.event_register(event=event, user=other_officer).changed
    stranger = factories.officer(factories.OrganisationFactory(), name="Stranger")
    with pytest.raises(PermissionDenied, match="invitation only"):
        services.event_register(event=event, user=stranger)


def test_invitations_notify_the_invitees_once(council, editor, officer, lead):
    event = make_event("Roundtable", registration="invitation", host_council=council)
    services.invitation_create(event=event, actor=lead, user=officer)
    services.invitation_create(event=event, actor=lead, user=officer)
    assert officer.notifications.filter(kind="events.invitation").count() == 1


def test_the_host_lead_invites_but_a_lead_of_another_council_cannot(
    council, lead, other_lead, officer
):
    event = make_event("Roundtable", registration="invitation", host_council=council)
    assert services.invitation_create(event=event, actor=lead, user=officer)
    with pytest.raises(PermissionDenied):
        services.invitation_create(event=event, actor=other_lead, user=officer)


def test_only_confirmed_members_can_be_invited(council, lead, pending):
    event = make_event("Roundtable", registration="invitation", host_council=council)
    with pytest.raises(ValidationError):
        services.invitation_create(event=event, actor=lead, user=pending)


def test_registrations_are_written_to_the_audit_log(members):
    from wagtail.models import ModelLogEntry

    event = make_event(capacity=1)
    _register_all(event, members[:2])
    services.event_cancel(event=event, user=members[0])
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["events.registered", "events.waiting", "events.cancel"]


def test_reminders_go_once_with_the_calendar_file(members, sent):
    event = make_event(capacity=5, days=1)
    _register_all(event, members[:2])
    services.event_cancel(event=event, user=members[1])
    far = make_event("Later", capacity=5, days=20)
    services.event_register(event=far, user=members[0])
    mail.outbox.clear()

    sent(call_command, "send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent(call_command, "send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [members[0].email]
    assert message.subject.startswith("[CCIN] Reminder:")
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert message.alternatives[0][1] == "text/html"
