"""Every write in the ideas bank: permission, validation, one transaction, then notices.

One module per journey (ideas, votes, comments, stages, evidence, moderation);
callers import the services from here.
"""

from ideasbank.services.base import (
    BODY_MAX,
    COMMENT_MAX,
    NOTE_MAX,
    REASON_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    list_version,
    voted_ids_key,
)
from ideasbank.services.comments import comment_create, comment_delete, comment_edit
from ideasbank.services.evidence import evidence_record
from ideasbank.services.ideas import idea_create, idea_follow_set, idea_update
from ideasbank.services.moderation import moderation_set_hidden, report_create
from ideasbank.services.stages import idea_mark_duplicate, idea_stage_change
from ideasbank.services.votes import VoteResult, idea_vote_toggle

__all__ = [
    "BODY_MAX",
    "COMMENT_MAX",
    "NOTE_MAX",
    "REASON_MAX",
    "SUMMARY_MAX",
    "TITLE_MAX",
    "VoteResult",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "evidence_record",
    "idea_create",
    "idea_follow_set",
    "idea_mark_duplicate",
    "idea_stage_change",
    "idea_update",
    "idea_vote_toggle",
    "list_version",
    "moderation_set_hidden",
    "report_create",
    "voted_ids_key",
]
