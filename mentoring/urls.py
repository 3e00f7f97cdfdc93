"""Addresses under /shadowing/: placements, applications, calendars and mentoring."""

from django.urls import path

from mentoring.views import applications, calendar, feedback, mentorships, placements

app_name = "mentoring"
urlpatterns = [
    path("", placements.placement_list, name="placement_list"),
    path("placements/new/", placements.placement_create, name="placement_create"),
    path("placements/<int:pk>/", placements.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/edit/", placements.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/state/", placements.placement_state, name="placement_state"),
    path("placements/<int:pk>/apply/", applications.placement_apply, name="placement_apply"),
    path(
        "placements/<int:pk>/case-study/",
        feedback.placement_case_study,
        name="placement_case_study",
    ),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/decide/", applications.application_decide, name="application_decide"
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/feedback/",
        feedback.application_feedback,
        name="application_feedback",
    ),
    path("applications/<int:pk>/calendar.ics", calendar.application_ics, name="application_ics"),
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("council/", placements.council_placements, name="council_placements"),
    path("mentoring/", mentorships.mentoring_home, name="mentoring"),
    path("mentoring/offer/", mentorships.mentor_offer_save, name="mentor_offer_save"),
    path("mentoring/requests/new/", mentorships.mentoring_request_create, name="request_create"),
    path("mentoring/requests/<int:pk>/", mentorships.request_detail, name="request_detail"),
    path(
        "mentoring/requests/<int:pk>/ask/<int:offer_pk>/",
        mentorships.mentorship_ask,
        name="mentorship_ask",
    ),
    path("mentoring/pairs/<int:pk>/close/", mentorships.mentorship_close, name="mentorship_close"),
    path(
        "mentoring/pairs/<int:pk>/<str:decision>/",
        mentorships.mentorship_decide,
        name="mentorship_decide",
    ),
]
