"""The signed-in person's row, read from the cache instead of the database on each request.

Every signed-in request needs its user, which Django's AuthenticationMiddleware
loads with a query. Here the row is kept in the cache per user under a stamp
(core.stamps) that every save or delete of that user renews, at once and again
when the transaction commits: a password change, a deactivation or a deletion
is seen by the very next request, and Django's session verification (the
session's hash of the password) runs on every request as before, so changing
a password still signs out the person's other sessions.
"""

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    _get_user_session_key,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete, post_save
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from core.stamps import restamp, stamped

# A save or delete renews the stamp at once, as users_changed() does for a
# queryset update(); this only bounds a change made by a path that forgets to.
CACHE_SECONDS = 300
STAMP_SECONDS = 24 * 3600


def _stamp_key(user_id) -> str:
    return f"auth:user-stamp:{user_id}"


def _row_key(user_id) -> str:
    return f"auth:user:{user_id}"


def cached_user(user_id):
    """The user with this id as the database last had them (None if there is none).

    Each call returns an object of its own: nothing set on it during one
    request reaches another.
    """
    return stamped(
        _stamp_key(user_id),
        _row_key(user_id),
        lambda: _load_user(user_id),
        timeout=CACHE_SECONDS,
        stamp_timeout=STAMP_SECONDS,
    )


def _load_user(user_id):
    User = get_user_model()
    try:
        return User._default_manager.get(pk=user_id)
    except User.DoesNotExist:
        return None


def users_changed(user_ids) -> None:
    """These users' cached rows are stale: now, and once the transaction commits.

    For writes that bypass save() (a queryset update()); save and delete call it themselves.
    """
    restamp([_stamp_key(pk) for pk in user_ids], stamp_timeout=STAMP_SECONDS)


def _user_saved_or_deleted(sender, instance, **kwargs) -> None:
    if instance.pk is not None:
        users_changed([instance.pk])


def connect_user_cache() -> None:
    User = get_user_model()
    post_save.connect(_user_saved_or_deleted, sender=User, dispatch_uid="core.auth.save")
    post_delete.connect(_user_saved_or_deleted, sender=User, dispatch_uid="core.auth.delete")


def _backend_user(backend, user_id):
    """backend.get_user(user_id), from the cache where it loads the row as ModelBackend does."""
    if type(backend).get_user is not ModelBackend.get_user:
        return backend.get_user(user_id)
    user = cached_user(user_id)
    return user if user is not None and backend.user_can_authenticate(user) else None


def _session_verified(request, user) -> bool:
    """The session holds the hash of the user's password as it is now (or under an old key)."""
    session_hash = request.session.get(HASH_SESSION_KEY)
    if not session_hash:
        return False
    current = user.get_session_auth_hash()
    if constant_time_compare(session_hash, current):
        return True
    if any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        # Signed with a retired SECRET_KEY: move the session to the current one.
        request.session.cycle_key()
        request.session[HASH_SESSION_KEY] = current
        return True
    return False


def get_user(request):
    """django.contrib.auth.get_user, with the user's row from the cache."""
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    user = _backend_user(load_backend(backend_path), user_id)
    if user is None:
        return AnonymousUser()
    if hasattr(user, "get_session_auth_hash") and not _session_verified(request, user):
        request.session.flush()
        return AnonymousUser()
    return user


def _request_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, loading request.user through get_user() above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _request_user(request))
