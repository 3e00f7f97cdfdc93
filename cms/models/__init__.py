"""Wagtail page types for network content: home, standard, library, work programme and events."""

from cms.models.event_pages import EventIndexPage, EventPage, EventRelatedItem
from cms.models.library import (
    LIBRARY_PAGE_TYPES,
    BriefingPage,
    BriefingTag,
    CaseStudyPage,
    CaseStudyTag,
    GuideStep,
    GuideTag,
    HowToGuidePage,
    LibraryIndexPage,
    LibraryItem,
    PublicationPage,
    PublicationTag,
)
from cms.models.pages import HomePage, StandardPage
from cms.models.projects import (
    PolicyLabPage,
    PolicyProjectPage,
    PolicyPrototypePage,
    Principle,
    ProjectIdea,
    ProjectTag,
    ProjectUpdate,
)

__all__ = [
    "LIBRARY_PAGE_TYPES",
    "BriefingPage",
    "BriefingTag",
    "CaseStudyPage",
    "CaseStudyTag",
    "EventIndexPage",
    "EventPage",
    "EventRelatedItem",
    "GuideStep",
    "GuideTag",
    "HomePage",
    "HowToGuidePage",
    "LibraryIndexPage",
    "LibraryItem",
    "PolicyLabPage",
    "PolicyProjectPage",
    "PolicyPrototypePage",
    "Principle",
    "ProjectIdea",
    "ProjectTag",
    "ProjectUpdate",
    "PublicationPage",
    "PublicationTag",
    "StandardPage",
]
