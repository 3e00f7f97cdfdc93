"""Logging filters named in settings.LOGGING (imported while Django sets up: no models here)."""

import logging


class RefusalLogFilter(logging.Filter):
    """On ``django.request``: a refusal (403) is one WARNING line, never a traceback.

    A 403 is the site working as meant (core.errors answers every refusal);
    Django attaches the PermissionDenied's traceback when one reaches its own
    exception handler, which buries the real errors in the log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
