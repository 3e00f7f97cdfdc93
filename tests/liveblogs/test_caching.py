"""An ended public liveblog is cacheable for visitors; members' and signed-in pages stay private."""

import pytest
from django.utils.cache import has_vary_header

from liveblogs.models import LiveblogPage
from liveblogs.services import EntryFields, entry_post, entry_update

pytestmark = pytest.mark.django_db


def end(page):
    page.state = LiveblogPage.State.ENDED
    page.save_revision().publish()
    return page


@pytest.fixture
def ended(liveblog, editor):
    entry_post(page=liveblog, author=editor, fields=EntryFields(body="Closing remarks."))
    return end(liveblog)


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_a_visitor_gets_validators_and_a_public_cache_control(client, ended):
    response = client.get(ended.url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert {"public", "max-age=300"} <= cache_control(response)
    assert "Closing remarks." in response.content.decode()


def test_a_visitors_page_carries_no_csrf_token_and_sets_no_cookie(client, ended):
    response = client.get(ended.url)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert "csrftoken" not in response.cookies
    assert not response.cookies


def test_a_conditional_get_answers_304(client, ended):
    first = client.get(ended.url)
    again = client.get(ended.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(ended.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_an_edit_after_the_end_changes_the_validator(client, ended, editor):
    etag = client.get(ended.url)["ETag"]
    entry = ended.entries.get()
    entry_update(entry=entry, editor=editor, fields=EntryFields(body="Corrected remarks."))
    response = client.get(ended.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "Corrected remarks." in response.content.decode()


def test_the_key_moments_view_has_its_own_validator(client, ended):
    assert client.get(ended.url)["ETag"] != client.get(ended.url, {"key": "1"})["ETag"]


def test_a_visitors_page_varies_on_cookie(client, ended):
    assert has_vary_header(client.get(ended.url), "Cookie")


def test_a_signed_in_reader_gets_a_private_page_without_validators(client_for, ended, officer):
    response = client_for(officer).get(ended.url)
    assert response.status_code == 200
    assert "private" in cache_control(response) and "public" not in cache_control(response)
    assert "ETag" not in response
    assert client_for(officer).get(ended.url, HTTP_IF_NONE_MATCH='"x"').status_code == 200


def test_a_members_only_liveblog_is_never_cached_publicly(client_for, members_liveblog, officer):
    end(members_liveblog)
    response = client_for(officer).get(members_liveblog.url)
    assert response.status_code == 200
    assert "private" in cache_control(response) and "public" not in cache_control(response)
    assert "ETag" not in response and "Last-Modified" not in response


def test_a_live_liveblog_has_no_validators(client, liveblog):
    response = client.get(liveblog.url)
    assert response.status_code == 200
    assert "ETag" not in response and "public" not in cache_control(response)


def test_the_304_is_refused_to_a_visitor_of_a_members_only_liveblog(client, members_liveblog):
    end(members_liveblog)
    response = client.get(members_liveblog.url, HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 302  # sent to sign in, never a 304
