"""The provision page's obligations panel: search, link, change, unlink and review in the browser."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import LinkStatus, ProvisionObligation, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import shared_provision
from tests.drafting.web.roles import DRAFTERS_ONLY, client_for
from tests.factories import (
    InstrumentFactory,
    MembershipFactory,
    ObligationFactory,
    ProvisionFactory,
    UserFactory,
)

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


@pytest.fixture
def treaty(db):
    return InstrumentFactory(
        code="OPSC", short_title_en="Optional Protocol", short_title_zh="任择议定书"
    )


@pytest.fixture
def obligations(treaty):
    return {
        "produce": ObligationFactory(
            code="OPSC-3-1-c",
            instrument=treaty,
            statement_en="Criminalize producing child sexual abuse material.",
            statement_zh="将制作儿童性虐待材料的行为规定为犯罪。",
        ),
        "possess": ObligationFactory(
            code="OPSC-3-1-d",
            instrument=treaty,
            statement_en="Criminalize possessing such material.",
            statement_zh="将持有此类材料的行为规定为犯罪。",
        ),
    }


def links(provision) -> list[tuple]:
    return list(
        ProvisionObligation.objects.filter(provision=provision)
        .order_by("pk")
        .values_list("obligation__code", "extent", "rationale", "review", "removed_at")
    )


def url(name, provision) -> str:
    return reverse(f"drafting:{name}", args=[provision.pk])


def propose(provision, obligation, extent="partial", rationale="Covers production."):
    return services.obligation_link(
        actor=provision.bill.created_by,
        provision=provision,
        obligation=obligation,
        extent=extent,
        rationale=rationale,
    )


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), DRAFTERS_ONLY)
def test_only_drafters_link(users_by_role, provision, obligations, role, status):
    data = {"obligation": "OPSC-3-1-c", "extent": "full", "rationale": "Creates the offence."}
    response = client_for(users_by_role[role]).post(url("link_save", provision), data)
    assert response.status_code == status
    assert len(links(provision)) == (1 if role == "drafter" else 0)


@pytest.mark.parametrize(("role", "status"), DRAFTERS_ONLY)
def test_only_drafters_unlink(users_by_role, provision, obligations, role, status):
    propose(provision, obligations["produce"])
    response = client_for(users_by_role[role]).post(
        url("link_remove", provision), {"obligation": "OPSC-3-1-c"}
    )
    assert response.status_code == status
    removed = links(provision)[0][4] is not None
    assert removed is (role == "drafter")


@pytest.mark.parametrize(
    ("role", "status"),
    [*DRAFTERS_ONLY[:4], ("reviewer", 302), ("drafter", 400)],  # the drafter proposed it himself
)
def test_someone_else_reviews_a_link(users_by_role, provision, obligations, role, status):
    propose(provision, obligations["produce"])
    response = client_for(users_by_role[role]).post(
        url("link_review", provision), {"obligation": "OPSC-3-1-c", "verdict": "agreed"}
    )
    assert response.status_code == status
    assert links(provision)[0][3] == ("agreed" if role == "reviewer" else None)


@pytest.mark.parametrize(
    ("role", "status"), [*DRAFTERS_ONLY[:4], ("reviewer", 403), ("drafter", 200)]
)
def test_only_drafters_search(users_by_role, provision, obligations, role, status):
    response = client_for(users_by_role[role]).get(
        url("link_search", provision), {"q": "OPSC"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == (403 if role == "anonymous" else status)


def test_a_second_drafter_may_review(provision, obligations):
    second = UserFactory(username="drafter2")
    MembershipFactory(bill=provision.bill, user=second, role=Role.DRAFTER)
    propose(provision, obligations["produce"])
    response = client_for(second).post(
        url("link_review", provision),
        {"obligation": "OPSC-3-1-c", "verdict": "disputed", "note": "Production needs more."},
    )
    assert response.status_code == 302
    link = ProvisionObligation.objects.get()
    assert (link.status, link.reviewed_by, link.review_note) == (
        LinkStatus.DISPUTED,
        second,
        "Production needs more.",
    )


# --- the panel --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("OPSC-3-1-d", ["OPSC-3-1-d"]),
        ("Optional", ["OPSC-3-1-c", "OPSC-3-1-d"]),
        ("possessing", ["OPSC-3-1-d"]),
        ("制作", ["OPSC-3-1-c"]),
        ("任择议定书", ["OPSC-3-1-c", "OPSC-3-1-d"]),
        ("nothing-like-this", []),
    ],
)
def test_search_by_code_instrument_or_words_in_both_languages(
    drafter, provision, obligations, q, found
):
    response = client_for(drafter).get(reverse("drafting:provision", args=[provision.pk]), {"q": q})
    html = response.content.decode()
    shown = [code for code in ("OPSC-3-1-c", "OPSC-3-1-d") if f'data-obligation="{code}"' in html]
    assert shown == found
    if not found:
        assert "No obligation matches these words." in html


def test_search_without_javascript_redirects_to_the_page(drafter, provision, obligations):
    response = client_for(drafter).get(url("link_search", provision), {"q": "OPSC"})
    assert response.status_code == 302
    assert response.url.endswith("?q=OPSC#obligations")


def test_htmx_search_answers_with_the_results(drafter, provision, obligations):
    response = client_for(drafter).get(
        url("link_search", provision), {"q": "持有"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="link-results">')
    assert 'data-obligation="OPSC-3-1-d"' in html and "OPSC-3-1-c" not in html


def test_link_change_and_unlink_keep_the_history(drafter, provision, obligations):
    client = client_for(drafter)
    data = {"obligation": "OPSC-3-1-c", "extent": "partial", "rationale": "Covers production."}
    assert client.post(url("link_save", provision), data).status_code == 302
    data["extent"] = "full"
    assert client.post(url("link_save", provision), data).status_code == 302
    assert (
        client.post(url("link_remove", provision), {"obligation": "OPSC-3-1-c"}).status_code == 302
    )
    rows = links(provision)
    assert [(code, extent) for code, extent, *_ in rows] == [
        ("OPSC-3-1-c", "partial"),
        ("OPSC-3-1-c", "full"),
    ]
    assert all(row[4] is not None for row in rows)


def test_a_changed_link_is_proposed_again(drafter, reviewer, provision, obligations):
    link = propose(provision, obligations["produce"])
    services.obligation_review(actor=reviewer, link=link, verdict="agreed")
    client_for(drafter).post(
        url("link_save", provision),
        {"obligation": "OPSC-3-1-c", "extent": "full", "rationale": "Now full."},
    )
    current = ProvisionObligation.objects.active().get()
    assert current.status == LinkStatus.PROPOSED and current.extent == "full"


@pytest.mark.parametrize(
    ("data", "message_en", "message_zh"),
    [
        (
            {"obligation": "NO-SUCH", "extent": "full", "rationale": "x"},
            "No obligation has the code “NO-SUCH”.",
            "没有代码为“NO-SUCH”的义务。",
        ),
        (
            {"obligation": "OPSC-3-1-c", "extent": "total", "rationale": "x"},
            "Select a valid choice.",
            "选择一个有效的选项",
        ),
        (
            {"obligation": "OPSC-3-1-c", "extent": "full", "rationale": ""},
            "This field is required.",
            "该字段是必填项。",
        ),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_bad_links_are_refused_in_the_users_language(
    drafter, provision, obligations, data, message_en, message_zh, language
):
    response = client_for(drafter, language).post(url("link_save", provision), data)
    assert response.status_code == 400
    assert (message_en if language == "en" else message_zh) in response.content.decode()
    assert links(provision) == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_self_review_and_a_second_review_are_refused(
    drafter, reviewer, provision, obligations, language
):
    propose(provision, obligations["produce"])
    response = client_for(drafter, language).post(
        url("link_review", provision), {"obligation": "OPSC-3-1-c", "verdict": "agreed"}
    )
    assert response.status_code == 400
    expected = {
        "en": "You proposed this link: someone else reviews it.",
        "zh-hans": "此关联由您提出，须由他人审阅。",
    }[language]
    assert expected in response.content.decode()
    client = client_for(reviewer, language)
    client.post(url("link_review", provision), {"obligation": "OPSC-3-1-c", "verdict": "agreed"})
    response = client.post(
        url("link_review", provision),
        {"obligation": "OPSC-3-1-c", "verdict": "disputed", "note": "No."},
    )
    assert response.status_code == 400
    assert links(provision)[0][3] == "agreed"


def test_a_dispute_needs_a_note(reviewer, provision, obligations):
    propose(provision, obligations["produce"])
    response = client_for(reviewer).post(
        url("link_review", provision), {"obligation": "OPSC-3-1-c", "verdict": "disputed"}
    )
    assert response.status_code == 400
    assert "Say why you dispute the link." in response.content.decode()
    assert links(provision)[0][3] is None


@pytest.mark.parametrize(
    "data",
    [
        {"obligation": "OPSC-3-1-d", "verdict": "agreed"},  # not linked
        {"obligation": "OPSC-3-1-c", "verdict": "maybe"},
        {"verdict": "agreed"},
    ],
)
def test_bad_reviews_change_nothing(reviewer, provision, obligations, data):
    propose(provision, obligations["produce"])
    response = client_for(reviewer).post(url("link_review", provision), data)
    assert response.status_code == 400
    assert links(provision)[0][3] is None


def test_htmx_answers_with_the_panel(drafter, reviewer, provision, obligations):
    propose(provision, obligations["produce"])
    response = client_for(reviewer).post(
        url("link_review", provision),
        {"obligation": "OPSC-3-1-c", "verdict": "agreed"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="obligations"')
    assert 'data-link-status="agreed"' in html
    assert '<p class="message message-success" role="status" id="link-message">' in html


def test_the_page_shows_status_and_who_may_review(drafter, reviewer, provision, obligations):
    propose(provision, obligations["produce"])
    mine = client_for(drafter).get(provision.get_absolute_url()).content.decode()
    theirs = client_for(reviewer).get(provision.get_absolute_url()).content.decode()
    assert 'data-link-status="proposed"' in mine
    assert 'class="link-review-form"' not in mine  # the author does not review
    assert 'class="link-review-form"' in theirs
    assert 'class="link-form"' not in theirs  # reviewers do not link
    zh = client_for(reviewer, "zh-hans").get(provision.get_absolute_url()).content.decode()
    assert "待审阅" in zh
    assert "任择议定书 第3条" in zh  # the instrument and article as Chinese pages cite them


def test_page_queries_do_not_grow_with_links(drafter, reviewer, provision, treaty):
    client = client_for(reviewer)
    page = provision.get_absolute_url()
    propose(provision, ObligationFactory(code="OB-0", instrument=treaty))
    client.get(page, {"q": "OB"})
    with CaptureQueriesContext(connection) as before:
        client.get(page, {"q": "OB"})
    for n in range(1, 6):
        link = propose(provision, ObligationFactory(code=f"OB-{n}", instrument=treaty))
        if n % 2:
            services.obligation_review(actor=reviewer, link=link, verdict="agreed")
    with CaptureQueriesContext(connection) as after:
        client.get(page, {"q": "OB"})
    assert len(after.captured_queries) == len(before.captured_queries)


def test_search_queries_do_not_grow_with_results(drafter, provision, treaty):
    client = client_for(drafter)
    ObligationFactory(code="OB-0", instrument=treaty)
    search = url("link_search", provision)
    client.get(search, {"q": "OB"}, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as before:
        client.get(search, {"q": "OB"}, headers={"HX-Request": "true"})
    for n in range(1, 8):
        ObligationFactory(code=f"OB-{n}", instrument=treaty)
    with CaptureQueriesContext(connection) as after:
        client.get(search, {"q": "OB"}, headers={"HX-Request": "true"})
    assert len(after.captured_queries) == len(before.captured_queries)


def test_another_provision_of_the_bill_is_untouched(drafter, provision, obligations):
    other = ProvisionFactory(bill=provision.bill)
    client_for(drafter).post(
        url("link_save", provision),
        {"obligation": "OPSC-3-1-c", "extent": "full", "rationale": "Creates the offence."},
    )
    assert links(other) == []
