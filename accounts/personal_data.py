"""What the hub holds about a person: one list, used by the export and checked by tests.

Every foreign key to the user model is either read by a section below, left
out on purpose (NOT_EXPORTED, with the reason), or exported as "other
records" automatically, so a feature added later is never silently missed.
"""

import datetime
import decimal
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    models: tuple[str, ...]  # the first one installed is used
    owners: tuple[str, ...]  # lookups that point at the person
    exclude: frozenset[str] = field(default_factory=frozenset)
    heading: str = ""  # field shown in the readable summary

    def model(self):
        for label in self.models:
            try:
                return apps.get_model(label)
            except LookupError:
                continue
        return None


def _s(key, title, models, owners, exclude=(), heading=""):
    models = (models,) if isinstance(models, str) else tuple(models)
    owners = (owners,) if isinstance(owners, str) else tuple(owners)
    return Section(key, title, models, owners, frozenset(exclude), heading)


SECTIONS = [
    _s("email_addresses", "Email addresses", "account.EmailAddress", "user", heading="email"),
    _s("sign_in_accounts", "Accounts you sign in with", "socialaccount.SocialAccount", "user"),
    _s(
        "notifications",
        "Notifications",
        ("notifications.Notification", "core.Notification"),
        "recipient",
        # The body quotes what someone else wrote (a statement, a post).
        exclude=["body"],
        heading="title",
    ),
    _s("ideas", "Ideas", "ideasbank.Idea", "author", heading="title"),
    _s("idea_votes", "Votes on ideas", "ideasbank.Vote", "user"),
    _s("idea_comments", "Comments on ideas", "ideasbank.Comment", "author", heading="body"),
    _s("idea_evidence", "Adoption evidence you recorded", "ideasbank.Evidence", "recorded_by"),
    _s("idea_follows", "Ideas you follow", "ideasbank.Follow", "user"),
    _s("idea_reports", "Reports you made on ideas", "ideasbank.Report", "reporter"),
    _s("idea_stage_changes", "Idea stage changes you made", "ideasbank.StageChange", "actor"),
    _s("idea_moderation", "Moderation you did on ideas", "ideasbank.ModerationLog", "actor"),
    _s("threads", "Discussion threads", "forum.Thread", "author", heading="title"),
    _s("posts", "Discussion posts", "forum.Post", "author", heading="body"),
    _s("post_revisions", "Earlier versions of your posts", "forum.PostRevision", "post__author"),
    _s("threads_read", "Threads you have read", "forum.ReadState", "user"),
    _s("thread_watches", "Threads you watch", "forum.ThreadWatch", "user"),
    _s("category_watches", "Categories you watch", "forum.CategoryWatch", "user"),
    _s("post_reports", "Reports you made on posts", "forum.Report", "reporter"),
    _s(
        "forum_moderation",
        "Moderation you did in discussions",
        "forum.ModerationLogEntry",
        ("actor",),
    ),
    _s(
        "placements",
        "Placements you host or created",
        "mentoring.Placement",
        ("host_officer", "created_by"),
        heading="title",
    ),
    _s("applications", "Placement applications", "mentoring.Application", "applicant"),
    _s("placement_feedback", "Placement feedback you gave", "mentoring.Feedback", "author"),
    _s("mentor_offer", "Your offer to mentor", "mentoring.MentorOffer", "mentor"),
    _s("mentoring_requests", "Your requests for a mentor", "mentoring.MentoringRequest", "mentee"),
    _s(
        "mentorships",
        "Mentoring pairs",
        "mentoring.Mentorship",
        ("request__mentee", "offer__mentor"),
    ),
    _s("calendar_feed", "Your calendar feed", "mentoring.CalendarFeed", "user", exclude=["token"]),
    _s("liveblog_entries", "Liveblog entries", "liveblogs.Entry", "author"),
    _s(
        "event_registrations",
        "Event registrations",
        ("events.Registration", "cms.EventRegistration"),
        ("user", "attendee"),
    ),
    _s("event_invitations", "Invitations to events", "events.Invitation", "user"),
    _s("editor_comments", "Comments in the page editor", "wagtailcore.Comment", "user"),
    _s("editor_comment_replies", "Replies in the page editor", "wagtailcore.CommentReply", "user"),
    _s("admin_preferences", "Admin preferences", "wagtailusers.UserProfile", "user"),
    _s("data_exports", "Data exports", "accounts.DataExport", "user", exclude=["archive"]),
]

