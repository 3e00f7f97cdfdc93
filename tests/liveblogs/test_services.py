"""Posting, editing, deleting and flagging entries through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liveblogs.models import Change, Entry, LiveblogSequence
from liveblogs.services import (
    EntryFields,
    changes_since,
    entry_delete,
    entry_post,
    entry_set_flags,
    entry_update,
)
from tests.liveblogs.conftest import bulk_entries


def post(page, editor, body="Opening remarks from the host council.", **extra):
    return entry_post(page=page, author=editor, fields=EntryFields(body=body, **extra))


def test_each_change_takes_the_next_number_of_its_liveblog(liveblog, editor):
    first = post(liveblog, editor)
    second = post(liveblog, editor, body="Second update")
    entry_update(entry=first, editor=editor, fields=EntryFields(body="Opening remarks, corrected"))
    entry_delete(entry=second, editor=editor)

    ops = list(Change.objects.filter(page=liveblog).values_list("seq", "op", "entry_id"))
    assert ops == [
        (1, "created", first.pk),
        (2, "created", second.pk),
        (3, "updated", first.pk),
        (4, "deleted", second.pk),
    ]
    assert LiveblogSequence.objects.get(page=liveblog).last_seq == 4


def test_markdown_is_rendered_once_and_sanitised(liveblog, editor):
    entry = post(liveblog, editor, body="**Energy** <script>alert(1)</script>")
    assert "<strong>Energy</strong>" in entry.body_html
    assert "<script" not in entry.html
    change = Change.objects.get(entry=entry)
    assert change.html == entry.html


def test_quote_and_link_appear_in_the_entry(liveblog, editor):
    entry = post(
        liveblog,
        editor,
        quote="Co-operation is how we do things here.",
        quote_attribution="Council leader",
        link_url="https://www.councils.coop/",
        link_text="The network",
    )
    assert "<blockquote>" in entry.html and "Council leader" in entry.html
    assert 'href="https://www.councils.coop/"' in entry.html


@pytest.mark.parametrize(
    "fields, field",
    [
        (EntryFields(body="   "), "body"),
        (EntryFields(body="x" * 5001), "body"),
        (EntryFields(body="ok", link_url="javascript:alert(1)"), "link_url"),
        (EntryFields(body="ok", quote_attribution="Somebody"), "quote"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(liveblog, editor, fields, field):
    with pytest.raises(ValidationError) as error:
        entry_post(page=liveblog, author=editor, fields=fields)
    assert field in error.value.message_dict
    assert not Entry.objects.exists() and not Change.objects.exists()


@pytest.mark.parametrize("role", ["officer", "lead", "moderator", "pending"])
def test_only_network_editors_post(request, liveblog, role):
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        post(liveblog, person)
    assert not Entry.objects.exists()


def test_others_may_not_edit_or_delete(liveblog, editor, officer):
    entry = post(liveblog, editor)
    with pytest.raises(PermissionDenied):
        entry_update(entry=entry, editor=officer, fields=EntryFields(body="Changed"))
    with pytest.raises(PermissionDenied):
        entry_delete(entry=entry, editor=officer)
    assert Change.objects.count() == 1


def test_deleting_twice_is_refused(liveblog, editor):
    entry = post(liveblog, editor)
    entry_delete(entry=entry, editor=editor)
    with pytest.raises(ValidationError):
        entry_delete(entry=entry, editor=editor)
    assert Change.objects.count() == 2


def test_pin_and_key_flags_are_changes_too(liveblog, editor):
    entry = post(liveblog, editor)
    entry_set_flags(entry=entry, editor=editor, pinned=True)
    entry_set_flags(entry=entry, editor=editor, key=True)
    last = Change.objects.order_by("-seq").first()
    assert (last.seq, last.op, last.pinned, last.key) == (3, "updated", True, True)
    assert "Key moment" in last.html and "Pinned" in last.html


def test_changes_since_returns_exactly_the_later_changes(liveblog, editor):
    for n in range(5):
        post(liveblog, editor, body=f"Update {n}")
    assert [c["seq"] for c in changes_since(liveblog.pk, 2)] == [3, 4, 5]
    assert changes_since(liveblog.pk, 5) == []


# Queries for one post: the entry, Wagtail's reference index, the counter
# (one UPDATE ... RETURNING), the change row, the stored HTML, the author for the byline.
POST_QUERIES = 12


@pytest.mark.parametrize("existing", [5, 5000])
def test_posting_costs_the_same_with_5_or_5000_entries(
    liveblog, editor, existing, django_assert_max_num_queries
):
    bulk_entries(liveblog, editor, existing)
    post(liveblog, editor, body="Warm-up")  # the counter row exists from here on
    with django_assert_max_num_queries(POST_QUERIES):
        post(liveblog, editor, body="Measured")
    with django_assert_max_num_queries(POST_QUERIES):
        entry_update(
            entry=Entry.objects.get(body="Measured"),
            editor=editor,
            fields=EntryFields(body="Measured, edited"),
        )
