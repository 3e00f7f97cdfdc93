"""The ideas list for signed-in readers: one shared page, with each reader's own parts filled in."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from ideasbank import services
from ideasbank.models import Vote
from members.permissions import COUNCIL_LEADS
from notifications.services import notify

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")


def tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def unread(html):
    return re.search(r'id="notification-count"[^>]*>(\d+)<', html).group(1)


def test_the_second_member_is_served_the_shared_page_with_their_own_parts(
    client_for, idea, officer, other_officer
):
    services.idea_vote_toggle(idea=idea, user=other_officer)
    notify(recipients=[officer], kind="t", title="One for the first officer")
    first, second = client_for(officer), client_for(other_officer)
    mine = first.get(LIST)
    theirs = second.get(LIST)
    # Nothing was rendered for the second reader: the page came from the cache.
    assert not theirs.templates
    mine, theirs = mine.content.decode(), theirs.content.decode()
    assert "Upvote" in mine and "Remove my vote" not in mine
    assert "Remove my vote" in theirs and 'aria-pressed="true"' in theirs
    assert unread(mine) == "1" and unread(theirs) == "0"
    assert tokens(mine) and tokens(theirs) and not tokens(mine) & tokens(theirs)
    assert "\x00" not in mine + theirs


def test_the_csrf_token_on_a_shared_page_is_the_readers_own(client_for, idea, other_officer):
    client_for(other_officer).get(LIST)  # someone renders the shared page first
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(other_officer)
    html = reader.get(LIST, {"sort": "top"}).content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    response = reader.post(
        reverse("ideasbank:vote", args=[idea.pk]),
        {"voted": "1", "next": f"{LIST}?sort=top"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302
    assert Vote.objects.filter(idea=idea, user=other_officer).exists()


def test_only_readers_who_review_members_see_the_requests_link_on_a_shared_page(
    client_for, idea, lead, officer
):
    link = reverse("members:requests")
    assert link in client_for(lead).get(LIST).content.decode()
    assert link not in client_for(officer).get(LIST).content.decode()
    assert link in client_for(lead).get(LIST).content.decode()


def test_a_new_role_shows_on_the_next_page(client_for, idea, officer):
    reader = client_for(officer)
    link = reverse("members:requests")
    assert link not in reader.get(LIST).content.decode()
    officer.groups.add(Group.objects.get(name=COUNCIL_LEADS))
    assert link in reader.get(LIST).content.decode()
    officer.groups.clear()
    assert link not in reader.get(LIST).content.decode()


def test_a_new_notification_shows_in_the_count_on_the_next_page(client_for, idea, officer):
    reader = client_for(officer)
    assert unread(reader.get(LIST).content.decode()) == "0"
    notify(recipients=[officer], kind="t", title="Something")
    assert unread(reader.get(LIST).content.decode()) == "1"


def test_a_message_waiting_is_shown_once(client_for, idea, other_officer):
    reader = client_for(other_officer)
    reader.get(LIST)
    response = reader.post(reverse("ideasbank:vote", args=[idea.pk]), {"next": LIST})
    assert response.status_code == 302
    assert "Your vote has been counted." in reader.get(LIST).content.decode()
    assert "Your vote has been counted." not in reader.get(LIST).content.decode()


def test_a_pending_member_is_told_who_can_vote_and_gets_no_vote_form(client_for, idea, pending):
    html = client_for(pending).get(LIST).content.decode()
    assert "Confirmed members can vote." in html
    assert f"/ideas/{idea.pk}/vote/" not in html
    # Their own token, for signing out.
    assert len(tokens(html)) == 1 and "\x00" not in html


def test_personal_lists_are_not_shared(client_for, make_idea, officer, other_officer):
    mine = make_idea(officer, title="First officers own idea about libraries")
    make_idea(other_officer, title="Another officers idea about parks")
    html = client_for(officer).get(LIST, {"mine": "on"}).content.decode()
    assert mine.title in html and "about parks" not in html
    html = client_for(other_officer).get(LIST, {"mine": "on"}).content.decode()
    assert mine.title not in html and "about parks" in html


@pytest.mark.parametrize("size", [2, 40])
def test_a_members_list_page_costs_one_query_once_cached_at_any_size(
    size, client_for, make_idea, officer, other_officer, django_assert_max_num_queries
):
    for n in range(size):
        make_idea(officer, title=f"Idea number {n} about co-operative energy")
        notify(recipients=[other_officer], kind="t", title=f"Notice {n}")
    reader = client_for(other_officer)
    reader.get(LIST)
    # The reader's own row; session, roles, votes, unread count and page are cached.
    with django_assert_max_num_queries(1):
        html = reader.get(LIST).content.decode()
    assert unread(html) == str(size)


def test_a_member_whose_filters_match_nothing_is_told_so(client_for, idea, officer):
    html = client_for(officer).get(LIST, {"q": "zzzz-nothing-matches"}).content.decode()
    assert "No ideas match." in html and "\x00" not in html
