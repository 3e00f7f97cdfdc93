"""Who may do what with placements and mentoring; views, querysets and services ask here."""

from django.utils import timezone

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
    "takes_applications",
    "apply_refusal",
    "can_apply_now",
    "can_view_application",
    "placement_has_happened",
    "feedback_side",
    "feedback_refusal",
    "can_give_feedback",
    "can_view_mentoring_request",
    "is_in_pair",
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
    """Members see placements past draft; the host council its drafts; editors everything."""
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


def takes_applications(placement) -> bool:
    """Open, and the closing date has not passed."""
    return (
        placement.state == placement.State.OPEN and placement.closing_date >= timezone.localdate()
    )


def apply_refusal(user, placement) -> str | None:
    """Why someone who may apply (can_apply) cannot apply now, or None when they can."""
    if not is_member(user):
        return "Only confirmed members can apply for placements."
    if not takes_applications(placement):
        return "This placement is no longer taking applications."
    if placement.applications.live().filter(applicant=user).exists():
        return "You have already applied for this placement."
    return None


def can_apply_now(user, placement) -> bool:
    """May apply (can_apply), the placement takes applications and no live application yet."""
    return can_apply(user, placement) and apply_refusal(user, placement) is None


def can_view_application(user, application) -> bool:
    """The applicant, the host side and network editors."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == application.applicant_id or is_network_editor(user):
        return True
    return is_host_side(user, application.placement)


def placement_has_happened(placement) -> bool:
    """Completed, or past its end date."""
    if placement.state == placement.State.COMPLETED:
        return True
    return placement.end_date is not None and placement.end_date < timezone.localdate()


def feedback_side(user, application) -> str | None:
    """ "visitor" for the applicant, "host" for the host side, else None."""
    from mentoring.models import Feedback

    if user.pk == application.applicant_id:
        return Feedback.Side.VISITOR
    if is_host_side(user, application.placement):
        return Feedback.Side.HOST
    return None


def feedback_refusal(application, side: str) -> str | None:
    """Why this side cannot leave feedback on the application now, or None when it can."""
    if application.state != application.State.ACCEPTED:
        return "Feedback is for accepted visitors only."
    if not placement_has_happened(application.placement):
        return "Feedback opens once the placement has taken place."
    if application.feedback.filter(side=side).exists():
        return "Feedback from this side has already been given."
    return None


def can_give_feedback(user, application) -> bool:
    """The visitor and the host side, once each, on an accepted visit that has happened."""
    side = feedback_side(user, application)
    return side is not None and feedback_refusal(application, side) is None


def can_view_mentoring_request(user, mentoring_request) -> bool:
    """The mentee, network editors, and the mentors the mentee has asked."""
    if is_network_editor(user):
        return True
    if not is_member(user):
        return False
    if user.pk == mentoring_request.mentee_id:
        return True
    return mentoring_request.mentorships.filter(offer__mentor=user).exists()


def is_in_pair(user, mentorship) -> bool:
    """The mentor and the mentee of a pair: they see, answer and close it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (mentorship.offer.mentor_id, mentorship.request.mentee_id)
