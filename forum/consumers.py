"""Live replies: readers of a thread hear "post N was added", then fetch it over HTTP."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from forum import events, permissions
from forum.models import Thread


@database_sync_to_async
def _can_view(user, thread_id: int) -> bool:
    thread = Thread.objects.select_related("category").filter(pk=thread_id).first()
    return thread is not None and permissions.can_view_thread(user, thread)


@database_sync_to_async
def _last_number(thread_id: int) -> int:
    return Thread.objects.filter(pk=thread_id).values_list("last_number", flat=True).first() or 0


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open thread page; the group carries only post numbers."""

    async def connect(self):
        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        if not await _can_view(self.scope.get("user"), thread_id):
            await self.close(code=4403)
            return
        self.thread_id = thread_id
        self.group = events.thread_group(thread_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Whatever was posted between the page's render (or a dropped
        # connection) and now: the reader catches up from this number.
        await self.send_json(events.thread_latest_frame(await _last_number(thread_id)))

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Writes arrive over HTTP; the socket only listens, so any frame a
        # client sends (text, JSON or not, or binary) is ignored.
        return

    async def post_created(self, event):
        await self.send_json(events.post_created_frame(event))

    async def access_changed(self, event):
        # The thread was moved or hidden: readers who may no longer see it leave.
        if not await _can_view(self.scope.get("user"), self.thread_id):
            await self.close(code=4403)
