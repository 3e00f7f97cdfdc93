"""Who may do what, by role. Every view, queryset, feed and socket asks here."""

from django.contrib.auth.models import AnonymousUser, Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.stamps import restamp, stamped

COUNCIL_LEADS = "Council leads"
NETWORK_EDITORS = "Network editors"
MODERATORS = "Moderators"
ROLE_GROUPS = (COUNCIL_LEADS, NETWORK_EDITORS, MODERATORS)


def group_names(user) -> frozenset[str]:
    """The names of the role groups this person is in: from the cache, or one query.

    Kept on the user object for the rest of the request, and in the cache
    under the roles version, which any change of group membership or of a
    group renews (connect_role_cache), so a changed role counts at once.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_hub_group_names", None)
    if cached is None:
        cached = _cached_group_names(user.pk)
        user._hub_group_names = cached
    return cached


ROLES_VERSION_KEY = "members:roles-version"
ROLES_CACHE_SECONDS = 600


def _cached_group_names(user_id: int) -> frozenset[str]:
    # One stamp for everyone: any change of any membership renews it.
    return stamped(
        ROLES_VERSION_KEY,
        f"members:groups:{user_id}",
        lambda: frozenset(Group.objects.filter(user__pk=user_id).values_list("name", flat=True)),
        timeout=ROLES_CACHE_SECONDS,
        stamp_timeout=None,
    )


def roles_changed(**kwargs) -> None:
    """Someone's groups changed: every cached set of group names is stale, now and on commit."""
    restamp([ROLES_VERSION_KEY], stamp_timeout=None)


def connect_role_cache() -> None:
    """Renew the roles version whenever a membership of a group or a group changes."""
    from django.contrib.auth import get_user_model

    through = get_user_model().groups.through
    m2m_changed.connect(roles_changed, sender=through, dispatch_uid="members.roles.m2m")
    post_save.connect(roles_changed, sender=Group, dispatch_uid="members.roles.save")
    post_delete.connect(roles_changed, sender=Group, dispatch_uid="members.roles.delete")


def is_member(user) -> bool:
    """Confirmed member (officer of a council or affiliate): sees members-only content."""
    return bool(getattr(user, "is_authenticated", False) and user.is_member)


def is_network_editor(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or NETWORK_EDITORS in group_names(user)


def is_moderator(user) -> bool:
    """Moderators, and network editors, who moderate too."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_network_editor(user) or MODERATORS in group_names(user)


def is_council_lead(user, organisation=None) -> bool:
    """A confirmed member who leads their organisation (optionally: this one)."""
    if not is_member(user) or user.organisation_id is None:
        return False
    if COUNCIL_LEADS not in group_names(user):
        return False
    return organisation is None or user.organisation_id == organisation.pk


def can_review_members(user) -> bool:
    """Sees membership requests: network editors (all of them) and council leads (their own)."""
    return is_network_editor(user) or is_council_lead(user)


def can_decide_membership(actor, person) -> bool:
    """Editors decide for anyone; a lead only for people asking to join their own council."""
    if actor is None or isinstance(actor, AnonymousUser) or actor.pk == person.pk:
        return False
    if is_network_editor(actor):
        return True
    return person.organisation_id is not None and is_council_lead(actor, person.organisation)


def can_view_contacts(user, organisation=None) -> bool:
    """Key contacts and advocates: confirmed members only, of any council."""
    return is_member(user)


def can_edit_council(user, organisation) -> bool:
    """A council's profile, contacts and advocates: its own leads, and network editors."""
    return is_network_editor(user) or is_council_lead(user, organisation)


def can_view_profiles(user) -> bool:
    """Member profiles and the people finder are for members."""
    return is_member(user)


def can_view_profile(viewer, person) -> bool:
    """Members see members' profiles; a hidden one only its council's leads and editors."""
    if getattr(viewer, "pk", None) is not None and viewer.pk == person.pk:
        return True
    if not is_member(viewer) or not person.is_active:
        return False
    if is_network_editor(viewer):
        return True
    if not person.is_member:
        return False
    if not person.profile_hidden:
        return True
    return (
        person.organisation_id is not None
        and is_council_lead(viewer)
        and viewer.organisation_id == person.organisation_id
    )
