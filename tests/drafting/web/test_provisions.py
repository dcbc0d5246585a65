"""The provision page, its comment threads, suggestions, workflow and the drafter's edit page."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from drafting import services
from drafting.models import Comment, Provision, ReviewEvent, Revision, Role
from tests.conftest import shared_roles
from tests.drafting.web.conftest import shared_logins, shared_provision
from tests.drafting.web.provision_pages import (
    WORDS,
    client_for,
    comment_on,
    edit_post,
    edit_url,
    page,
)
from tests.factories import (
    ArticleFactory,
    InstrumentFactory,
    MembershipFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks http; production redirects that to https."""
    settings.SECURE_SSL_REDIRECT = False


def comment_post(provision, exact=WORDS, **extra) -> dict:
    data = {
        "revision": provision.current_revision.pk,
        "language": "zh",
        "exact": exact,
        "body": "Should the minimum be higher?",
    }
    data.update(extra)
    return data


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


# --- comments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "stored"),
    [
        ("anonymous", 302, False),
        ("outsider", 404, False),
        ("staff", 404, False),
        ("viewer", 403, False),
        ("reviewer", 302, True),
        ("drafter", 302, True),
    ],
)
def test_comment_create_permissions(users_by_role, provision, role, status, stored):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(users_by_role[role]).post(url, comment_post(provision))
    assert response.status_code == status
    assert Comment.objects.filter(provision=provision).exists() is stored
    if stored:
        comment = Comment.objects.get(provision=provision)
        assert response["Location"].endswith(f"#thread-{comment.pk}")
        text = provision.current_revision.text_zh
        assert text[comment.anchor_start : comment.anchor_end] == WORDS


def test_comment_from_selection_counts_code_points_beyond_the_bmp(drafter, reviewer, bill):
    # 𠀀 is one code point but two UTF-16 units: the browser sends code-point offsets.
    provision = ProvisionFactory(bill=bill)
    text = "对𠀀𠀁等罕用字不影响定位：处五年以下有期徒刑。"
    revision = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=text,
        text_en="",
    )
    start = text.index(WORDS)
    assert start == 13
    data = comment_post(
        provision,
        revision=revision.pk,
        start=start,
        end=start + len(WORDS),
        prefix=text[:start],
        suffix=text[start + len(WORDS) :],
    )
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    assert client_for(reviewer).post(url, data).status_code == 302
    comment = Comment.objects.get(provision=provision)
    assert (comment.anchor_start, comment.anchor_end) == (13, 22)
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert f'<mark class="comment-mark" data-thread="{comment.pk}">{WORDS}</mark>' in body


@pytest.mark.parametrize(
    "bad",
    [
        {"exact": "这些词不在条文中"},
        {"start": 0, "end": 3},  # offsets that do not hold the words
        {"start": 5, "end": 5 + len(WORDS), "prefix": "wrong context"},
        {"language": "en"},  # Chinese words are not in the English text
        {"language": "fr"},
        {"body": "   "},
        {"body": "x" * (settings.MAX_COMMENT_BODY + 1)},
    ],
)
def test_bad_comment_is_refused_and_nothing_stored(reviewer, provision, bad):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(url, comment_post(provision, **bad))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_another_provisions_revision_is_refused(reviewer, provision, bill):
    other = ProvisionFactory(bill=bill)
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(
        url, comment_post(provision, revision=other.current_revision.pk)
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


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


# --- replies, resolving, suggestions --------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "stored"),
    [
        ("anonymous", 302, False),
        ("outsider", 404, False),
        ("staff", 404, False),
        ("viewer", 403, False),
        ("reviewer", 302, True),
        ("drafter", 302, True),
    ],
)
def test_reply_permissions(users_by_role, provision, role, status, stored):
    thread = comment_on(provision, users_by_role["drafter"])
    url = reverse("drafting:comment_reply", kwargs={"pk": thread.pk})
    response = client_for(users_by_role[role]).post(url, {"body": "I see it differently."})
    assert response.status_code == status
    assert thread.replies.exists() is stored


def test_empty_reply_is_refused(reviewer, provision):
    thread = comment_on(provision, reviewer)
    url = reverse("drafting:comment_reply", kwargs={"pk": thread.pk})
    response = client_for(reviewer).post(url, {"body": "  "})
    assert response.status_code == 400
    assert not thread.replies.exists()


