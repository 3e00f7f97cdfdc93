"""Who may do what with placements and mentoring; views, querysets and services ask here."""

from members.permissions import is_council_lead, is_member, is_network_editor

__all__ = [
    "is_council_lead",
    "is_member",
    "is_network_editor",
    "can_offer_placement",
    "can_run_placement",
    "is_host_side",
    "can_view_placement",
    "can_apply",
    "can_view_application",
]


def can_offer_placement(user) -> bool:
    """Only a council's lead offers placements, and only for a full-member council."""
    return is_council_lead(user) and user.organisation is not None and user.organisation.is_council


def can_run_placement(user, placement) -> bool:
    """The host council's lead edits the placement and decides its applications."""
    return is_council_lead(user, placement.host_council)


def is_host_side(user, placement) -> bool:
    """The host officer or the host council's lead: feedback and the case study."""
    if not is_member(user):
        return False
    return user.pk == placement.host_officer_id or can_run_placement(user, placement)


def can_view_placement(user, placement) -> bool:
    if is_network_editor(user):
        return True
    if not is_member(user):
        return False
    if placement.state == placement.State.DRAFT:
        return user.organisation_id == placement.host_council_id
    return True


def can_apply(user, placement) -> bool:
    """Confirmed officers of another organisation (council or affiliate) may apply."""
    return is_member(user) and user.organisation_id != placement.host_council_id


def can_view_application(user, application) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == application.applicant_id or is_network_editor(user):
        return True
    return is_host_side(user, application.placement)
