"""Writes to liveblogs: post, edit, delete, pin and mark entries; tell readers of changes.

Every change takes the next number of its liveblog under a row lock, stores
the entry's HTML (rendered here, once) in a change-log row (blanking the HTML
of that entry's earlier rows, so an edited or deleted text is never replayed),
and is broadcast after commit as one pre-serialised frame (liveblogs.events)
that every reader receives as is.
Each write costs a fixed number of queries, however many entries exist.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.realtime import broadcast_on_commit
from core.validators import clean_text
from liveblogs import events
from liveblogs.models import Change, Entry, LiveblogPage, LiveblogSequence
from liveblogs.permissions import check_can_edit

BODY_MAX = 5000
# Sequence numbers are stored as 64-bit integers; a reader's number beyond
# that is not one of ours.
MAX_SEQ = 2**63 - 1


@dataclass(frozen=True)
class EntryFields:
    """What an editor writes; validated by `entry_post` and `entry_update`."""

    body: str
    quote: str = ""
    quote_attribution: str = ""
    link_url: str = ""
    link_text: str = ""
    image: object = None
    image_alt: str = ""
    is_key: bool = False
    is_pinned: bool = False


def _clean(fields: EntryFields) -> EntryFields:
    """The fields stripped and checked; ValidationError with every field's problem at once."""
    errors = {}

    def text(name: str, label: str, max_length: int, required=False) -> str:
        try:
            return clean_text(
                getattr(fields, name),
                field=name,
                label=label,
                max_length=max_length,
                required=required,
            )
        except ValidationError as error:
            errors.update(error.message_dict)
            return ""

    body = text("body", "the text of the update", BODY_MAX, required=True)
    quote = text("quote", "the quote", BODY_MAX)
    quote_attribution = text("quote_attribution", "who said it", 200)
    link_url = text("link_url", "the link", 200)
    link_text = text("link_text", "the link text", 200)
    image_alt = text("image_alt", "the image description", 250)
    if link_url:
        try:
            URLValidator(schemes=["http", "https"])(link_url)
        except ValidationError:
            errors["link_url"] = ["Give a full web address starting with http:// or https://."]
    if quote_attribution and not quote and "quote" not in errors:
        errors["quote"] = ["Add the quote that this attribution belongs to."]
    if fields.image is not None and not image_alt and "image_alt" not in errors:
        errors["image_alt"] = ["Describe the image for people who cannot see it."]
    if errors:
        raise ValidationError(errors)
    return EntryFields(
        body=body,
        quote=quote,
        quote_attribution=quote_attribution,
        link_url=link_url,
        link_text=link_text,
        image=fields.image,
        image_alt=image_alt,
        is_key=bool(fields.is_key),
        is_pinned=bool(fields.is_pinned),
    )


def render_entry(entry: Entry) -> str:
    """The entry's public HTML: the same for every reader, so nothing per user."""
    return render_to_string("liveblogs/includes/entry.html", {"entry": entry}).strip()


_TAKE_SEQ = (
    "UPDATE liveblogs_liveblogsequence SET last_seq = last_seq + 1 "
    "WHERE page_id = %s RETURNING last_seq"
)


def _next_seq(page_id: int) -> int:
    """Take the next change number of a liveblog; call inside a transaction.

    One statement adds one and answers the new number (UPDATE ... RETURNING, which
    the ORM cannot write), holding the row's lock on PostgreSQL, or the database's
    write lock on SQLite, until commit; the liveblog's first change makes the row.
    """
    row = _take_seq(page_id)
    if row is None:
        LiveblogSequence.objects.get_or_create(page_id=page_id)
        row = _take_seq(page_id)
    return row[0]


def _take_seq(page_id: int) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_SEQ, [page_id])
        return cursor.fetchone()


def _record(entry: Entry, op: str) -> Change:
    """Number the change, store its snapshot and broadcast it once committed."""
    seq = _next_seq(entry.page_id)
    entry.last_seq = seq
    html = "" if op == Change.Op.DELETED else entry.html
    change = Change.objects.create(
        page_id=entry.page_id,
        seq=seq,
        entry=entry,
        op=op,
        html=html,
        pinned=entry.is_pinned,
        key=entry.is_key,
    )
    if op != Change.Op.CREATED:
        # Only the newest change of an entry carries its HTML: an edited or
        # deleted text must not be replayed to readers catching up from an
        # older number. Superseded rows keep their op, with empty HTML.
        Change.objects.filter(entry=entry, seq__lt=seq).exclude(html="").update(html="")
    broadcast_on_commit(events.liveblog_group(entry.page_id), events.entry_changed(change))
    # The view answers the composer with this change, without reading it back.
    entry.recorded_change = change
    return change


def _save(entry: Entry, *, had_image: bool, **kwargs) -> None:
    """Save the entry; Wagtail's reference index only hears of it when an image is involved.

    The index queues a task per save, and an entry that has no image and had none
    has nothing in it (models.Entry): no task, no queued row.
    """
    if had_image or entry.image_id is not None:
        entry.save(**kwargs)
        return
    with disable_reference_index_auto_update():
        entry.save(**kwargs)


