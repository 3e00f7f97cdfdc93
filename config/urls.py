from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import views as site_views
from core import views as core_views

# A static page: no database or context processor (config/views.py).
handler500 = site_views.server_error

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before allauth: data rights, and the OpenID Connect callback that checks signatures.
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("notifications/", include("notifications.urls")),
    path("ideas/", include("ideasbank.urls")),
    path("discussions/", include("forum.urls")),
    path("shadowing/", include("mentoring.urls")),
    # A liveblog's composer posts here by the page's id, outside Wagtail's tree walk.
    path("liveblog-composer/", include("liveblogs.urls")),
    path("search/", core_views.search, name="search"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("favicon.ico", site_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents go through /documents/, which checks page privacy.
    for folder in ("original_images", "images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=f"{settings.MEDIA_ROOT}/{folder}"
        )

# Wagtail serves every other path from its page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
