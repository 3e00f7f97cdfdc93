"""Delete my account: personal data gone everywhere, contributions and counts kept."""

from importlib import import_module

import pytest
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from wagtail.models import ModelLogEntry

from accounts.services.erase import FORMER_MEMBER, account_erase, is_erased
from accounts.services.export import export_request
from forum.models import Post, Thread
from ideasbank.models import Comment, Idea, Vote
from ideasbank.services.votes import recount_votes
from mentoring.models import Application, Placement
from tests.accounts.data import EMAIL, NAME, build_world
from tests.accounts.scan import tables_holding

User = get_user_model()
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, other_council, council):
    return build_world(settings, other_council, council)


def _counts():
    return {
        "ideas": list(
            Idea.objects.order_by("pk").values_list(
                "pk", "vote_count", "council_count", "comment_count"
            )
        ),
        "votes": Vote.objects.count(),
        "comments": Comment.objects.count(),
        "threads": list(
            Thread.objects.order_by("pk").values_list("pk", "last_number", "visible_count")
        ),
        "posts": Post.objects.count(),
        "placements": Placement.objects.count(),
        "applications": Application.objects.count(),
    }


def test_after_erasure_no_table_holds_the_name_or_email(world):
    SocialAccount.objects.create(
        user=world.zelda,
        provider="microsoft",
        uid="zelda-sub",
        extra_data={"email": EMAIL, "name": NAME},
    )
    export_request(user=world.zelda, requested_by=world.zelda)
    assert tables_holding(NAME, EMAIL), "the scan should find the member before erasure"

    account_erase(user=world.zelda, actor=world.zelda)

    assert tables_holding(NAME, EMAIL) == []


def test_counts_and_contributions_are_unchanged(world):
    before = _counts()
    zelda_votes = list(Vote.objects.filter(user=world.zelda).values_list("pk", "idea_id"))

    account_erase(user=world.zelda, actor=world.zelda)

    assert _counts() == before
    # Votes keep their effect, with no identity left on them.
    for pk, idea_id in zelda_votes:
        vote = Vote.objects.select_related("user").get(pk=pk)
        assert vote.user.name == FORMER_MEMBER
        assert is_erased(vote.user)
        recount_votes(idea_id)
    assert _counts() == before
    zelda = User.objects.get(pk=world.zelda.pk)
    assert Idea.objects.get(pk=world.zelda_idea.pk).author == zelda
    assert zelda.name == FORMER_MEMBER
    assert not zelda.is_active
    assert not zelda.has_usable_password()
    assert zelda.bio == "" and zelda.job_title == "" and not zelda.expertise.exists()
    assert zelda.organisation is None
    assert not zelda.groups.exists()


def test_their_thread_still_renders_attributed_to_a_former_member(world):
    account_erase(user=world.zelda, actor=world.zelda)
    reader = Client()
    reader.force_login(world.olu)
    response = reader.get(world.thread.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert FORMER_MEMBER in page
    assert "Here is how Lambeth began its solar co-operative." in page
    assert NAME not in page
    # Olu's reply that mentioned her by name now mentions a former member.
    assert "Thanks @a former member, we will copy the model." in page
    idea_page = reader.get(world.zelda_idea.get_absolute_url())
    assert idea_page.status_code == 200
    assert FORMER_MEMBER in idea_page.content.decode()


def test_erasure_signs_them_out_everywhere(world):
    laptop, phone = Client(), Client()
    laptop.force_login(world.zelda)
    phone.force_login(world.zelda)
    other = Client()
    other.force_login(world.olu)
    assert Session.objects.count() == 3

    account_erase(user=world.zelda, actor=world.zelda)

    assert Session.objects.count() == 1
    # Gone from the session store itself, cache included under cached_db (Redis).
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for device in (laptop, phone):
        assert store(session_key=device.session.session_key).load() == {}
    for device in (laptop, phone):
        response = device.get("/members/account/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert other.get("/members/account/").status_code == 200


def test_erasure_removes_private_rows_and_sign_in_accounts(world):
    SocialAccount.objects.create(user=world.zelda, provider="microsoft", uid="zelda-sub")
    export_request(user=world.zelda, requested_by=world.zelda)
    account_erase(user=world.zelda, actor=world.zelda)
    zelda = User.objects.get(pk=world.zelda.pk)
    assert not SocialAccount.objects.filter(user=zelda).exists()
    assert not zelda.data_exports.exists()
    assert not zelda.emailaddress_set.exists()
    assert not zelda.notifications.exists()
    # Nobody can sign in to it with the old address.
    assert not Client().login(email=EMAIL, password="a-long-test-password-42")


def test_others_cannot_erase_a_member_but_an_editor_can_on_request(world, editor):
    with pytest.raises(PermissionDenied):
        account_erase(user=world.zelda, actor=world.olu)
    account_erase(user=world.zelda, actor=editor)
    entry = ModelLogEntry.objects.get(action="accounts.erase")
    assert entry.user == editor
    assert entry.label == FORMER_MEMBER
    with pytest.raises(ValidationError):
        account_erase(user=User.objects.get(pk=world.zelda.pk), actor=editor)


def test_a_site_administrator_is_not_erased_this_way(db):
    admin = User.objects.create_superuser(
        email="admin@councils.coop", password="x", name="Ada Admin"
    )
    with pytest.raises(PermissionDenied):
        account_erase(user=admin, actor=admin)
