"""A refusal (403) is logged once, at WARNING, without a traceback, under DEBUG or not."""

import io
import logging

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.test import RequestFactory
from django.utils.log import configure_logging


@pytest.fixture
def site_logging():
    """The site's logging as Django sets it up; every console handler writes to one buffer."""
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)
    buffer = io.StringIO()
    loggers = [logging.getLogger(), *map(logging.getLogger, logging.Logger.manager.loggerDict)]
    for logger in loggers:
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler:
                handler.setStream(buffer)
    yield buffer
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


def _lines(buffer) -> list[str]:
    return [line for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize("debug", [True, False])
def test_a_refused_request_is_one_line_without_a_traceback(site_logging, settings, debug, db):
    settings.DEBUG = debug
    request = RequestFactory().get("/ideas/new/")
    # Django's own handler answers a PermissionDenied that no middleware took,
    # and logs it with the exception attached.
    response = response_for_exception(request, PermissionDenied("Only members."))
    assert response.status_code == 403
    assert _lines(site_logging) == ["Forbidden (Permission denied): /ideas/new/"]


def test_the_refusal_record_is_a_warning_with_no_exception(site_logging, caplog, db):
    request = RequestFactory().get("/ideas/new/")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response_for_exception(request, PermissionDenied("Only members."))
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None


def test_a_refusal_through_the_error_layer_is_logged_once(
    site_logging, settings, client_for, pending
):
    settings.DEBUG = True
    response = client_for(pending).get("/ideas/new/")
    assert response.status_code == 403
    assert _lines(site_logging) == ["Forbidden: /ideas/new/"]


def test_server_errors_keep_their_traceback(site_logging, settings, db):
    settings.DEBUG = False
    request = RequestFactory().get("/boom/")
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        response_for_exception(request, error)
    err = site_logging.getvalue()
    assert "Internal Server Error: /boom/" in err
    assert "Traceback" in err and "RuntimeError: boom" in err
