"""Text a person types: control characters such as NUL get a clear message or are stripped.

PostgreSQL refuses NUL in text, so a NUL that reached a query or a row would be
a 500 there; these run on SQLite too and check that none gets that far.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ideasbank import services
from ideasbank.models import Comment, Idea

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")


@pytest.mark.parametrize("field", ["title", "summary", "body"])
def test_service_refuses_control_characters_in_an_idea(officer, field):
    data = {"title": "Good title", "summary": "Good summary", "body": "Body", field: "Bad\x00one"}
    with pytest.raises(ValidationError) as error:
        services.idea_create(author=officer, **data)
    assert "control characters" in " ".join(error.value.message_dict[field])
    assert not Idea.objects.exists()


def test_service_refuses_control_characters_in_a_comment(idea, officer):
    with pytest.raises(ValidationError) as error:
        services.comment_create(idea=idea, author=officer, body="Hello\x00there")
    assert "body" in error.value.message_dict
    assert not Comment.objects.exists()


def test_nul_in_the_title_gets_a_clear_message(client_for, officer):
    response = client_for(officer).post(
        reverse("ideasbank:create"),
        {"title": "Solar\x00 for tenants", "summary": "S", "visibility": "public", "post": "1"},
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert not Idea.objects.exists()


def test_nul_in_a_comment_gets_a_clear_message(client_for, idea, officer):
    response = client_for(officer).post(
        reverse("ideasbank:comment", args=[idea.pk]), {"body": "Hi\x00"}
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_nul_in_theme_suggestions_is_stripped(client_for, idea):
    response = client_for(None).get(reverse("ideasbank:themes"), {"q": "com\x00m"})
    assert response.status_code == 200
    assert response.json() == {"themes": ["community energy"]}


def test_nul_in_similar_ideas_is_stripped(client_for, idea, other_officer):
    response = client_for(other_officer).get(
        reverse("ideasbank:similar"), {"title": "tenants\x00 energy"}
    )
    assert response.status_code == 200
    assert idea.title in response.content.decode()


def test_nul_in_the_search_box_is_stripped(client_for, make_idea, officer):
    alpha = make_idea(officer, title="Alpha energy idea")
    bravo = make_idea(officer, title="Bravo housing idea")
    response = client_for(None).get(LIST, {"q": "alp\x00ha"})
    html = response.content.decode()
    assert response.status_code == 200
    assert alpha.title in html and bravo.title not in html


def test_nul_in_a_filter_value_is_ignored(client_for, idea):
    response = client_for(None).get(LIST, {"theme": "comm\x00", "council": "\x00", "sort": "\x00"})
    assert response.status_code == 200
    assert idea.title in response.content.decode()


def test_a_theme_with_spaces_stays_one_theme(client_for, officer):
    client_for(officer).post(
        reverse("ideasbank:create"),
        {
            "title": "Energy",
            "summary": "S",
            "themes": "co-operative energy, social value",
            "visibility": "public",
        },
    )
    idea = Idea.objects.get()
    assert sorted(t.name for t in idea.themes.all()) == ["co-operative energy", "social value"]


def test_the_themes_field_offers_suggestions_from_the_ideas_bank(client_for, officer):
    html = client_for(officer).get(reverse("ideasbank:create")).content.decode()
    assert f'data-theme-url="{reverse("ideasbank:themes")}"' in html
    assert 'list="theme-suggestions"' in html
