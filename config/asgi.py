"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Build the Django application first so apps are loaded before routing imports.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402
from core.sockets import SpreadPings  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SpreadPings(
            AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
        ),
    }
)

# What start-up built lives as long as the process: keep it out of the garbage
# collector's full collections, which took 0.8-3.1 s with 1,000 liveblog readers
# connected and delayed every reader of a broadcast.
gc.collect()
gc.freeze()
# What a connected WebSocket holds (about 170 tracked objects a reader) is
# scanned by every full collection: 120-160 ms with 1,000 readers, during which
# no frame goes out. Keep-alive pings and requests promote enough objects for
# one every 20-40 s at Python's default (a full collection after 10 of the
# middle generation's); after 100 of them, one run of bench/liveblog_fanout.py
# saw one instead of four, with the same memory per reader. Garbage cycles in
# the oldest generation wait longer to be freed; all else is freed as before.
gc.set_threshold(700, 10, 100)