def _apply(entry: Entry, fields: EntryFields) -> None:
    entry.body = fields.body
    entry.body_html = str(render_markdown(fields.body))
    entry.quote = fields.quote
    entry.quote_attribution = fields.quote_attribution
    entry.link_url = fields.link_url
    entry.link_text = fields.link_text
    entry.image = fields.image
    entry.image_alt = fields.image_alt
    entry.is_key = fields.is_key
    entry.is_pinned = fields.is_pinned


def entry_post(*, page: LiveblogPage, author, fields: EntryFields, posted_at=None) -> Entry:
    """Post a new entry to a liveblog (posted_at: for writing up an event afterwards)."""
    check_can_edit(author, page)
    fields = _clean(fields)
    enforce(
        f"liveblog-post:{author.pk}",
        getattr(settings, "HUB_LIVEBLOG_POST_RATE", "30/m"),
        "You are posting very fast. Wait a moment and post again.",
    )
    with transaction.atomic():
        entry = Entry(page=page, author=author)
        _apply(entry, fields)
        _save(entry, had_image=False)
        if posted_at is not None:
            entry.created_at = posted_at
        # The HTML links to the entry by id, so it is rendered once the row has one;
        # a plain UPDATE stores it without a second round of save() signals.
        entry.html = render_entry(entry)
        _record(entry, Change.Op.CREATED)
        Entry.objects.filter(pk=entry.pk).update(
            html=entry.html, last_seq=entry.last_seq, created_at=entry.created_at
        )
    return entry


def entry_update(*, entry: Entry, editor, fields: EntryFields) -> Entry:
    """Edit an entry; readers' copies are replaced."""
    # Editing rights are network-wide: an edit need not load the entry's page to ask.
    check_can_edit(editor)
    if entry.deleted_at is not None:
        raise ValidationError("This entry has been deleted.")
    fields = _clean(fields)
    # An edit counts as a post, under the same limit as posting.
    enforce(
        f"liveblog-post:{editor.pk}",
        getattr(settings, "HUB_LIVEBLOG_POST_RATE", "30/m"),
        "You are posting very fast. Wait a moment and post again.",
    )
    had_image = entry.image_id is not None
    with transaction.atomic():
        _apply(entry, fields)
        entry.edited_at = timezone.now()
        entry.html = render_entry(entry)
        _record(entry, Change.Op.UPDATED)
        _save(entry, had_image=had_image)
    return entry


def entry_set_flags(
    *, entry: Entry, editor, pinned: bool | None = None, key: bool | None = None
) -> Entry:
    """Pin or unpin, mark or unmark as a key moment, without touching the text."""
    check_can_edit(editor)
    if entry.deleted_at is not None:
        raise ValidationError("This entry has been deleted.")
    if pinned is None and key is None:
        raise ValidationError("Choose whether to pin the entry or mark it as a key moment.")
    with transaction.atomic():
        if pinned is not None:
            entry.is_pinned = bool(pinned)
        if key is not None:
            entry.is_key = bool(key)
        entry.html = render_entry(entry)
        _record(entry, Change.Op.UPDATED)
        _save(
            entry,
            had_image=entry.image_id is not None,
            update_fields=["is_pinned", "is_key", "html", "last_seq"],
        )
    return entry


def entry_delete(*, entry: Entry, editor) -> Entry:
    """Delete an entry: it stays in the database, marked deleted, and leaves readers' pages."""
    check_can_edit(editor)
    if entry.deleted_at is not None:
        raise ValidationError("This entry has already been deleted.")
    with transaction.atomic():
        entry.deleted_at = timezone.now()
        _record(entry, Change.Op.DELETED)
        _save(entry, had_image=entry.image_id is not None, update_fields=["deleted_at", "last_seq"])
    return entry


def changes_since(page_id: int, since: int, limit: int = 500) -> list[dict]:
    """Changes after `since`, in order, as the messages readers receive."""
    rows = Change.objects.filter(page_id=page_id, seq__gt=since).order_by("seq")[:limit]
    return [events.entry_message(row) for row in rows]


def last_seq(page_id: int) -> int:
    row = LiveblogSequence.objects.filter(page_id=page_id).values_list("last_seq", flat=True)
    return next(iter(row), 0)


def parse_seq(value) -> int | None:
    """A reader's `since` or `ack` as a change number (below 0 counts as 0); None if not one."""
    try:
        seq = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return max(0, seq) if seq <= MAX_SEQ else None


def liveblog_state_announce(*, page: LiveblogPage) -> None:
    """Tell a published liveblog's readers its state, once committed ("ended": they stop)."""
    broadcast_on_commit(events.liveblog_group(page.pk), events.state_changed(page.state))


def liveblog_access_recheck(*, page_ids) -> None:
    """Have the readers connected to these liveblogs re-checked, once committed."""
    for page_id in page_ids:
        broadcast_on_commit(events.liveblog_group(page_id), events.access_changed())
