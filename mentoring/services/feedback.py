"""After a placement: feedback from the visitor and the host, and the host's draft case study."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cms.models import CaseStudyPage, LibraryIndexPage
from core.markdown import render_markdown
from core.validators import clean_text
from mentoring import permissions
from mentoring.models import NOTE_MAX, Application, Feedback, Placement
from mentoring.services.common import host_people
from notifications.services import notify

NO_LIBRARY = (
    "The site has no library to put the case study in yet. "
    "Ask a network editor to add a library page, then try again."
)


def feedback_give(*, actor, application: Application, body: str) -> Feedback:
    """After the placement, the visitor and the host side each leave short feedback."""
    placement = application.placement
    side = permissions.feedback_side(actor, application)
    if side is None:
        raise PermissionDenied("Only the visitor and the host can give feedback.")
    refusal = permissions.feedback_refusal(application, side)
    if refusal:
        raise ValidationError(refusal)
    body = clean_text(body, field="body", label="your feedback", max_length=NOTE_MAX)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                application=application,
                author=actor,
                side=side,
                body=body,
                body_html=render_markdown(body),
            )
            other = (
                host_people(placement) if side == Feedback.Side.VISITOR
                else [application.applicant]
            )  # fmt: skip
            notify(
                recipients=other,
                kind="mentoring.feedback",
                title=f"{actor} left feedback on “{placement.title}”",
                url=application.get_absolute_url(),
                actor=actor,
            )
    except IntegrityError as error:
        raise ValidationError("Feedback from this side has already been given.") from error
    return feedback


def _library() -> LibraryIndexPage:
    """The library the draft goes into: the site's first one. Never made here."""
    library = LibraryIndexPage.objects.order_by("path").first()
    if library is None:
        raise ValidationError(NO_LIBRARY)
    return library


def placement_to_case_study(*, actor, placement: Placement) -> CaseStudyPage:
    """Turn a completed placement and its feedback into a draft case study in the library."""
    if not permissions.is_host_side(actor, placement):
        raise PermissionDenied("Only the host can turn a placement into a case study.")
    if not permissions.placement_has_happened(placement):
        raise ValidationError("A case study can be drafted once the placement has taken place.")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.case_study_id and CaseStudyPage.objects.filter(pk=locked.case_study_id).exists():
            return locked.case_study
        library = _library()
        feedback = Feedback.objects.filter(application__placement=locked).select_related(
            "application__applicant", "author"
        )
        outcomes = "".join(
            f"<h3>{'Visitor' if f.side == Feedback.Side.VISITOR else 'Host'}: "
            f"{f.author or 'former member'}</h3>{f.body_html}"
            for f in feedback
        )
        visitors = ", ".join(
            str(a.applicant)
            for a in locked.applications.filter(state=Application.State.ACCEPTED).select_related(
                "applicant"
            )
        )
        page = CaseStudyPage(
            title=f"Shadowing at {locked.host_council.name}: {locked.title}"[:255],
            council=locked.host_council,
            summary=f"A job-shadowing placement hosted by {locked.host_council.name}."[:300],
            challenge=locked.description_html,
            approach=f"<p>Visitors: {visitors or 'none recorded'}. "
            f"Format: {locked.get_format_display()}.</p>",
            outcomes=outcomes or "<p>No feedback was recorded.</p>",
            contact=str(locked.host_officer)[:200],
            live=False,
        )
        library.add_child(instance=page)
        page.themes.set(list(locked.themes.names()))
        page.save_revision(user=actor)
        locked.case_study = page
        locked.save(update_fields=["case_study", "updated_at"])
    return page
