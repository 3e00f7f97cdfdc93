"""Writes for shadowing placements and mentoring, one module per journey.

placements (offer, edit, change state), applications (apply, decide, withdraw),
feedback (feedback after a visit, the draft case study), reminders (email before
a visit), calendar (the secret feed address) and mentorships (offers, requests,
pairs). Each service checks permission, validates, writes in a transaction and
tells people through notifications; refusals are PermissionDenied, bad input a
ValidationError of field -> messages (see core/errors.py).
"""
