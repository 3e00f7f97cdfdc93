"""The signed-in person's row comes from the cache; a change to it counts on the next request."""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core import auth
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")


def signed_in(client) -> bool:
    return "Sign out" in client.get(LIST).content.decode()


def test_the_next_request_loads_the_member_without_a_query(
    client_for, officer, django_assert_num_queries
):
    reader = client_for(officer)
    reader.get(LIST)
    with django_assert_num_queries(0):
        assert "Sign out" in reader.get(LIST).content.decode()


def test_a_member_made_inactive_is_signed_out_at_once(client_for, officer):
    reader = client_for(officer)
    assert signed_in(reader)
    officer.is_active = False
    officer.save()
    assert not signed_in(reader)


def test_a_deleted_member_is_signed_out_at_once(client_for, officer):
    reader = client_for(officer)
    assert signed_in(reader)
    officer.delete()
    assert not signed_in(reader)


def test_a_member_removed_from_their_council_loses_member_pages_at_once(client_for, officer):
    reader = client_for(officer)
    assert reader.get(LIST).wsgi_request.user.is_member
    officer.status = officer.Status.REFUSED
    officer.organisation = None
    officer.save()
    request_user = reader.get(LIST).wsgi_request.user
    assert request_user.organisation_id is None
    assert not request_user.is_member


def test_a_password_change_signs_out_the_other_sessions_but_not_this_one(officer):
    laptop, phone = Client(), Client()
    laptop.force_login(officer)
    phone.force_login(officer)
    assert signed_in(laptop) and signed_in(phone)
    officer.set_password("a new long passphrase 2026")
    officer.save()
    # The session that changed it keeps its place, as Django's password views do.
    session = laptop.session
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.save()
    assert signed_in(laptop)
    assert not signed_in(phone)


def test_a_session_whose_hash_does_not_match_is_flushed(client_for, officer):
    reader = client_for(officer)
    assert signed_in(reader)
    session = reader.session
    session[HASH_SESSION_KEY] = "not-the-hash"
    session.save()
    assert not signed_in(reader)
    assert HASH_SESSION_KEY not in reader.session


def test_a_row_read_before_a_change_is_never_used(officer, django_capture_on_commit_callbacks):
    assert auth.cached_user(officer.pk).is_active
    stamp = cache.get(auth._stamp_key(officer.pk))
    stale = auth.cached_user(officer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        officer.is_active = False
        officer.save()
    # A request that read the old stamp stores its old row only now.
    cache.set(auth._row_key(officer.pk), (stamp, stale))
    assert not auth.cached_user(officer.pk).is_active


def test_each_request_gets_its_own_user_object(officer):
    first, second = auth.cached_user(officer.pk), auth.cached_user(officer.pk)
    assert first == second and first is not second
    first.name = "Changed in one request only"
    assert auth.cached_user(officer.pk).name != first.name


def test_a_member_of_another_council_is_never_served_someone_elses_row(officer, other_council):
    someone = factories.officer(other_council, name="Someone Else")
    assert auth.cached_user(officer.pk).pk == officer.pk
    assert auth.cached_user(someone.pk).pk == someone.pk
    assert auth.cached_user(10**9) is None


def test_a_row_rewritten_without_save_is_read_again(officer, other_officer):
    from accounts.services.scrub import scrub_everywhere

    other_officer.bio = "Worked with Olu Officer on energy."
    other_officer.save()
    assert "Olu Officer" in auth.cached_user(other_officer.pk).bio
    scrub_everywhere(
        names={"Olu Officer"}, emails=set(), name_as="a former member", email_as="gone@invalid"
    )
    assert "Olu Officer" not in auth.cached_user(other_officer.pk).bio
