"""Bench-only ASGI app: the bare Channels baseline.

Every reader is an AsyncJsonWebsocketConsumer that joins one group; a POST to
/trigger/ makes one group_send carrying the body as the frame.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from channels.generic.websocket import AsyncJsonWebsocketConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

GROUP = "bench.bare"


class BareConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def bench_frame(self, event):
        await self.send(text_data=event["frame"])


async def trigger(scope, receive, send):
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["type"] == "http" and scope["path"] == "/trigger/":
        await get_channel_layer().group_send(GROUP, {"type": "bench.frame", "frame": body.decode()})
        status = 200
    else:
        status = 404
    await send({"type": "http.response.start", "status": status, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


application = ProtocolTypeRouter(
    {
        "http": trigger,
        "websocket": URLRouter([path("ws/bare/", BareConsumer.as_asgi())]),
    }
)
