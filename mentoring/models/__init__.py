"""Models for shadowing placements (placements.py) and mentoring (mentorships.py)."""

from mentoring.models.mentorships import (
    MentoringRequest,
    MentoringRequestTag,
    MentorOffer,
    MentorOfferTag,
    Mentorship,
)
from mentoring.models.placements import (
    NOTE_MAX,
    STATEMENT_MAX,
    Application,
    CalendarFeed,
    Feedback,
    Format,
    Placement,
    PlacementTag,
    new_feed_token,
)

__all__ = [
    "NOTE_MAX",
    "STATEMENT_MAX",
    "Application",
    "CalendarFeed",
    "Feedback",
    "Format",
    "MentorOffer",
    "MentorOfferTag",
    "MentoringRequest",
    "MentoringRequestTag",
    "Mentorship",
    "Placement",
    "PlacementTag",
    "new_feed_token",
]
