"""Signed-in pages rendered once and shared, with each reader's own header values filled in.

The site header (templates/base.html) differs between signed-in readers only in
their CSRF token, their unread-notification count and whether they see the
membership-requests link. A view whose own content is the same for many
readers renders its page once with the first two left as slots
(render_shared), caches it under a key that includes header_variant(request),
and fills the slots for each reader (fill), so no template is rendered for
them. A reader with messages waiting gets the page rendered for them, since a
message is shown once, to its reader (can_share).

Slots are control characters, which never reach a page otherwise: input is
stripped of them (core.validators) and escaping keeps them as they are.

A shared page is tens of kilobytes, read from the cache on every request:
shared_value() keeps a copy in the process too, found through a small token in
the cache, so a request reads the token rather than the page.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from uuid import uuid4

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import render_to_string
from django.utils.html import escape

CSRF_SLOT = "\x00csrf\x00"
UNREAD_SLOT = "\x00unread\x00"


def can_share(request) -> bool:
    """Signed in, with no messages waiting for this reader."""
    return request.user.is_authenticated and not len(get_messages(request))


def _header_values(request) -> dict:
    """What the context processors give this request's templates (lazy values stay lazy)."""
    values = getattr(request, "_hub_header_values", None)
    if values is None:
        values = {}
        for processor in engines["django"].engine.template_context_processors:
            values.update(processor(request))
        request._hub_header_values = values
    return values


def header_variant(request) -> str:
    """The part of a shared page's cache key that its header depends on."""
    return "review" if _header_values(request).get("can_review_members") else "plain"


def render_shared(request, template_name: str, context: dict) -> str:
    """The page as every reader of this header_variant sees it, with slots for their own values."""
    shared = {**context, "csrf_token": CSRF_SLOT, "unread_notifications": UNREAD_SLOT}
    return render_to_string(template_name, shared, request)


def fill(request, html: str) -> str:
    """A shared page with this reader's CSRF token and unread count in its slots."""
    unread = _header_values(request).get("unread_notifications", 0)
    return html.replace(CSRF_SLOT, escape(get_token(request))).replace(
        UNREAD_SLOT, escape(str(unread))
    )


# How many values each process keeps; each is one page of a list for one
# audience, so this bounds the memory, not what is correct.
LOCAL_VALUES = 256
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()


def shared_value(key: str, build: Callable[[], Any], timeout: int) -> Any:
    """The value cached under key, or build() cached there; kept in this process as well.

    The cache holds a token under key and the value under key and token; this
    process keeps the value under the token. A value is only ever reached
    through the token the cache holds now, so whatever makes key stale (a new
    version in it, expiry, a cleared cache) makes the process's copy
    unreachable too. Values must not be changed once built: requests share them.
    """
    token = cache.get(key)
    if token is not None:
        with _local_lock:
            value = _local.get(token)
            if value is not None:
                _local.move_to_end(token)
                return value
        value = cache.get(f"{key}:{token}")
        if value is not None:
            _keep(token, value)
            return value
    value = build()
    token = uuid4().hex
    cache.set_many({f"{key}:{token}": value, key: token}, timeout)
    _keep(token, value)
    return value


def _keep(token: str, value: Any) -> None:
    with _local_lock:
        _local[token] = value
        while len(_local) > LOCAL_VALUES:
            _local.popitem(last=False)
