"""Pages for shadowing placements and mentoring, one module per journey.

Views are thin: parse the request, call a service (through core.forms.submit
for forms) or a queryset, render. Refusals and bad input raised by services are
answered by core.errors.ServiceErrorMiddleware; no view catches them.
"""
