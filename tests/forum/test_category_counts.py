"""Category counts on the discussions index match the threads the reader can open."""

import html
import re

import pytest
from django.urls import reverse

from forum.services.moderation import thread_move, thread_set_hidden
from tests.forum.factories import thread

pytestmark = pytest.mark.django_db


def _shown_counts(client):
    body = html.unescape(client.get(reverse("forum:index")).content.decode())
    return dict(
        re.findall(
            r'<h3><a href="[^"]+">([^<]+)</a></h3>.*?<p class="meta">(\d+) discussion', body, re.S
        )
    )


def test_category_counts_leave_out_hidden_threads_for_readers_who_cannot_see_them(
    client_for, public_category, members_category, officer, other_officer, moderator
):
    thread(public_category, officer, title="Kept")
    spam = thread(public_category, officer, title="Spam")
    thread_set_hidden(thread=spam, moderator=moderator, hidden=True)
    assert _shown_counts(client_for(None)) == {"Community energy": "1"}
    assert _shown_counts(client_for(other_officer))["Community energy"] == "1"
    # Moderators open hidden threads, so they count them.
    assert _shown_counts(client_for(moderator))["Community energy"] == "2"
    # Moving the hidden thread takes it out of one count and into the other.
    thread_move(thread=spam, moderator=moderator, category=members_category)
    assert _shown_counts(client_for(other_officer)) == {
        "Community energy": "1",
        "Officers' lounge": "0",
    }
    assert _shown_counts(client_for(moderator))["Officers' lounge"] == "1"
    thread_set_hidden(thread=spam, moderator=moderator, hidden=False)
    assert _shown_counts(client_for(other_officer))["Officers' lounge"] == "1"
