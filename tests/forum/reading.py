"""Reading a thread page in tests: its HTML, and one post's article in it."""

import re


def thread_page_html(client, thread, page="1") -> str:
    response = client.get(thread.get_absolute_url(), {"page": page})
    assert response.status_code == 200
    return response.content.decode()


def post_article(html, number) -> str:
    match = re.search(rf'<article [^>]*id="post-{number}".*?</article>', html, re.S)
    assert match, f"post #{number} is not on the page"
    return match.group(0)
