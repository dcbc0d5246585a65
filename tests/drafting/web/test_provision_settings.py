"""The provision's details in the browser (optimistic concurrency) and the add form's operations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import Provision
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.roles import DRAFTERS_ONLY, client_for
from tests.factories import ArticleFactory, ProposalFactory, ProvisionFactory

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


def settings_url(provision) -> str:
    return reverse("drafting:provision_settings", args=[provision.pk])


def details(provision, **changes) -> dict:
    data = {
        "version": provision.version,
        "operation": provision.operation,
        "target_article": provision.target_article.dotted,
        "paragraphs": "",
        "insert_count": 1,
        "title_en": provision.title_en,
        "title_zh": provision.title_zh,
    }
    return {**data, **changes}


def snapshot(provision) -> tuple:
    p = Provision.objects.get(pk=provision.pk)
    return (p.version, p.title_en, p.title_zh, p.operation, p.paragraphs, p.target_article_id)


@pytest.mark.parametrize(("role", "status"), DRAFTERS_ONLY)
def test_only_drafters_change_the_details(users_by_role, provision, role, status):
    before = snapshot(provision)
    response = client_for(users_by_role[role]).post(
        settings_url(provision), details(provision, title_en="Renamed")
    )
    assert response.status_code == status
    assert (snapshot(provision) != before) is (role == "drafter")
    page = client_for(users_by_role[role]).get(settings_url(provision))
    assert page.status_code == {"drafter": 200}.get(role, status)


def test_the_form_opens_with_the_details(drafter, provision):
    html = client_for(drafter).get(settings_url(provision)).content.decode()
    assert f'value="{provision.target_article.dotted}"' in html
    assert f'name="version" value="{provision.version}"' in html
    assert 'data-operations="insert_paragraph replace_paragraphs repeal_paragraphs"' in html or (
        'data-operations="' in html
    )


def test_saving_changes_titles_operation_paragraphs_and_proposals(drafter, provision):
    proposal = ProposalFactory(code="b")
    response = client_for(drafter).post(
        settings_url(provision),
        details(
            provision,
            title_en="Renamed",
            title_zh="改名",
            operation="replace_paragraphs",
            paragraphs="2",
            proposals=[proposal.pk],
        ),
    )
    assert response.status_code == 302
    p = Provision.objects.get(pk=provision.pk)
    assert (p.title_en, p.title_zh, p.operation, p.paragraphs) == (
        "Renamed",
        "改名",
        "replace_paragraphs",
        [2],
    )
    assert list(p.proposals.values_list("code", flat=True)) == ["b"]
    assert p.version == provision.version + 1


def test_fields_the_operation_does_not_use_may_be_left_out(drafter, provision):
    data = details(provision, title_en="Renamed")
    del data["paragraphs"], data["insert_count"]  # the script disables the hidden fields
    response = client_for(drafter).post(settings_url(provision), data)
    assert response.status_code == 302
    assert Provision.objects.get(pk=provision.pk).title_en == "Renamed"


def test_a_value_typed_in_a_field_the_operation_does_not_use_is_refused(drafter, provision):
    before = snapshot(provision)
    response = client_for(drafter).post(settings_url(provision), details(provision, paragraphs="2"))
    assert response.status_code == 400
    assert "Only paragraph operations name paragraphs." in response.content.decode()
    assert snapshot(provision) == before


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_stale_form_shows_what_changed_and_saves_nothing(drafter, provision, language):
    client = client_for(drafter, language)
    opened = client.get(settings_url(provision)).context["form"]
    data = {
        **details(provision, title_en="My title"),
        "version": opened.initial["version"],
        "loaded": opened.initial["loaded"],
    }
    services.provision_update(actor=drafter, provision=provision, title_en="Colleague's title")
    response = client.post(settings_url(provision), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Colleague&#x27;s title" in html  # what changed, beside what it was
    assert "<del>Production and dissemination without profit</del>" in html
    assert 'value="My title"' in html  # the drafter's own words are kept in the form
    expected = {
        "en": "Nothing was saved: someone changed these details after you opened the form.",
        "zh-hans": "未保存：您打开表单后，他人修改了这些信息。",
    }[language]
    assert expected in html
    assert Provision.objects.get(pk=provision.pk).title_en == "Colleague's title"
    fresh = Provision.objects.get(pk=provision.pk).version
    assert f'name="version" value="{fresh}"' in html
    again = client.post(settings_url(provision), {**data, "version": fresh})
    assert again.status_code == 302
    assert Provision.objects.get(pk=provision.pk).title_en == "My title"


@pytest.mark.parametrize(
    "changes",
    [
        {"target_article": "9999"},
        {"target_article": "abc"},
        {"operation": "rewrite"},
        {"operation": "replace_paragraphs", "paragraphs": "7"},
        {"operation": "replace_paragraphs", "paragraphs": "一"},
        {"version": "x"},
        {"title_en": ""},
        {"proposals": ["999999"]},
    ],
)
def test_bad_details_are_refused_and_nothing_changes(drafter, provision, changes):
    before = snapshot(provision)
    response = client_for(drafter).post(settings_url(provision), details(provision, **changes))
    assert response.status_code == 400
    assert snapshot(provision) == before


def test_bad_details_are_explained_in_chinese(drafter, provision):
    response = client_for(drafter, "zh-hans").post(
        settings_url(provision), details(provision, target_article="abc")
    )
    assert "请将条文写作" in response.content.decode() or response.status_code == 400


def test_settings_page_queries_do_not_grow_with_proposals(drafter, provision):
    client = client_for(drafter)
    client.get(settings_url(provision))
    with CaptureQueriesContext(connection) as before:
        client.get(settings_url(provision))
    for n in range(4):
        provision.proposals.add(ProposalFactory(code=f"p{n}"))
    with CaptureQueriesContext(connection) as after:
        client.get(settings_url(provision))
    assert len(after.captured_queries) == len(before.captured_queries)


# --- the add form -----------------------------------------------------------------------------


def test_add_form_marks_the_fields_of_each_operation(drafter, bill):
    html = client_for(drafter).get(bill.get_absolute_url()).content.decode()
    assert 'data-operations="insert_articles"' in html
    assert 'data-operations="insert_paragraph"' in html
    assert 'data-current-text-url="' in html
    assert "provision_form.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_start_from_the_current_text_without_javascript(drafter, bill):
    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    response = client_for(drafter).post(
        reverse("drafting:provision_add", args=[bill.pk]),
        {
            "operation": "replace_paragraphs",
            "target_article": "364",
            "paragraphs": "2",
            "title_en": "Units",
            "prefill": "1",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["text_zh"] == article.paragraphs.get(number=2).text_zh
    assert form.initial["title_en"] == "Units"
    assert not bill.provisions.exists()


@pytest.mark.parametrize(
    ("operation", "paragraphs", "expected"),
    [
        ("replace_article", "", "both"),
        ("replace_paragraphs", "1", "first"),
        ("insert_articles", "", ""),
    ],
)
def test_current_text_for_the_script(drafter, bill, operation, paragraphs, expected):
    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    texts = list(article.paragraphs.values_list("text_zh", flat=True))
    response = client_for(drafter).get(
        reverse("drafting:provision_current_text", args=[bill.pk]),
        {"operation": operation, "target_article": "364", "paragraphs": paragraphs},
    )
    assert response.status_code == 200
    want = {"both": "\n".join(texts), "first": texts[0], "": ""}[expected]
    assert response.json() == {"text_zh": want}


@pytest.mark.parametrize(("role", "status"), [*DRAFTERS_ONLY[:5], ("drafter", 200)])
def test_current_text_is_for_drafters(users_by_role, bill, role, status):
    ArticleFactory(instrument=bill.target_instrument, number=364)
    response = client_for(users_by_role[role]).get(
        reverse("drafting:provision_current_text", args=[bill.pk]),
        {"operation": "replace_article", "target_article": "364", "paragraphs": ""},
    )
    assert response.status_code == status


def test_current_text_refuses_an_unknown_article(drafter, bill):
    response = client_for(drafter).get(
        reverse("drafting:provision_current_text", args=[bill.pk]),
        {"operation": "replace_article", "target_article": "9999", "paragraphs": ""},
    )
    assert response.status_code == 400
    assert "target_article" in response.json()["errors"]


def test_add_takes_defaults_for_fields_the_operation_does_not_use(drafter, bill):
    ArticleFactory(instrument=bill.target_instrument, number=364)
    response = client_for(drafter).post(
        reverse("drafting:provision_add", args=[bill.pk]),
        {
            "operation": "replace_article",
            "target_article": "364",
            "title_en": "Whole article",
            "text_zh": "新的条文。",
        },
    )
    assert response.status_code == 302
    assert bill.provisions.get().paragraphs == []


def test_the_provision_page_links_to_the_details(drafter, provision):
    html = client_for(drafter).get(provision.get_absolute_url()).content.decode()
    assert settings_url(provision) in html
    ProvisionFactory  # noqa: B018 (imported for other tests' symmetry)
