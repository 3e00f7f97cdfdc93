"""Refusals, limits and bad input on a liveblog answer as everywhere else on the site.

The composer's fetch requests ask for JSON and get `{"error", "errors"}` with
403, 400 or 429 from core.errors; plain-form posts get the site's 403 page (a
visitor opening a page is sent to sign in) or the liveblog page again with the
form's errors (400) or the limit (429). Bad sequence numbers are a clear 400.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from liveblogs.models import Change, Entry
from liveblogs.services import EntryFields, entry_post

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
REFUSAL = "Only network editors write liveblog entries."


def post(page, editor, body="The host council opens the meeting."):
    return entry_post(page=page, author=editor, fields=EntryFields(body=body))


def template_names(response) -> list[str]:
    return [t.name for t in response.templates]


# --- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["create", "edit", "flags", "delete"])
def test_composer_refusal_is_json_with_the_reason(client_for, liveblog, editor, officer, action):
    entry = post(liveblog, editor)
    url = {
        "create": f"{liveblog.url}entries/",
        "edit": f"{liveblog.url}entries/{entry.pk}/edit/",
        "flags": f"{liveblog.url}entries/{entry.pk}/flags/",
        "delete": f"{liveblog.url}entries/{entry.pk}/delete/",
    }[action]
    response = client_for(officer).post(url, {"body": "Sneaky", "pinned": "1"}, **JSON)
    assert response.status_code == 403
    assert response.json() == {"error": REFUSAL, "errors": {"__all__": [REFUSAL]}}
    assert Change.objects.count() == 1


def test_plain_form_refusal_is_the_site_403_page(client_for, liveblog, officer):
    response = client_for(officer).post(f"{liveblog.url}entries/", {"body": "Sneaky"})
    assert response.status_code == 403
    assert template_names(response)[0] == "403.html"
    assert REFUSAL in response.content.decode()
    assert not Entry.objects.exists()


def test_a_visitor_opening_the_edit_page_is_sent_to_sign_in(client_for, liveblog, editor):
    entry = post(liveblog, editor)
    response = client_for(None).get(f"{liveblog.url}entries/{entry.pk}/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_pending_member_gets_the_403_page_for_a_members_only_liveblog(
    client_for, members_liveblog, pending
):
    response = client_for(pending).get(members_liveblog.url)
    assert response.status_code == 403 and template_names(response)[0] == "403.html"
    polled = client_for(pending).get(f"{members_liveblog.url}updates/?since=0", **JSON)
    assert polled.status_code == 403 and "error" in polled.json()


# --- bad input ------------------------------------------------------------------------


def test_composer_bad_input_is_json_with_field_errors(client_for, liveblog, editor):
    response = client_for(editor).post(
        f"{liveblog.url}entries/", {"body": "ok", "quote_attribution": "Somebody"}, **JSON
    )
    assert response.status_code == 400
    data = response.json()
    assert data["errors"] == {"quote": ["Add the quote that this attribution belongs to."]}
    assert data["error"] == "Add the quote that this attribution belongs to."
    assert not Entry.objects.exists()


def test_plain_form_bad_input_re_renders_the_page_with_errors(client_for, liveblog, editor):
    response = client_for(editor).post(
        f"{liveblog.url}entries/", {"body": "ok", "quote_attribution": "Somebody"}
    )
    assert response.status_code == 400
    assert "liveblogs/liveblog_page.html" in template_names(response)
    assert "Add the quote that this attribution belongs to." in response.content.decode()
    assert response.context["form"]["quote_attribution"].value() == "Somebody"


def test_plain_form_bad_edit_re_renders_the_edit_page(client_for, liveblog, editor):
    entry = post(liveblog, editor)
    response = client_for(editor).post(f"{liveblog.url}entries/{entry.pk}/edit/", {"body": ""})
    assert response.status_code == 400
    assert template_names(response)[0] == "liveblogs/entry_edit.html"
    assert "This field is required" in response.content.decode()


def test_flags_with_nothing_to_change_is_a_400(client_for, liveblog, editor):
    entry = post(liveblog, editor)
    c = client_for(editor)
    response = c.post(f"{liveblog.url}entries/{entry.pk}/flags/", {}, **JSON)
    assert response.status_code == 400 and "pin" in response.json()["error"]
    response = c.post(f"{liveblog.url}entries/{entry.pk}/flags/", {})
    assert response.status_code == 400 and template_names(response)[0] == "error.html"


# --- limits ---------------------------------------------------------------------------


@pytest.fixture
def one_post_a_minute(settings):
    settings.HUB_LIVEBLOG_POST_RATE = "1/m"
    cache.clear()


def test_posting_too_fast_is_a_429_for_the_composer(
    client_for, liveblog, editor, one_post_a_minute
):
    c = client_for(editor)
    assert c.post(f"{liveblog.url}entries/", {"body": "First"}, **JSON).status_code == 200
    response = c.post(f"{liveblog.url}entries/", {"body": "Second"}, **JSON)
    assert response.status_code == 429
    assert "posting very fast" in response.json()["error"]
    assert Entry.objects.count() == 1


def test_posting_too_fast_without_javascript_re_renders_with_429(
    client_for, liveblog, editor, one_post_a_minute
):
    c = client_for(editor)
    assert c.post(f"{liveblog.url}entries/", {"body": "First"}).status_code == 302
    response = c.post(f"{liveblog.url}entries/", {"body": "Second"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "posting very fast" in html and "Second" in html  # the text is kept
    assert Entry.objects.count() == 1


# --- sequence numbers -----------------------------------------------------------------


@pytest.mark.parametrize("since", ["abc", "1.5", "Infinity", "1e999", str(2**63), "9" * 40])
def test_polling_with_a_bad_since_is_a_clear_400(client, liveblog, since):
    response = client.get(f"{liveblog.url}updates/", {"since": since})
    assert response.status_code == 400
    data = response.json()
    assert "since" in data["error"] and "since" in data["errors"]


def test_polling_with_a_negative_since_starts_from_the_beginning(client, liveblog, editor):
    post(liveblog, editor)
    response = client.get(f"{liveblog.url}updates/", {"since": "-3"})
    assert [c["seq"] for c in response.json()["changes"]] == [1]


def test_control_characters_are_refused_with_a_message(client_for, liveblog, editor):
    response = client_for(editor).post(f"{liveblog.url}entries/", {"body": "Bell\x07"}, **JSON)
    assert response.status_code == 400
    assert response.json()["errors"]["body"] == [
        "Remove the control characters (such as NUL) from this text."
    ]
    with pytest.raises(ValidationError) as error:
        entry_post(page=liveblog, author=editor, fields=EntryFields(body="ok", quote="a\x00b"))
    assert "quote" in error.value.message_dict
    assert not Entry.objects.exists()


def test_admin_bad_input_lands_on_the_admin_form(client_for, liveblog, editor):
    from django.urls import reverse

    response = client_for(editor).post(
        reverse("wagtailsnippets_liveblogs_entry:add"),
        {"page": liveblog.pk, "body": "ok", "quote_attribution": "Somebody"},
    )
    assert response.status_code == 200
    assert "Add the quote that this attribution belongs to." in response.content.decode()
    assert not Entry.objects.exists()


def test_admin_posting_too_fast_lands_on_the_admin_form(
    client_for, liveblog, editor, one_post_a_minute
):
    from django.urls import reverse

    c = client_for(editor)
    url = reverse("wagtailsnippets_liveblogs_entry:add")
    assert c.post(url, {"page": liveblog.pk, "body": "First"}).status_code == 302
    response = c.post(url, {"page": liveblog.pk, "body": "Second"})
    assert "posting very fast" in response.content.decode()
    assert Entry.objects.count() == 1
