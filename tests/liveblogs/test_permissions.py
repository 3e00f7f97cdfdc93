"""Every rule in liveblogs/permissions.py, asked for every role and every kind of liveblog.

Reading follows Wagtail's page privacy through cms.privacy: "members only" (a
sign-in restriction) means confirmed members; a group restriction admits that
group (here: council leads); a password admits a session that gave it; an
unpublished liveblog is for network editors. Writing is for network editors.
The page, the polling endpoint and the socket all give the same answer.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from wagtail.models import PageViewRestriction

from liveblogs import permissions, services
from liveblogs.models import Entry, LiveblogPage
from members.permissions import COUNCIL_LEADS
from tests import factories
from tests.liveblogs.conftest import _add

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "pending",
    "officer",
    "other_council",
    "lead",
    "moderator",
    "editor",
    "superuser",
]
RULES = ["public", "members", "group", "password", "unpublished"]

# Who may read a liveblog under each rule.
READERS = {
    "public": set(ROLES),
    "members": {"officer", "other_council", "lead", "moderator", "editor", "superuser"},
    "group": {"lead", "editor", "superuser"},
    "password": {"editor", "superuser"},
    "unpublished": {"editor", "superuser"},
}
WRITERS = {"editor", "superuser"}
# What lists show (index, home page): never a password-protected liveblog,
# except to editors, who may read every live one.
READERS_LISTED = {
    "visitor": {"public"},
    "pending": {"public"},
    "officer": {"public", "members"},
    "other_council": {"public", "members"},
    "lead": {"public", "members", "group"},
    "moderator": {"public", "members"},
    "editor": {"public", "members", "group", "password"},
    "superuser": {"public", "members", "group", "password"},
}


@pytest.fixture
def people(council, other_council):
    return {
        "visitor": AnonymousUser(),
        "pending": factories.pending_member(council),
        "officer": factories.officer(council),
        "other_council": factories.officer(other_council),
        "lead": factories.council_lead(council),
        "moderator": factories.moderator(other_council),
        "editor": factories.network_editor(),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True, organisation=None),
    }


def _liveblog(index, slug):
    return _add(index, LiveblogPage(title=slug, slug=slug, state=LiveblogPage.State.LIVE))


@pytest.fixture
def liveblogs(liveblog_index):
    pages = {rule: _liveblog(liveblog_index, rule) for rule in RULES}
    PageViewRestriction.objects.create(
        page=pages["members"], restriction_type=PageViewRestriction.LOGIN
    )
    group = PageViewRestriction.objects.create(
        page=pages["group"], restriction_type=PageViewRestriction.GROUPS
    )
    group.groups.add(Group.objects.get(name=COUNCIL_LEADS))
    PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD, password="plymouth"
    )
    pages["unpublished"].unpublish()
    return {rule: LiveblogPage.objects.get(pk=page.pk) for rule, page in pages.items()}


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("role", ROLES)
def test_can_view_liveblog(people, liveblogs, role, rule):
    assert permissions.can_view_liveblog(people[role], liveblogs[rule]) is (role in READERS[rule])


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("role", ROLES)
def test_can_edit_liveblog(people, liveblogs, role, rule):
    assert permissions.can_edit_liveblog(people[role], liveblogs[rule]) is (role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_post_service_asks_the_same_rule(people, liveblogs, role):
    person = people[role]
    if role in WRITERS:
        services.entry_post(
            page=liveblogs["public"], author=person, fields=services.EntryFields(body="Hello")
        )
        assert Entry.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied, match=permissions.EDIT_REFUSAL):
            services.entry_post(
                page=liveblogs["public"], author=person, fields=services.EntryFields(body="Hi")
            )
        assert not Entry.objects.exists()


def test_a_session_that_gave_the_password_may_read(liveblogs):
    page = liveblogs["password"]
    restriction = PageViewRestriction.objects.get(page=page)
    session = {PageViewRestriction.passed_view_restrictions_session_key: [restriction.pk]}
    assert permissions.can_view_liveblog(AnonymousUser(), page, session)
    assert not permissions.can_view_liveblog(AnonymousUser(), page, {})


def test_a_restriction_on_the_index_covers_its_liveblogs(people, liveblog_index, liveblogs):
    PageViewRestriction.objects.create(
        page=liveblog_index, restriction_type=PageViewRestriction.LOGIN
    )
    page = LiveblogPage.objects.get(pk=liveblogs["public"].pk)
    assert not permissions.can_view_liveblog(people["visitor"], page)
    assert not permissions.can_view_liveblog(people["pending"], page)
    assert permissions.can_view_liveblog(people["officer"], page)


@pytest.mark.parametrize("rule", RULES)
def test_only_a_published_unrestricted_liveblog_is_public(liveblogs, rule):
    assert permissions.is_public_liveblog(liveblogs[rule]) is (rule == "public")


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_what_each_role_may_list(people, liveblogs, role):
    listed = {
        page.slug
        for page in permissions.liveblogs_visible_to(people[role], LiveblogPage.objects.all())
    }
    assert listed == READERS_LISTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_polling_follows_the_same_rule_as_the_page(client_for, people, liveblogs, role):
    """The polling endpoint answers exactly those who may read (for a members-only liveblog)."""
    user = people[role]
    client = client_for(None if role == "visitor" else user)
    response = client.get(f"{liveblogs['members'].url}updates/", HTTP_ACCEPT="application/json")
    assert (response.status_code == 200) is (role in READERS["members"])
