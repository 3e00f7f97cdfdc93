"""Odd numbers and characters in requests get a clear 400 or 404, never a 500."""

import pytest
from django.urls import reverse

from forum.models import Post
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db

NOT_SMALL_INTEGERS = ["²", "١٢", "9" * 30, "9" * 5000, "-1", " 2", "1e3", "0x10"]


@pytest.fixture
def t(public_category, officer, other_officer):
    t = thread(public_category, officer)
    reply(t, other_officer, body="An answer")
    return t


@pytest.mark.parametrize("value", NOT_SMALL_INTEGERS)
def test_quote_that_is_not_a_post_number_is_not_found(value, client_for, t, officer):
    response = client_for(officer).get(reverse("forum:reply", args=[t.pk]), {"quote": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", NOT_SMALL_INTEGERS)
def test_new_posts_after_something_that_is_not_a_number_is_bad_input(value, client_for, t, officer):
    response = client_for(officer).get(reverse("forum:posts_after", args=[t.pk]), {"after": value})
    assert response.status_code == 400


@pytest.mark.parametrize("value", NOT_SMALL_INTEGERS)
def test_answer_that_is_not_a_post_number_is_bad_input_and_changes_nothing(
    value, client_for, t, officer
):
    answer = t.posts.get(number=2)
    client = client_for(officer)
    client.post(reverse("forum:thread_answer", args=[t.pk]), {"post": answer.pk})
    response = client.post(reverse("forum:thread_answer", args=[t.pk]), {"post": value})
    assert response.status_code == 400
    t.refresh_from_db()
    assert t.answer_id == answer.pk


@pytest.mark.parametrize("value", [*NOT_SMALL_INTEGERS, "0", "999999999", "abc", "last"])
def test_any_page_of_a_thread_or_category_opens(value, client_for, t, officer, public_category):
    client = client_for(officer)
    assert client.get(t.get_absolute_url(), {"page": value}).status_code == 200
    assert client.get(public_category.get_absolute_url(), {"page": value}).status_code == 200
    assert client.get(reverse("forum:moderation_log"), {"page": value}).status_code in (302, 403)


@pytest.mark.parametrize(
    "url", ["/discussions/t/{}/reply/", "/discussions/p/{}/", "/discussions/t/{}/x/"]
)
def test_ids_in_addresses_too_large_for_the_database_are_not_found(url, client_for, officer):
    for value in ("9" * 30, "9" * 5000):
        assert client_for(officer).get(url.format(value)).status_code == 404


def test_nul_in_a_search_is_ignored(client_for, t, officer):
    for client in (client_for(None), client_for(officer)):
        response = client.get(reverse("forum:search"), {"q": "Open\x00ing"})
        assert response.status_code == 200
        assert "How did you set up" in response.content.decode()


@pytest.mark.parametrize("field", ["body", "title"])
def test_nul_in_a_new_thread_gets_a_clear_message(field, client_for, public_category, officer):
    data = {"title": "Heat networks", "body": "Who has one?"}
    data[field] = data[field].replace(" ", "\x00", 1)
    response = client_for(officer).post(
        reverse("forum:thread_create", args=[public_category.slug]), data
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_nul_in_a_reply_or_an_edit_gets_a_clear_message_and_changes_nothing(
    client_for, t, other_officer
):
    client = client_for(other_officer)
    response = client.post(reverse("forum:reply", args=[t.pk]), {"body": "Null\x00byte"})
    assert response.status_code == 400 and "control characters" in response.content.decode()
    mine = t.posts.get(number=2)
    response = client.post(reverse("forum:post_edit", args=[mine.pk]), {"body": "Null\x00byte"})
    assert response.status_code == 400 and "control characters" in response.content.decode()
    assert Post.objects.filter(body__contains="Null").count() == 0


def test_nul_in_a_report_gets_a_clear_message(client_for, t, officer):
    post = t.posts.get(number=2)
    response = client_for(officer).post(
        reverse("forum:post_report", args=[post.pk]), {"reason": "Rude\x00"}
    )
    assert response.status_code == 400 and "control characters" in response.content.decode()
    assert not post.reports.exists()
