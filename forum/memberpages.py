"""A signed-in reader's thread page: rendered once per audience, filled in per reader.

What a thread page shows a signed-in reader depends on:

- their roles (member, moderator, network editor, the council they lead): the
  reply form, the moderation panel, Quote, Hide, Restore and Report buttons,
  the removed text of hidden posts, which authors' names link to a profile;
- whether they started the thread (Mark as the answer) and watch it: two
  facts with two values each;
- which posts on the page are their own (Edit, Delete, no Report, their own
  profile link, the removed text of their own deleted post);
- how far they have read (the "New" class and tag), their CSRF token and
  their unread-notification count.

The first two go into the cache key (``audience``), with the thread's version
(forum/pagecache.py), the page and the header variant (core.pages). The page
keeps each post twice, as its author sees it and as everyone else of that
audience sees it, with slots for "New"; ``SharedPage.fill`` picks, for each
post, the reader's own version or the others' and fills the slots, and
core.pages fills the token and count. No template is rendered and no query
made for a reader whose audience's page is cached.

The view checks that the reader may see the thread (``Thread.objects.visible_to``)
on every request before it asks the cache. Edits, replies, moderation and
answers change the thread's version (forum/pagecache.py), a change of role
changes the audience at once; as on the visitors' page, a changed author name,
council name or profile visibility shows after ``pagecache.CACHE_SECONDS`` at most.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from forum import permissions
from forum.rendering import UNREAD_CLASS, UNREAD_CLASS_SLOT, UNREAD_TAG, UNREAD_TAG_SLOT
from members.permissions import group_names, is_council_lead, is_network_editor


def audience(user, thread, *, watching: bool) -> str:
    """The part of the cache key for what this reader's roles and ties to the thread show."""
    lead_of = user.organisation_id if is_council_lead(user) else 0
    flags = (
        permissions.can_read_members_only(user),
        permissions.is_forum_moderator(user),
        is_network_editor(user),
        thread.author_id == user.pk,
        watching,
    )
    return "".join("1" if flag else "0" for flag in flags) + f".{lead_of or 0}"


def stand_in(user, pk: int | None):
    """The reader with the same roles under another id: None (the author of no post),
    or a post's author, to render the page as they see it."""
    group_names(user)  # kept on the object, so the copy keeps the reader's groups
    other = copy.copy(user)
    other.pk = pk
    return other


Pieces = tuple[str, str, str]


def pieces(html: str) -> Pieces:
    """A post rendered with unread_slots, cut at its two slots."""
    before, _, rest = html.partition(UNREAD_CLASS_SLOT)
    middle, _, after = rest.partition(UNREAD_TAG_SLOT)
    return before, middle, after


@dataclass(frozen=True, slots=True)
class SharedPost:
    number: int
    author_id: int
    others: Pieces
    # As the post's author sees it; None when that is the same as the others' version.
    own: Pieces | None


@dataclass(frozen=True, slots=True)
class SharedPage:
    head: str
    posts: tuple[SharedPost, ...]
    tail: str
    last_number: int  # of the last post shown (0: none)
    last_position: int | None  # of the last visible post shown

    def fill(self, *, reader_pk: int, unread_after: int) -> str:
        """The page with this reader's own posts and "New" marks (posts after ``unread_after``)."""
        parts = [self.head]
        for post in self.posts:
            before, middle, after = (
                post.own if post.own is not None and post.author_id == reader_pk else post.others
            )
            if post.number > unread_after:
                parts += (before, UNREAD_CLASS, middle, UNREAD_TAG, after)
            else:
                parts += (before, middle, after)
        parts.append(self.tail)
        return "".join(parts)
