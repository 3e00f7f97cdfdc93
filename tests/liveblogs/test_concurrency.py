"""Change numbers stay unique and gapless when editors post at once (PostgreSQL, real threads)."""

import pytest

from liveblogs.models import Change, Entry, LiveblogSequence
from liveblogs.services import EntryFields, entry_post, entry_update
from tests.concurrency import raised, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _post(page, editor, n):
    return lambda: entry_post(page=page, author=editor, fields=EntryFields(body=f"Update {n}"))


def test_editors_posting_at_once_get_one_number_each(settings, liveblog, editor):
    settings.HUB_LIVEBLOG_POST_RATE = "10000/m"
    # The liveblog's first change makes its counter: a race for it as well.
    LiveblogSequence.objects.filter(page=liveblog).delete()

    assert raised(run_together([_post(liveblog, editor, n) for n in range(12)])) == []

    seqs = sorted(Change.objects.filter(page=liveblog).values_list("seq", flat=True))
    assert seqs == list(range(1, 13))
    assert sorted(Entry.objects.filter(page=liveblog).values_list("last_seq", flat=True)) == seqs
    assert LiveblogSequence.objects.get(page=liveblog).last_seq == 12


def test_posts_and_edits_at_once_keep_one_sequence(settings, liveblog, editor):
    settings.HUB_LIVEBLOG_POST_RATE = "10000/m"
    first = entry_post(page=liveblog, author=editor, fields=EntryFields(body="Opening"))
    edits = [
        lambda n=n: entry_update(
            entry=Entry.objects.get(pk=first.pk), editor=editor, fields=EntryFields(body=f"v{n}")
        )
        for n in range(4)
    ]

    assert raised(run_together(edits + [_post(liveblog, editor, n) for n in range(6)])) == []

    seqs = sorted(Change.objects.filter(page=liveblog).values_list("seq", flat=True))
    assert seqs == list(range(1, 12))
    # Only the newest change of the edited entry carries its HTML.
    with_html = Change.objects.filter(entry=first).exclude(html="")
    assert list(with_html.values_list("seq", flat=True)) == [
        Change.objects.filter(entry=first).order_by("-seq").values_list("seq", flat=True)[0]
    ]
