"""WebSocket routes of every app, gathered in one list."""

from liveblogs.routing import websocket_urlpatterns as liveblog_routes

websocket_urlpatterns = [*liveblog_routes]
