"""Writes about members, one module per journey.

``membership`` (what a verified address does, who hears of a request, confirm
and refuse, each decision in Wagtail's audit log), ``profiles`` (a member
edits their own profile) and ``councils`` (a council's lead edits its profile,
key contacts and advocates, logged too). Refusals are PermissionDenied, bad input a
ValidationError of field -> messages (see core/errors.py).
"""
