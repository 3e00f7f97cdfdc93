"""The discussions' pages, one module per journey; forum/urls.py routes to them.

``browse`` (index, category, search), ``threads`` (a thread's pages and posts),
``posts`` (start, reply, edit, delete, answer), ``watching``, ``moderation``
and ``reports``. Views parse the request, call one service or queryset and
render; refusals raised by services are answered by core.errors.
"""
