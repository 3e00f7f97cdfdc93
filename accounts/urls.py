from django.urls import path

from accounts import oidc

app_name = "accounts"
urlpatterns = [
    # Same path as allauth's own callback, served first: it checks signatures.
    path(
        "oidc/<str:provider_id>/login/callback/",
        oidc.callback,
        name="oidc_callback",
    ),
]
