"""Reference pages: any signed-in user reads them; the obligation page never leaks other bills."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import ProvisionObligation
from proposals.models import Instrument, Obligation, ProposalTarget
from tests.factories import (
    ArticleFactory,
    AssessmentFactory,
    BillFactory,
    InstrumentFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def opsc(db):
    return InstrumentFactory(
        code="OPSC",
        kind=Instrument.Kind.PROTOCOL,
        title_en="Optional Protocol on the sale of children",
        short_title_en="OPSC",
        china_status=Instrument.ChinaStatus.PARTY,
        hong_kong=Instrument.HongKong.DOES_NOT_APPLY,
        declarations="The Protocol does not apply to the Hong Kong SAR for the time being.",
        confidence="M",
    )


@pytest.fixture
def obligation(opsc):
    article = ArticleFactory(
        instrument=opsc, number=3, label="art. 3", paragraphs=["Each State Party shall ensure …"]
    )
    return ObligationFactory(code="OPSC-3-1-C", instrument=opsc, article=article, confidence="L")


def pages(obligation, proposal):
    return [
        reverse("proposals:instruments"),
        reverse("proposals:instrument", args=[obligation.instrument.code]),
        reverse("proposals:obligations"),
        reverse("proposals:obligation", args=[obligation.code]),
        reverse("proposals:proposals"),
        reverse("proposals:proposal", args=[proposal.code]),
    ]


@pytest.fixture
def proposal(obligation):
    proposal = ProposalFactory(code="a")
    ProposalTarget.objects.create(proposal=proposal, obligation=obligation)
    return proposal


def test_anonymous_users_go_to_login(client, obligation, proposal):
    for page in pages(obligation, proposal):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["outsider", "viewer", "reviewer", "drafter", "staff"])
def test_every_signed_in_user_reads_reference_data(
    client, users_by_role, obligation, proposal, role
):
    client.force_login(users_by_role[role])
    for page in pages(obligation, proposal):
        assert client.get(page).status_code == 200, page


def test_unknown_codes_are_404(client, outsider):
    client.force_login(outsider)
    for name in ("instrument", "obligation", "proposal"):
        assert client.get(reverse(f"proposals:{name}", args=["NOPE"])).status_code == 404


def test_instrument_page_shows_declarations_articles_and_confidence(client, outsider, obligation):
    client.force_login(outsider)
    content = client.get(reverse("proposals:instrument", args=["OPSC"])).content.decode()
    assert "does not apply to the Hong Kong SAR" in content
    assert "does not apply to Hong Kong" in content
    assert "Each State Party shall ensure …" in content
    assert "OPSC-3-1-C" in content
    assert "verify before citing" in content


def test_instrument_list_shows_china_status_and_dates(client, outsider, opsc):
    import datetime

    Instrument.objects.filter(pk=opsc.pk).update(china_deposited_on=datetime.date(2002, 12, 3))
    client.force_login(outsider)
    content = client.get(reverse("proposals:instruments")).content.decode()
    assert "2002-12-03" in content
    assert "party" in content
    assert "not applied to Hong Kong" in content


def test_known_confidence_carries_no_warning(client, outsider):
    InstrumentFactory(code="CRC", confidence="K")
    client.force_login(outsider)
    content = client.get(reverse("proposals:instrument", args=["CRC"])).content.decode()
    assert "verify before citing" not in content


def test_obligation_filters(client, outsider, obligation):
    other = ObligationFactory(
        code="BUD-9",
        instrument=InstrumentFactory(code="BUDAPEST", china_status="not_party"),
        kind=Obligation.Kind.PROCEDURE,
        strength=Obligation.Strength.OPTIONAL,
    )
    client.force_login(outsider)
    url = reverse("proposals:obligations")

    def codes(**params):
        response = client.get(url, params)
        return {o.code for o in response.context["obligations"]}

    assert codes() == {"OPSC-3-1-C", "BUD-9"}
    assert codes(instrument="OPSC") == {"OPSC-3-1-C"}
    assert codes(binding="yes") == {"OPSC-3-1-C"}
    assert codes(binding="no") == {other.code}
    assert codes(kind="procedure") == {"BUD-9"}
    assert codes(strength="mandatory") == {"OPSC-3-1-C"}
    assert codes(strength="mandatory", kind="procedure") == set()


def test_bad_obligation_filter_is_a_form_error(client, outsider, obligation):
    client.force_login(outsider)
    response = client.get(reverse("proposals:obligations"), {"kind": "<script>"})
    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    assert "<script>" not in response.content.decode()


def link(provision, obligation, rationale):
    return ProvisionObligation.objects.create(
        provision=provision,
        obligation=obligation,
        extent="partial",
        rationale=rationale,
        created_by=provision.bill.created_by,
    )


def test_obligation_page_shows_only_provisions_of_my_bills(client, bill, reviewer, obligation):
    mine = ProvisionFactory(bill=bill, title_en="My provision")
    link(mine, obligation, "Covers dissemination.")
    secret_bill = BillFactory(title_zh="保密的草案", title_en="Secret bill")
    secret = ProvisionFactory(bill=secret_bill, title_en="Secret provision")
    link(secret, obligation, "Secret rationale.")
    client.force_login(reviewer)
    content = client.get(reverse("proposals:obligation", args=[obligation.code])).content.decode()
    assert "My provision" in content and "Covers dissemination." in content
    assert "partial" in content
    assert "Secret" not in content and "保密的草案" not in content
    assert secret.get_absolute_url() not in content


def test_removed_links_are_not_shown(client, bill, drafter, obligation):
    from django.utils import timezone

    provision = ProvisionFactory(bill=bill, title_en="Formerly linked")
    old = link(provision, obligation, "Old reasoning.")
    ProvisionObligation.objects.filter(pk=old.pk).update(
        removed_at=timezone.now(), removed_by=drafter
    )
    client.force_login(drafter)
    content = client.get(reverse("proposals:obligation", args=[obligation.code])).content.decode()
    assert "Old reasoning." not in content


def test_staff_do_not_see_bills_on_the_obligation_page(client, bill, staff, obligation):
    link(ProvisionFactory(bill=bill, title_en="Member-only provision"), obligation, "Because.")
    client.force_login(staff)
    content = client.get(reverse("proposals:obligation", args=[obligation.code])).content.decode()
    assert "Member-only provision" not in content


def test_proposal_pages_list_their_obligations(client, outsider, proposal, obligation):
    client.force_login(outsider)
    for page in (reverse("proposals:proposals"), reverse("proposals:proposal", args=["a"])):
        content = client.get(page).content.decode()
        assert obligation.get_absolute_url() in content
        assert "binding target" in content
        assert "verify before citing" in content  # the obligation's confidence is L


def grow_reference(opsc, start, stop):
    for i in range(start, stop):
        article = ArticleFactory(instrument=opsc, number=100 + i, label=f"art. {100 + i}")
        obligation = ObligationFactory(code=f"GROW-{i}", instrument=opsc, article=article)
        ProposalTarget.objects.create(proposal=ProposalFactory(code=f"g{i}"), obligation=obligation)
        InstrumentFactory(code=f"GROW-INST-{i}")
        AssessmentFactory(obligation=obligation)


def test_query_counts_do_not_grow(
    client, bill, drafter, opsc, obligation, proposal, django_assert_num_queries
):
    grow_reference(opsc, 0, 3)
    for _ in range(3):
        link(ProvisionFactory(bill=bill), obligation, "Because.")
    client.force_login(drafter)
    urls = pages(obligation, proposal)
    counts = {}
    for page in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        counts[page] = len(captured.captured_queries)
    grow_reference(opsc, 3, 30)
    for _ in range(27):
        link(ProvisionFactory(bill=bill), obligation, "Because.")
    for i in range(27):
        AssessmentFactory(
            obligation=obligation, jurisdiction__code=f"X{i}", jurisdiction__name_en=f"X{i}"
        )
    for page in urls:
        with django_assert_num_queries(counts[page]):
            assert client.get(page).status_code == 200


def test_codes_with_a_slash_have_pages(client, outsider, opsc):
    obligation = ObligationFactory(code="CRC-35/36", instrument=opsc)
    client.force_login(outsider)
    assert obligation.get_absolute_url() == "/reference/obligations/CRC-35/36/"
    response = client.get(obligation.get_absolute_url())
    assert response.status_code == 200
    assert response.context["obligation"] == obligation