# "app_label.Model.field" -> why that link is not part of the person's export.
NOT_EXPORTED = {
    "members.User.decided_by": "names who decided someone's membership: another person",
    "forum.Thread.last_poster": "a copy of the latest post's author, shown with the posts",
    "forum.PostRevision.replaced_by": "who edited a post; the post's own history is exported",
    "forum.Report.resolved_by": "the moderator who closed someone else's report",
    "ideasbank.Report.resolved_by": "the moderator who closed someone else's report",
    "mentoring.Application.decided_by": "a lead's decision on someone else's application",
    "accounts.DataExport.requested_by": "the editor who prepared someone else's export",
    "events.Invitation.invited_by": "an editor's invitation of someone else",
    "admin.LogEntry.user": "staff activity in the Django admin",
    "wagtailcore.Page.owner": "network pages, not personal content",
    "wagtailcore.Page.locked_by": "a page lock in the editor",
    "wagtailcore.Revision.user": "page drafts written for the network",
    "wagtailcore.ModelLogEntry.user": "the audit log of staff actions",
    "wagtailcore.PageLogEntry.user": "the audit log of staff actions",
    "wagtailcore.WorkflowState.requested_by": "the page approval workflow",
    "wagtailcore.TaskState.finished_by": "the page approval workflow",
    "wagtailcore.UploadedFile.uploaded_by_user": "a temporary upload in the editor",
    "wagtailcore.APIToken.user": "an access credential, never handed out",
    "wagtailcore.PageSubscription.user": "editor notification settings for network pages",
    "wagtailcore.Comment.resolved_by": "resolving someone else's editor comment",
    "wagtailadmin.EditingSession.user": "a short-lived editing lock",
    "wagtailadmin.FormState.user": "a short-lived unsaved form in the editor",
    "wagtaildocs.Document.uploaded_by_user": "documents published for the network",
    "wagtailimages.Image.uploaded_by_user": "images published for the network",
}


def user_links():
    """Every (model, field) whose foreign key points at the user model, once."""
    User = get_user_model()
    seen = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if not (f.concrete and f.is_relation and f.related_model is User):
                continue
            if f.many_to_many:
                continue
            key = f"{f.model._meta.label}.{f.name}"
            if key not in seen:
                seen.add(key)
                yield f.model, f


def covered_links() -> set[str]:
    covered = set()
    for section in SECTIONS:
        model = section.model()
        if model is None:
            continue
        for owner in section.owners:
            if "__" not in owner:
                try:
                    f = model._meta.get_field(owner)
                except Exception:  # noqa: S112 - a section lists owners for several versions
                    continue
                covered.add(f"{f.model._meta.label}.{f.name}")
    return covered


def other_sections() -> list[Section]:
    """Sections built for user links that nothing above reads or excludes."""
    covered = covered_links()
    extra = {}
    for model, f in user_links():
        key = f"{model._meta.label}.{f.name}"
        if key in covered or key in NOT_EXPORTED or model is get_user_model():
            continue
        label = model._meta.label
        extra.setdefault(label, []).append(f.name)
    return [
        _s(
            f"other:{label}",
            f"Other records: {apps.get_model(label)._meta.verbose_name_plural}",
            label,
            tuple(owners),
        )
        for label, owners in sorted(extra.items())
    ]


def rows_for(section: Section, user):
    model = section.model()
    if model is None:
        return None
    fields = {f.name for f in model._meta.get_fields()}
    q = Q()
    for owner in section.owners:
        if owner.split("__")[0] in fields:
            q |= Q(**{owner: user})
    if not q:
        return None
    return model._base_manager.filter(q).order_by("pk").distinct()


def jsonable(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def serialise(obj, user, exclude=frozenset()) -> dict:
    """One row as plain data: other people's identities and derived HTML left out."""
    User = get_user_model()
    row = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude or f.name.endswith("_html") or f.get_internal_type() == "BinaryField":
            continue
        value = getattr(obj, f.attname)
        if f.is_relation and f.related_model is User:
            if value == user.pk:
                row[f.name] = "you"
            continue
        row[f.attname if f.is_relation else f.name] = jsonable(value)
    return row
