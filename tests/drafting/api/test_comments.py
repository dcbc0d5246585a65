"""Comments: Markdown kept, body_html sanitized, anchors checked, replies, suggestions."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from drafting.models import Comment, Provision
from drafting.text.markdown import ALLOWED_TAGS
from tests.drafting.api.conftest import World, module_fixtures

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![img](https://evil.example/pixel.png)",
    '<svg onload="alert(1)"></svg>',
    "**bold** <b onmouseover=alert(1)>b</b>",
]


users_by_role, world, staff = module_fixtures("staff")


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_harmless(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, html
        assert not [name for name in attrs if name.startswith("on") or name == "style"], html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:")), html


def new_thread(client, w: World, body: str, **extra):
    text = w.provision.current_revision.text_zh
    start = text.index("罚金")
    return client.post(
        reverse("api:comment-list"),
        {
            "provision": w.provision.pk,
            "revision": w.provision.current_revision_id,
            "body": body,
            "anchor": {"language": "zh", "exact": "罚金", "start": start, "end": start + 2},
            **extra,
        },
        format="json",
    )


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_markdown_is_kept_as_source_and_rendered_harmless(world, client_for, body):
    response = new_thread(client_for("reviewer"), world, body)
    assert response.status_code == 201
    data = response.json()
    assert data["body"] == body  # the source is kept as written
    assert_harmless(data["body_html"])
    assert "<script" not in data["body_html"]
    # What comes back on reading is the same safe rendering.
    listed = client_for("viewer").get(reverse("api:comment-detail", args=[data["id"]])).json()
    assert listed["body_html"] == data["body_html"]


def test_markdown_renders_to_safe_formatting(world, client_for):
    response = new_thread(
        client_for("reviewer"), world, "**Five** years, see [art. 3](https://example.org)"
    )
    html = response.json()["body_html"]
    assert "<strong>Five</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_a_thread_keeps_its_anchor_and_a_reply_has_none(world, client_for):
    client = client_for("reviewer")
    thread = new_thread(client, world, "Why a fine?").json()
    assert thread["anchor"]["exact"] == "罚金"
    reply = client.post(
        reverse("api:comment-list"), {"parent": thread["id"], "body": "Because."}, format="json"
    ).json()
    assert reply["anchor"] is None
    assert reply["parent"] == thread["id"]
    assert reply["revision"] == thread["revision"]
    got = client.get(reverse("api:comment-detail", args=[thread["id"]])).json()
    assert got["reply_count"] == 1


def test_filter_comments_by_provision_revision_and_status(world, client_for):
    client = client_for("drafter")
    url = reverse("api:comment-list")
    assert client.get(url, {"provision": world.provision.pk}).json()["count"] == 3
    assert client.get(url, {"status": "resolved"}).json()["count"] == 1
    assert client.get(url, {"revision": world.provision.current_revision_id}).json()["count"] == 3
    assert client.get(url, {"provision": 999999}).json()["count"] == 0


def test_accepting_a_suggestion_makes_a_new_revision(world, client_for):
    client = client_for("drafter")
    response = client.post(reverse("api:comment-accept", args=[world.suggestion.pk]))
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    provision = Provision.objects.get(pk=world.provision.pk)
    assert response.json()["applied_revision"] == provision.current_revision_id
    assert "十年以下有期徒刑" in provision.current_revision.text_zh


def test_deciding_twice_is_400(world, client_for):
    client = client_for("drafter")
    client.post(reverse("api:comment-reject", args=[world.suggestion.pk]))
    again = client.post(reverse("api:comment-accept", args=[world.suggestion.pk]))
    assert again.status_code == 400
    assert Comment.objects.get(pk=world.suggestion.pk).status == "rejected"


def test_hidden_comments_are_not_shown(world, client_for, staff):
    Comment.objects.filter(pk=world.thread.pk).update(hidden=True)
    client = client_for("reviewer")
    assert client.get(reverse("api:comment-detail", args=[world.thread.pk])).status_code == 404
    assert client.get(reverse("api:comment-list")).json()["count"] == 2
