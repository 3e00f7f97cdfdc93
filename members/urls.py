"""URLs of the members app, under /members/."""

from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("requests/", views.membership_requests, name="requests"),
    path(
        "requests/<int:pk>/<str:decision>/",
        views.membership_decide,
        name="decide",
    ),
    path("councils/", views.council_list, name="council_list"),
    path("councils/<slug:slug>/", views.council_detail, name="council_detail"),
]
