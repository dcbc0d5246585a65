"""The reference-data admin: access, derived binding, Chinese search, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.models import Article, Instrument, Obligation, ProposalTarget
from tests.conftest import read_afresh, rows_made_once, shared_logins
from tests.drafting.admin.conftest import people
from tests.factories import (
    ArticleFactory,
    AssessmentFactory,
    InstrumentFactory,
    JurisdictionFactory,
    LawFactory,
    ObligationFactory,
    ProposalFactory,
)

MODELS = [
    "jurisdiction",
    "instrument",
    "article",
    "paragraph",
    "obligation",
    "assessment",
    "proposal",
    "proposaltarget",
]
NON_STAFF = ["drafter", "reviewer", "viewer", "outsider"]


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker):
    """The users of every role (and their bill) made once for the module."""
    with rows_made_once(django_db_blocker, people) as rows:
        yield rows


bill, drafter, reviewer, viewer, outsider, staff, admin_user = map(
    read_afresh, ["bill", "drafter", "reviewer", "viewer", "outsider", "staff", "admin_user"]
)
reuse_logins = shared_logins()


def make_target(n: int) -> ProposalTarget:
    return ProposalTarget.objects.create(
        proposal=ProposalFactory(), obligation=ObligationFactory(), primary=n % 2 == 0
    )


def make_row(model: str, n: int):
    """One row of a reference model (with its own related rows)."""
    if model == "jurisdiction":
        return JurisdictionFactory()
    if model == "instrument":
        return InstrumentFactory(jurisdiction=JurisdictionFactory())
    if model == "article":
        return ArticleFactory()
    if model == "paragraph":
        return ArticleFactory().paragraphs.first()
    if model == "obligation":
        return ObligationFactory(article=ArticleFactory(instrument=InstrumentFactory()))
    if model == "assessment":
        return AssessmentFactory(jurisdiction=JurisdictionFactory())
    if model == "proposal":
        proposal = ProposalFactory()
        ProposalTarget.objects.create(proposal=proposal, obligation=ObligationFactory())
        return proposal
    return make_target(n)


def changelist(model: str) -> str:
    return reverse(f"admin:proposals_{model}_changelist")


def change(model: str, obj) -> str:
    return reverse(f"admin:proposals_{model}_change", args=[obj.pk])


def results(response) -> list:
    return list(response.context["cl"].result_list)


# --- who gets in ----------------------------------------------------------------------------


@pytest.fixture(params=["staff", "superuser"])
def any_staff(request, staff, admin_user):
    """Plain staff (permissions from drafting.rules) and a superuser."""
    return staff if request.param == "staff" else admin_user


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_changelist_change_and_add_pages(client, any_staff, model):
    obj = make_row(model, 0)
    client.force_login(any_staff)
    assert client.get(changelist(model)).status_code == 200
    assert client.get(change(model, obj)).status_code == 200
    assert client.get(reverse(f"admin:proposals_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ["anonymous", *NON_STAFF])
def test_everyone_else_is_sent_to_the_admin_login(client, users_by_role, model, role):
    obj = make_row(model, 0)
    user = users_by_role[role]
    if user:
        client.force_login(user)
    login = reverse("admin:login")
    for url in (changelist(model), change(model, obj), reverse(f"admin:proposals_{model}_add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)


def test_non_staff_cannot_change_reference_data_by_posting(client, drafter):
    obligation = ObligationFactory(statement_en="Criminalize production.")
    client.force_login(drafter)
    client.post(change("obligation", obligation), {"statement_en": "Nothing."})
    obligation.refresh_from_db()
    assert obligation.statement_en == "Criminalize production."


# --- binding on China is derived, never typed ------------------------------------------------


def obligation_form(instrument: Instrument, **overrides) -> dict:
    data = {
        "code": "OPSC-3-1-c",
        "instrument": instrument.pk,
        "article": "",
        "article_ref": "art. 3(1)(c)",
        "statement_en": "Criminalize producing, distributing or possessing such material.",
        "statement_zh": "将制作、分发或持有此类材料的行为定为刑事犯罪。",
        "kind": "criminalize",
        "strength": "mandatory",
        "binding_note": "",
        "confidence": "V",
        "position": "0",
    }
    return data | overrides


def test_binding_is_read_only_on_the_obligation_page(client, staff):
    obligation = ObligationFactory()
    client.force_login(staff)
    form = client.get(change("obligation", obligation)).context["adminform"].form
    assert "binding_on_china" not in form.fields


@pytest.mark.parametrize(
    ("china_status", "strength", "binding"),
    [
        ("party", "mandatory", True),
        ("party", "recommended", False),
        ("signatory", "mandatory", False),
    ],
)
def test_saving_an_obligation_derives_binding(client, staff, china_status, strength, binding):
    treaty = InstrumentFactory(china_status=china_status)
    client.force_login(staff)

    response = client.post(
        reverse("admin:proposals_obligation_add"),
        obligation_form(treaty, strength=strength, binding_on_china="on" if not binding else ""),
    )

    assert response.status_code == 302
    assert Obligation.objects.get(code="OPSC-3-1-c").binding_on_china is binding


def test_changing_an_instruments_status_rederives_its_obligations(client, staff):
    treaty = InstrumentFactory(code="UNCC", china_status="signatory")
    duty = ObligationFactory(instrument=treaty, strength="mandatory")
    hint = ObligationFactory(instrument=treaty, strength="recommended")
    assert not duty.binding_on_china
    client.force_login(staff)
    data = {
        "code": "UNCC",
        "kind": "treaty",
        "title_en": treaty.title_en,
        "title_zh": "联合国打击网络犯罪公约",
        "short_title_en": "UNCC",
        "short_title_zh": "",
        "adopting_body": "",
        "adopted_on": "",
        "promulgated_on": "",
        "opened_for_signature_on": "",
        "in_force_on": "",
        "jurisdiction": "",
        "summary_en": "",
        "source_url": "",
        "confidence": "K",
        "position": "0",
        "china_status": "party",
        "china_signed_on": "",
        "china_approved_on": "",
        "china_approved_confidence": "K",
        "china_deposited_on": "",
        "china_deposited_confidence": "K",
        "china_in_force_on": "",
        "declarations": "",
        "hong_kong": "not_applicable",
        "hong_kong_confidence": "K",
        "interprets": "",
    }

    response = client.post(change("instrument", treaty), data)

    assert response.status_code == 302
    duty.refresh_from_db()
    hint.refresh_from_db()
    assert duty.binding_on_china is True
    assert hint.binding_on_china is False


# --- search works on Chinese text -------------------------------------------------------------


@pytest.fixture
def articles(db):
    law = LawFactory()
    wanted = ArticleFactory(
        instrument=law,
        number=287,
        sub=1,
        paragraphs=["利用信息网络实施下列行为之一，情节严重的，处三年以下有期徒刑或者拘役。"],
    )
    other = ArticleFactory(
        instrument=law, number=363, paragraphs=["以牟利为目的，制作淫秽物品的。"]
    )
    return wanted, other


def test_search_articles_by_paragraph_text_in_chinese(client, staff, articles):
    wanted, _other = articles
    client.force_login(staff)
    response = client.get(changelist("article"), {"q": "信息网络"})
    assert results(response) == [wanted]


def test_search_articles_by_chinese_citation_and_number(client, staff, articles):
    wanted, other = articles
    client.force_login(staff)
    assert results(client.get(changelist("article"), {"q": "第二百八十七条之一"})) == [wanted]
    assert results(client.get(changelist("article"), {"q": "363"})) == [other]


def test_search_paragraphs_in_chinese(client, staff, articles):
    _wanted, other = articles
    client.force_login(staff)
    response = client.get(changelist("paragraph"), {"q": "淫秽物品"})
    assert results(response) == [other.paragraphs.get()]


def test_search_obligations_by_code_and_chinese_statement(client, staff):
    possession = ObligationFactory(code="OPSC-3-1-c", statement_zh="持有儿童性剥削材料")
    ObligationFactory(code="CRC-34", statement_zh="保护儿童免遭一切形式的性剥削")
    client.force_login(staff)
    assert results(client.get(changelist("obligation"), {"q": "OPSC-3"})) == [possession]
    assert results(client.get(changelist("obligation"), {"q": "持有"})) == [possession]


def test_article_page_shows_its_paragraphs_inline(client, staff, articles):
    wanted, _other = articles
    client.force_login(staff)
    page = client.get(change("article", wanted)).content.decode()
    assert "利用信息网络实施下列行为之一" in page
    assert Article.objects.get(pk=wanted.pk).paragraphs.count() == 1


# --- query counts do not grow with rows ------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_changelist_queries_do_not_grow_with_rows(client, staff, django_assert_num_queries, model):
    for n in range(3):
        make_row(model, n)
    client.force_login(staff)
    url = changelist(model)
    client.get(url)  # warm caches before counting
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    rows = len(results(response))
    assert rows >= 3

    for n in range(3, 30):
        make_row(model, n)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(results(response)) >= rows + 27
