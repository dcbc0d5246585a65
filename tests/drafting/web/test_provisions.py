"""The provision page: who sees it, the controls each role gets, and what it shows (the history's
links, obligations, the redline from current law, comment threads: highlighted, inert, hidden,
orphaned, and a long list of them)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from drafting import services
from drafting.models import Comment, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import shared_provision
from tests.drafting.web.provision_pages import WORDS, client_for, comment_on, page
from tests.factories import (
    ArticleFactory,
    InstrumentFactory,
    MembershipFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
)

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


# --- the page: who sees what ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("staff", 404),
        ("viewer", 200),
        ("reviewer", 200),
        ("drafter", 200),
    ],
)
def test_page_visibility(users_by_role, provision, role, status):
    response = client_for(users_by_role[role]).get(page(provision))
    assert response.status_code == status
    body = response.content.decode()
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if status == 404:
        assert provision.current_revision.text_zh not in body
    if status == 200:
        assert provision.current_revision.text_zh in body
        assert provision.current_revision.text_en in body


def test_viewer_reads_but_gets_no_comment_or_edit_controls(viewer, provision):
    body = client_for(viewer).get(page(provision)).content.decode()
    assert 'id="comment-form"' not in body
    assert reverse("drafting:provision_edit", kwargs={"pk": provision.pk}) not in body


def test_reviewer_gets_the_comment_form_but_no_edit_link(reviewer, provision):
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert 'id="comment-form"' in body
    assert reverse("drafting:provision_edit", kwargs={"pk": provision.pk}) not in body


def test_drafter_gets_the_edit_link(drafter, provision):
    body = client_for(drafter).get(page(provision)).content.decode()
    assert reverse("drafting:provision_edit", kwargs={"pk": provision.pk}) in body


def test_revision_history_links_to_compare(drafter, provision):
    body = client_for(drafter).get(page(provision)).content.decode()
    compare = reverse("drafting:compare", kwargs={"pk": provision.pk})
    assert f"{compare}?a=1&amp;b=2" in body


def test_obligations_are_labelled_binding_or_persuasive(drafter, provision):
    binding = ObligationFactory(code="OPSC-3-1-c", instrument=InstrumentFactory(code="OPSC"))
    persuasive = ObligationFactory(
        code="BUD-9-1-e",
        instrument=InstrumentFactory(code="BUDAPEST", kind="regional", china_status="not_party"),
    )
    for obligation, extent in ((binding, "full"), (persuasive, "partial")):
        services.obligation_link(
            actor=drafter,
            provision=provision,
            obligation=obligation,
            extent=extent,
            rationale=f"Covers {obligation.code}.",
        )
    provision.proposals.add(ProposalFactory(code="c", title_en="Punish without profit motive"))
    body = client_for(drafter).get(page(provision)).content.decode()
    assert binding.binding_on_china and not persuasive.binding_on_china
    assert "binding on China" in body
    assert "Persuasive only: not binding on China" in body
    assert "Covers BUD-9-1-e." in body
    assert "Punish without profit motive" in body


@pytest.mark.parametrize(
    ("operation", "paragraphs", "text", "deleted", "inserted"),
    [
        ("replace_article", [], "新的全文。", "违反国家规定", "新的全文"),
        ("replace_paragraphs", [2], "单位犯前款罪的，处罚金。", None, None),
        ("insert_articles", [], "第一条之一 新增条文。", None, "第一条之一 新增条文。"),
        ("repeal_article", [], "", "违反国家规定", None),
    ],
)
def test_redline_from_current_law(drafter, bill, operation, paragraphs, text, deleted, inserted):
    article = ArticleFactory(instrument=bill.target_instrument)
    provision = services.provision_create(
        actor=drafter,
        bill=bill,
        operation=operation,
        target_article=article,
        paragraphs=paragraphs,
        title_en="Item",
        text_zh=text,
    )
    body = client_for(drafter).get(page(provision)).content.decode()
    redline = body.split('<div class="redline lang-zh" lang="zh-Hans">', 1)[1].split("</div>")[0]
    if deleted:
        assert f">{deleted}" in redline.split("</del>")[0]
    if inserted:
        assert inserted in redline.split('class="redline-ins"', 1)[1]
    if operation == "replace_paragraphs":
        assert "违反国家规定" not in redline  # paragraph 1 is not touched
        assert "单位犯前款罪的" in redline and "redline-del" in redline
    if operation == "insert_articles":
        assert "redline-del" not in redline
    if operation == "repeal_article":
        assert "redline-ins" not in redline


# --- comment threads on the page ------------------------------------------------------------


def test_hostile_markdown_renders_inert(reviewer, drafter, provision):
    hostile = (
        "<script>alert('x')</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n'
        "[click me](javascript:alert(1)) and [ok](https://example.org)"
    )
    thread = comment_on(provision, reviewer, body=hostile)
    services.comment_reply(actor=drafter, parent=thread, body='<a href="javascript:x">r</a>')
    body = client_for(drafter).get(page(provision)).content.decode()
    tags = Tags()
    tags.feed(body)
    assert "img" not in tags.names
    assert all(src.startswith("/static/") for src in tags.script_sources)
    assert not [a for a in tags.attributes if a[0].startswith("on")]
    assert not [v for n, v in tags.attributes if n == "href" and "javascript" in (v or "")]
    assert "https://example.org" in [v for n, v in tags.attributes if n == "href"]
    assert "&lt;script&gt;" in body  # shown as text, harmless


class Tags(HTMLParser):
    """Every tag name, attribute and script source of a page."""

    def __init__(self):
        super().__init__()
        self.names, self.attributes, self.script_sources = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes.extend(attrs)
        if tag == "script":
            self.script_sources.append(dict(attrs).get("src") or "inline")


def test_threads_are_highlighted_and_listed(reviewer, drafter, provision):
    thread = comment_on(provision, reviewer, body="**Too lenient** for production.")
    services.comment_reply(actor=drafter, parent=thread, body="Agreed, raising it.")
    body = client_for(viewer_of(provision)).get(page(provision)).content.decode()
    assert f'<mark class="comment-mark" data-thread="{thread.pk}">{WORDS}</mark>' in body
    assert f'id="thread-{thread.pk}"' in body
    assert "<strong>Too lenient</strong>" in body
    assert "Agreed, raising it." in body


def viewer_of(provision):
    return MembershipFactory(bill=provision.bill, role=Role.VIEWER).user


def test_hidden_comments_are_not_shown(reviewer, drafter, overseer, provision):
    shown = comment_on(provision, reviewer, body="A fair point.")
    hidden = comment_on(provision, reviewer, "并处罚金", body="Off-topic remark.")
    reply = services.comment_reply(actor=drafter, parent=shown, body="Moderated reply.")
    services.comment_set_hidden(actor=overseer, comment=hidden, hidden=True, reason="离题。")
    services.comment_set_hidden(actor=overseer, comment=reply, hidden=True, reason="离题。")
    body = client_for(drafter).get(page(provision)).content.decode()
    assert "A fair point." in body
    assert "Off-topic remark." not in body
    assert "Moderated reply." not in body
    assert f'data-thread="{hidden.pk}"' not in body
    url = reverse("drafting:comment_resolve", kwargs={"pk": hidden.pk})
    assert client_for(drafter).post(url).status_code == 404


def test_comments_on_older_revisions_reanchor_or_stay_as_orphans(reviewer, drafter, provision):
    old = provision.current_revision
    moved = comment_on(provision, reviewer, "传播儿童性侵害材料", body="Define this term.")
    gone = comment_on(provision, reviewer, "并处罚金", body="Fine amount?")
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=old,
        text_zh="总则：为保护未成年人，制作、传播儿童性侵害材料的，处五年以上有期徒刑。",
        text_en=old.text_en,
    )
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert f'<mark class="comment-mark" data-thread="{moved.pk}">传播儿童性侵害材料</mark>' in body
    orphans = body.split('id="orphaned-title"', 1)[1]
    assert f'id="thread-{gone.pk}"' in orphans
    assert "并处罚金" in orphans and "Fine amount?" in orphans
    assert f'id="thread-{moved.pk}"' not in orphans


def test_threads_beyond_a_screenful_wait_behind_show_all(reviewer, bill, settings):
    from drafting.web import provision_page as provisions_view

    provision = ProvisionFactory(bill=bill)
    revision = provision.current_revision
    for n in range(provisions_view.THREADS_SHOWN + 5):
        Comment.objects.create(
            provision=provision,
            revision=revision,
            author=reviewer,
            body=f"意见第{n}号。",
            anchor_language="zh",
            anchor_exact=revision.text_zh[:2],
            anchor_start=0,
            anchor_end=2,
        )
    client = client_for(reviewer)
    page_html = client.get(page(provision)).content.decode()
    shown = sum(f"意见第{n}号" in page_html for n in range(provisions_view.THREADS_SHOWN + 5))
    assert shown == provisions_view.THREADS_SHOWN
    assert "?threads=all" in page_html and "30 comment threads" in page_html
    every = client.get(page(provision) + "?threads=all").content.decode()
    assert all(f"意见第{n}号" in every for n in range(provisions_view.THREADS_SHOWN + 5))
    assert 'href="?threads=all#threads-title"' not in every
