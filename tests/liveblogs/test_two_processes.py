"""Two daphne processes sharing Redis and PostgreSQL: a reader on one sees a post via the other."""

import asyncio
import json
import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
import websockets
from django.conf import global_settings

from tests import factories
from tests.liveblogs.conftest import run_async

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/4", "CHANNEL_LAYER_PREFIX": "hub-test-two"}


@pytest.fixture(autouse=True)
def _real_password_hashers(settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def signed_in_opener(server, email):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{server.url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": factories.PASSWORD}
    ).encode()
    opener.open(
        urllib.request.Request(
            f"{server.url}/accounts/login/", data=data, headers={"Referer": server.url}
        )
    )
    return opener, jar


def csrf_from(opener, url):
    html = opener.open(url).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_reader_on_one_process_receives_an_entry_posted_through_the_other(
    hub_server_factory, liveblog, editor
):
    server_a = hub_server_factory(env=REDIS)
    server_b = hub_server_factory(env=REDIS)
    opener, _ = signed_in_opener(server_b, editor.email)
    page_url = f"{server_b.url}{liveblog.url}"
    token = csrf_from(opener, page_url)

    async def run():
        async with websockets.connect(
            f"{server_a.ws_url}/ws/liveblogs/{liveblog.pk}/",
            origin=f"http://127.0.0.1:{server_a.port}",
        ) as socket:
            await socket.send(json.dumps({"since": 0}))
            assert json.loads(await asyncio.wait_for(socket.recv(), 5))["type"] == "ready"
            request = urllib.request.Request(
                f"{page_url}entries/",
                data=urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": token, "body": "Posted through B"}
                ).encode(),
                headers={"Accept": "application/json", "Referer": page_url},
            )
            response = await asyncio.to_thread(opener.open, request)
            assert json.loads(response.read())["change"]["seq"] == 1
            message = json.loads(await asyncio.wait_for(socket.recv(), 5))
            assert (message["type"], message["seq"], message["op"]) == ("entry", 1, "created")
            assert "Posted through B" in message["html"]

    run_async(run)
