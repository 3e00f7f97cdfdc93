"""'Similar ideas' while writing uses the site search's ranking: stemmed, any word, visible only."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from ideasbank.search import similar_ideas
from members.models import User

pytestmark = pytest.mark.django_db

ROOFTOP = {"Tenants as shareholders in rooftop solar", "Solar panels owned by council tenants"}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    return User.objects.get(email="officer@sunderland.gov.uk")


def test_writing_about_school_roofs_finds_both_rooftop_solar_ideas(demo):
    found = [
        idea.title for idea in similar_ideas(demo, "Community energy co-operatives on school roofs")
    ]
    assert ROOFTOP <= set(found), found


def test_plural_and_singular_match(demo):
    found = [idea.title for idea in similar_ideas(demo, "A homework club")]
    assert found[0] == "Homework clubs inside breakfast and after-school care"


def test_members_only_ideas_stay_hidden_from_visitors(demo):
    members_only = "Service users on every co-operative commissioning panel"
    assert members_only in [i.title for i in similar_ideas(demo, "commissioning panels")]
    assert members_only not in [
        i.title for i in similar_ideas(AnonymousUser(), "commissioning panels")
    ]


def test_common_words_alone_find_nothing(demo):
    assert similar_ideas(demo, "A council idea") == []
    assert similar_ideas(demo, "") == []


def test_the_htmx_fragment_and_the_no_javascript_check_show_them(demo, client):
    client.force_login(demo)
    title = "Community energy co-operatives on school roofs"
    fragment = client.get(reverse("ideasbank:similar"), {"title": title}).content.decode()
    page = client.post(
        reverse("ideasbank:create"),
        {"title": title, "summary": "S", "visibility": "public", "check": "1"},
    ).content.decode()
    for html in (fragment, page):
        for expected in ROOFTOP:
            assert expected in html


def test_the_idea_being_edited_is_not_similar_to_itself(demo, client):
    client.force_login(demo)
    idea = similar_ideas(demo, "rooftop solar")[0]
    fragment = client.get(
        reverse("ideasbank:similar"), {"title": idea.title, "exclude": str(idea.pk)}
    ).content.decode()
    assert f'href="{idea.get_absolute_url()}"' not in fragment
