"""The ideas list: cached card bodies, with each reader's own vote form rendered per request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from ideasbank import services
from ideasbank.models import Vote

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")


def vote_form(html, idea):
    match = re.search(rf'<form[^>]*action="/ideas/{idea.pk}/vote/".*?</form>', html, re.S)
    assert match, "no vote form"
    return match.group(0)


def test_each_member_sees_their_own_vote_on_a_cached_card(client_for, idea, officer, other_officer):
    voter, other = client_for(other_officer), client_for(officer)
    voter.get(LIST), other.get(LIST)  # the card body is now cached
    # Inside a test transaction the list version is not bumped, so the cards
    # below come from the cache; the vote state still comes from the request.
    services.idea_vote_toggle(idea=idea, user=other_officer)
    mine = vote_form(voter.get(LIST).content.decode(), idea)
    assert "Remove my vote" in mine and 'aria-pressed="true"' in mine
    theirs = vote_form(other.get(LIST).content.decode(), idea)
    assert "Upvote" in theirs and 'aria-pressed="false"' in theirs


def test_vote_form_on_the_list_carries_this_readers_csrf_token(client_for, idea, other_officer):
    client_for(other_officer).get(LIST)  # someone else's request renders the card first
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(other_officer)
    form = vote_form(reader.get(LIST, {"sort": "top"}).content.decode(), idea)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', form).group(1)
    assert next_url == f"{LIST}?sort=top"
    response = reader.post(
        reverse("ideasbank:vote", args=[idea.pk]),
        {"csrfmiddlewaretoken": token, "voted": "1", "next": next_url},
    )
    assert response.status_code == 302 and response["Location"] == f"{LIST}?sort=top"
    assert Vote.objects.filter(idea=idea, user=other_officer).exists()


def test_visitors_cached_page_has_no_csrf_token_or_vote_form(client_for, idea):
    html = client_for(None).get(LIST).content.decode()
    assert "csrfmiddlewaretoken" not in html and "Sign in to vote" in html
    assert "X-CSRFToken" not in html


def test_closed_ideas_card_says_voting_closed(client_for, idea, editor, other_officer):
    services.idea_stage_change(
        idea=idea, actor=editor, stage="closed", note="Closed.", closed_reason="withdrawn"
    )
    html = client_for(other_officer).get(LIST).content.decode()
    assert "Voting closed" in html and f"/ideas/{idea.pk}/vote/" not in html
