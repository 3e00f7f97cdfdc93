"""URLs of the members app, under /members/."""

from django.urls import path

from members.views import account, councils, map, people

app_name = "members"
urlpatterns = [
    path("account/", account.account, name="account"),
    path("requests/", account.membership_requests, name="requests"),
    path("requests/<int:pk>/<str:decision>/", account.membership_decide, name="decide"),
    path("councils/", councils.council_list, name="council_list"),
    path("councils/map/", map.council_map, name="council_map"),
    path("councils/<slug:slug>/", councils.council_detail, name="council_detail"),
    path("councils/<slug:slug>/edit/", councils.council_edit, name="council_edit"),
    path("people/", people.people_list, name="people"),
    path("people/<int:pk>/", people.profile_detail, name="profile"),
]
