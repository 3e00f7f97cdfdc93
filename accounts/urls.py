from django.urls import path

from accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/<int:pk>/download/", views.download, name="download"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
    # Same path as allauth's own callback, served first: it checks signatures.
    path(
        "oidc/<str:provider_id>/login/callback/",
        oidc.callback,
        name="oidc_callback",
    ),
]
