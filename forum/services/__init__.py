"""Every write in the discussions, one module per journey.

``threads`` (start, answer), ``posts`` (reply, edit, delete, restore),
``read_state`` (how far each member has read), ``watching`` (watch, and who
hears of a new post), ``moderation`` (pin, lock, hide, move) and ``reports``
(report a post, resolve it). Each service checks permission, validates, writes
in a transaction and sends its events and notifications on commit.
"""
