"""The readers' WebSocket route, /ws/liveblogs/<page id>/."""

from django.urls import path

from liveblogs.consumers import LiveblogConsumer

websocket_urlpatterns = [
    path("ws/liveblogs/<int:page_id>/", LiveblogConsumer.as_asgi()),
]