@pytest.mark.parametrize(
    ("role", "status", "resolved"),
    [
        ("anonymous", 302, False),
        ("outsider", 404, False),
        ("staff", 404, False),
        ("viewer", 403, False),
        ("reviewer", 403, False),  # someone else's thread
        ("drafter", 302, True),
    ],
)
def test_resolve_permissions(users_by_role, provision, role, status, resolved):
    author = MembershipFactory(bill=provision.bill, role=Role.REVIEWER).user
    thread = comment_on(provision, author)
    url = reverse("drafting:comment_resolve", kwargs={"pk": thread.pk})
    response = client_for(users_by_role[role]).post(url)
    assert response.status_code == status
    thread.refresh_from_db()
    assert (thread.status == Comment.Status.RESOLVED) is resolved


def test_reviewer_resolves_and_reopens_own_thread(reviewer, provision):
    thread = comment_on(provision, reviewer)
    client = client_for(reviewer)
    client.post(reverse("drafting:comment_resolve", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.status == Comment.Status.RESOLVED
    assert "Reopen" in client.get(page(provision)).content.decode()
    response = client.post(reverse("drafting:comment_resolve", kwargs={"pk": thread.pk}))
    assert response.status_code == 400  # already resolved
    client.post(reverse("drafting:comment_reopen", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN


def test_reviewer_suggests_and_drafter_accepts(reviewer, drafter, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    data = comment_post(provision, has_suggestion="on", suggestion="处十年以下有期徒刑")
    assert client_for(reviewer).post(url, data).status_code == 302
    thread = Comment.objects.get()
    assert thread.suggestion == "处十年以下有期徒刑"
    accept = reverse("drafting:suggestion_accept", kwargs={"pk": thread.pk})
    reviewer_page = client_for(reviewer).get(page(provision)).content.decode()
    assert accept not in reviewer_page
    assert client_for(reviewer).post(accept).status_code == 403
    assert provision.revisions.count() == 2
    assert accept in client_for(drafter).get(page(provision)).content.decode()
    assert client_for(drafter).post(accept).status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.number == 3
    assert "处十年以下有期徒刑" in provision.current_revision.text_zh
    assert WORDS not in provision.current_revision.text_zh
    thread.refresh_from_db()
    assert thread.status == Comment.Status.ACCEPTED
    assert client_for(drafter).post(accept).status_code == 400  # decided already
    assert provision.revisions.count() == 3


def test_suggestion_without_text_suggests_deletion(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    client_for(reviewer).post(url, comment_post(provision, "，并处罚金", has_suggestion="on"))
    assert Comment.objects.get().suggestion == ""
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert "(delete these words)" in body


def test_drafter_rejects_a_suggestion(reviewer, drafter, provision):
    thread = comment_on(provision, reviewer, suggestion="处三年以下有期徒刑")
    reject = reverse("drafting:suggestion_reject", kwargs={"pk": thread.pk})
    assert client_for(reviewer).post(reject).status_code == 403
    assert client_for(drafter).post(reject).status_code == 302
    thread.refresh_from_db()
    assert thread.status == Comment.Status.REJECTED
    assert provision.revisions.count() == 2


def test_htmx_comment_answers_with_the_review_section(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(url, comment_post(provision), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="review"')
    assert "<html" not in body
    assert "Should the minimum be higher?" in body


def test_htmx_bad_comment_shows_errors_in_the_section(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(
        url, comment_post(provision, exact="不存在的词"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx only swaps 2xx answers
    assert 'class="errorlist' in response.content.decode()
    assert not Comment.objects.exists()


# --- workflow -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "moved"),
    [
        ("anonymous", 302, False),
        ("outsider", 404, False),
        ("staff", 404, False),
        ("viewer", 403, False),
        ("reviewer", 403, False),  # only drafters send a draft to review
        ("drafter", 302, True),
    ],
)
def test_transition_permissions(users_by_role, provision, role, status, moved):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(users_by_role[role]).post(url, {"to_status": "in_review"})
    assert response.status_code == status
    provision.refresh_from_db()
    assert (provision.status == Provision.Status.IN_REVIEW) is moved
    assert ReviewEvent.objects.exists() is moved


def test_request_changes_needs_a_note(drafter, reviewer, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    client_for(drafter).post(url, {"to_status": "in_review"})
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert 'value="changes_requested"' in body and 'value="approved"' in body
    assert 'value="withdrawn"' not in body  # drafters only
    response = client_for(reviewer).post(url, {"to_status": "changes_requested", "note": " "})
    assert response.status_code == 400
    assert "Say what needs to change." in response.content.decode()
    provision.refresh_from_db()
    assert provision.status == Provision.Status.IN_REVIEW
    response = client_for(reviewer).post(
        url, {"to_status": "changes_requested", "note": "Define the material first."}
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.status == Provision.Status.CHANGES_REQUESTED
    body = client_for(drafter).get(page(provision)).content.decode()
    assert "Define the material first." in body


def test_impossible_transition_changes_nothing(drafter, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(drafter).post(url, {"to_status": "approved"})
    assert response.status_code == 400
    provision.refresh_from_db()
    assert provision.status == Provision.Status.DRAFT


def test_htmx_transition_answers_with_the_workflow_section(drafter, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(drafter).post(url, {"to_status": "in_review"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="workflow"')
    assert 'data-status="in_review"' in body


# --- editing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("staff", 404),
        ("viewer", 403),
        ("reviewer", 403),
        ("drafter", 200),
    ],
)
def test_edit_page_permissions(users_by_role, provision, role, status):
    client = client_for(users_by_role[role])
    assert client.get(edit_url(provision)).status_code == status
    response = client.post(
        edit_url(provision), edit_post(provision.current_revision, "改写的条文。")
    )
    assert response.status_code == (302 if role in ("anonymous", "drafter") else status)
    assert provision.revisions.count() == (3 if role == "drafter" else 2)


def test_edit_form_carries_the_base_revision(drafter, provision):
    body = client_for(drafter).get(edit_url(provision)).content.decode()
    assert f'name="base_revision" value="{provision.current_revision.pk}"' in body
    assert provision.current_revision.text_zh in body


def test_stale_edit_shows_the_conflict_and_overwrites_nothing(drafter, bill, provision):
    other = MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user
    base = provision.current_revision
    first = client_for(other).post(
        edit_url(provision), edit_post(base, "甲的文本：处七年以下有期徒刑。")
    )
    assert first.status_code == 302
    theirs = Revision.objects.get(provision=provision, number=3)
    response = client_for(drafter).post(
        edit_url(provision), edit_post(base, "乙的文本：处十年以下有期徒刑。", note="Raise it")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "乙的文本：处十年以下有期徒刑。" in body  # mine, in the merge box and the column
    assert "甲的文本：处七年以下有期徒刑。" in body  # theirs
    assert 'class="redline-ins"' in body and 'class="redline-del"' in body
    assert f'name="base_revision" value="{theirs.pk}"' in body
    assert "Raise it" in body
    provision.refresh_from_db()
    assert provision.current_revision == theirs
    assert provision.revisions.count() == 3
    merged = client_for(drafter).post(
        edit_url(provision), edit_post(theirs, "合并：处七年以上十年以下有期徒刑。")
    )
    assert merged.status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.number == 4
    assert provision.current_revision.base == theirs
    assert provision.current_revision.text_zh == "合并：处七年以上十年以下有期徒刑。"


@pytest.mark.parametrize(
    "bad",
    [
        {"text_zh": "   "},
        {"text_zh": "条" * (settings.MAX_PROVISION_TEXT + 1)},
        {"text_en": "w" * (settings.MAX_PROVISION_TEXT + 1)},
        {"note": "n" * (settings.MAX_NOTE + 1)},
        {"base_revision": "not a number"},
    ],
)
def test_bad_edit_is_a_form_error(drafter, provision, bad):
    data = edit_post(provision.current_revision, "有效的条文。")
    data.update(bad)
    response = client_for(drafter).post(edit_url(provision), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert provision.revisions.count() == 2


def test_edit_based_on_another_provisions_revision_is_refused(drafter, bill, provision):
    other = ProvisionFactory(bill=bill)
    data = edit_post(other.current_revision, "有效的条文。")
    assert client_for(drafter).post(edit_url(provision), data).status_code == 400
    assert provision.revisions.count() == 2


def test_withdrawn_provision_cannot_be_edited(drafter, provision):
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    data = edit_post(provision.current_revision, "有效的条文。")
    response = client_for(drafter).post(edit_url(provision), data)
    assert response.status_code == 400
    assert "withdrawn" in response.content.decode()
    assert provision.revisions.count() == 2


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
