"""The composer's endpoint outside the page tree: posting an entry by the liveblog's id.

Routing a POST through Wagtail's page tree cost a query per level of the path
(the site, each ancestor, the page's specific row) and a second privacy lookup
in Wagtail's own serve hook before the view ran. Included by config/urls.py
under `liveblog-composer/`; the page's other routes stay on the page.
"""

from django.urls import path

from liveblogs import views

app_name = "liveblogs"

urlpatterns = [
    path("<int:page_id>/entries/", views.entry_create_by_id, name="entry_create"),
]
