from django.urls import path

from mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.placement_list, name="placement_list"),
    path("placements/new/", views.placement_create, name="placement_create"),
    path("placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/state/", views.placement_state, name="placement_state"),
    path("placements/<int:pk>/apply/", views.placement_apply, name="placement_apply"),
    path(
        "placements/<int:pk>/case-study/", views.placement_case_study, name="placement_case_study"
    ),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path(
        "applications/<int:pk>/feedback/", views.application_feedback, name="application_feedback"
    ),
    path("applications/<int:pk>/calendar.ics", views.application_ics, name="application_ics"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("council/", views.council_placements, name="council_placements"),
    path("mentoring/", views.mentoring_home, name="mentoring"),
    path("mentoring/offer/", views.mentor_offer_save, name="mentor_offer_save"),
    path("mentoring/requests/new/", views.mentoring_request_create, name="request_create"),
    path("mentoring/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path(
        "mentoring/requests/<int:pk>/ask/<int:offer_pk>/",
        views.mentorship_ask,
        name="mentorship_ask",
    ),
    path("mentoring/pairs/<int:pk>/close/", views.mentorship_close, name="mentorship_close"),
    path(
        "mentoring/pairs/<int:pk>/<str:decision>/",
        views.mentorship_decide,
        name="mentorship_decide",
    ),
]
