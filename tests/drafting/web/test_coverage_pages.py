"""What the coverage pages, their CSV and the coverage API show (the matrix, gaps, the ICMEC chart,
the comparison, the change since a date, the rules), and how they refuse bad input.

Who may see them: test_coverage_access.py; their query counts: test_coverage_queries.py."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from drafting import services
from drafting.immutability import history_maintenance
from drafting.models import Provision, ProvisionObligation
from drafting.web.coverage import _cell
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.coverage_pages import PAGES, api_url, link, shared_register, url
from tests.factories import (
    AssessmentFactory,
    JurisdictionFactory,
    ObligationFactory,
    ProvisionFactory,
)

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
module_register, register = shared_register()


# --- the matrix -----------------------------------------------------------------------------


def test_matrix_colours_cells_by_extent_and_shows_levels(client, drafter, bill, register):
    full = ProvisionFactory(bill=bill, title_en="Possession offence")
    partial = ProvisionFactory(bill=bill)
    link(full, register["binding"], "full")
    link(partial, register["icmec"][4], "partial", "Covers possession only in part.")
    client.force_login(drafter)
    html = client.get(url("coverage", bill)).content.decode()
    assert html.count('<td class="cell cell-full"') == 1
    assert html.count('<td class="cell cell-partial"') == 1
    assert "Covers possession only in part." in html
    assert "Does not apply to Hong Kong" in html
    assert "verify before citing" in html
    assert reverse("drafting:provision", kwargs={"pk": full.pk}) in html


def test_matrix_filters_by_get_form(client, drafter, bill, register):
    client.force_login(drafter)
    html = client.get(url("coverage", bill, "binding=true")).content.decode()
    assert "OPSC-X" in html and "ICMEC-4" not in html
    html = client.get(
        url("coverage", bill, "instrument=ICMEC&strength=recommended")
    ).content.decode()
    assert "OPSC-X" not in html and "ICMEC-4" in html


@pytest.mark.parametrize(
    "query",
    ["binding=perhaps", "kind=nonsense", "strength=x", "instrument=NOPE", "kind=" + "k" * 99],
)
def test_bad_filters_are_a_400_with_a_message(client, drafter, bill, register, query):
    client.force_login(drafter)
    response = client.get(url("coverage", bill, query))
    assert response.status_code == 400
    assert "could not be used" in response.content.decode()


def test_withdrawn_provisions_are_left_out(client, drafter, bill, register):
    provision = ProvisionFactory(bill=bill)
    link(provision, register["binding"], "full")
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    client.force_login(drafter)
    html = client.get(url("coverage", bill)).content.decode()
    assert '<td class="cell cell-full"' not in html
    assert "1 withdrawn provision is left out" in html


# --- gaps, ICMEC, comparison, change --------------------------------------------------------


def test_gap_list_puts_binding_gaps_first(client, drafter, bill, register):
    client.force_login(drafter)
    html = client.get(url("coverage_gaps", bill)).content.decode()
    binding, others = html.split('id="other-gaps"')
    assert "OPSC-X" in binding and "ICMEC-1" not in binding
    assert "ICMEC-1" in others


def test_icmec_chart_compares_china_before_and_after_with_the_others(
    client, drafter, bill, register
):
    link(ProvisionFactory(bill=bill), register["icmec"][4], "full")
    client.force_login(drafter)
    html = client.get(url("coverage_icmec", bill)).content.decode()
    main = html.split('id="main"')[1]
    assert "<svg" in main and "<script" not in main  # server-rendered, no chart library
    assert "China, current law: 0.0/5." in html and "China, with this bill: 1.0/5." in html
    assert "United States: 5.0/5." in html
    for name in ("United Kingdom", "Australia", "Canada", "Japan"):
        assert name in html
    assert "18 U.S.C. § 2254" in html
    assert "verify before citing" in html  # China's ICMEC row has confidence L


def test_compare_table_corrects_cipa_and_copa(client, drafter, bill, register):
    from proposals.models import ProposalTarget
    from tests.factories import ProposalFactory

    proposal = ProposalFactory(code="d", title_en="Criminalize possession")
    ProposalTarget.objects.create(proposal=proposal, obligation=register["icmec"][4], primary=True)
    miscited = ObligationFactory(code="OPSC-Y", instrument=register["binding"].instrument)
    ProposalTarget.objects.create(proposal=proposal, obligation=miscited, primary=True)
    AssessmentFactory(
        obligation=miscited,
        jurisdiction=JurisdictionFactory(code="US"),
        level="partial",
        citation="Children's Internet Protection Act (CIPA)",
    )
    client.force_login(drafter)
    html = client.get(url("coverage_compare", bill)).content.decode()
    assert "A correction to the reform paper" in html
    assert "never took effect" in html and "filtering" in html
    for section in ("§ 2251", "§§ 2252 and 2252A", "§ 2256", "§ 2258A"):
        assert section in html
    assert "18 U.S.C. § 2254" in html  # the US assessment's own citation
    assert html.count("which are not CSAM criminal statutes") == 1


def test_change_page_lists_gains_since_a_date(client, drafter, bill, register):
    provision = ProvisionFactory(bill=bill)
    link(provision, register["icmec"][1], "full")
    with history_maintenance():  # links are append-only: a test may still backdate them
        ProvisionObligation.objects.update(
            created_at=timezone.now() - timedelta(days=10),
            reviewed_at=timezone.now() - timedelta(days=10),
        )
    Provision.objects.filter(pk=provision.pk).update(created_at=timezone.now() - timedelta(days=10))
    link(provision, register["binding"], "full")
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    client.force_login(drafter)
    response = client.get(url("coverage_change", bill, f"since={since}"))
    html = response.content.decode()
    gained = html.split('id="gained-heading"')[1].split('id="lost-heading"')[0]
    assert "OPSC-X" in gained and "ICMEC-1" not in gained
    assert f'value="{since}"' in html  # the date field keeps the date shown


@pytest.mark.parametrize("since", ["yesterday", "2025-13-01", "2025-1-1", "x" * 500])
def test_change_page_refuses_bad_dates(client, drafter, bill, since):
    client.force_login(drafter)
    response = client.get(url("coverage_change", bill, f"since={since}"))
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


def test_pages_render_in_chinese(client, drafter, bill, register):
    client.force_login(drafter)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(url("coverage_icmec", bill), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'lang="zh-Hans"' in html
    assert "美国" in html  # jurisdiction names follow the page's language


# --- CSV ------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_an_attachment(client, drafter, bill, register):
    provision = ProvisionFactory(
        bill=bill, title_zh="持有儿童性剥削物品罪", title_en="=HYPERLINK()"
    )
    link(provision, register["binding"], "partial")
    client.force_login(drafter)
    response = client.get(url("coverage_csv", bill, "binding=true"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="bill-{bill.pk}-coverage.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == f"{provision.position}. 持有儿童性剥削物品罪"
    assert [r[0] for r in rows[1:]] == ["OPSC-X"]
    assert rows[1][6:9] == ["partial", "partial", "partial"]
    assert rows[1][-1] == "partial"


def test_csv_cells_never_start_a_formula():
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("-2") == "'-2"
    assert _cell("OPSC-3") == "OPSC-3"


def test_csv_refuses_bad_filters(client, drafter, bill):
    client.force_login(drafter)
    assert client.get(url("coverage_csv", bill, "binding=perhaps")).status_code == 400


# --- API ------------------------------------------------------------------------------------


def test_api_returns_levels_provisions_and_flags(drafter, bill, register):
    provision = ProvisionFactory(bill=bill)
    link(provision, register["binding"], "full", "Creates the offence.")
    api = APIClient()
    api.force_authenticate(drafter)
    body = api.get(api_url(bill)).json()
    row = next(o for o in body["obligations"] if o["code"] == "OPSC-X")
    assert row["instrument"] == "T-OPSC" and row["binding"] is True
    assert (row["before"], row["after"]) == ("partial", "full")
    assert row["provisions"] == [
        {
            "id": provision.pk,
            "position": provision.position,
            "extent": "full",
            "rationale": "Creates the offence.",
            "status": "draft",
            "link_status": "agreed",
        }
    ]
    assert [f["code"] for f in row["flags"]] == ["not_hong_kong"]
    assert body["summary"]["binding"]["gaps_before"] == 1
    assert body["summary"]["binding"]["gaps_after"] == 0
    assert [c["code"] for c in body["summary"]["icmec"]] == [f"ICMEC-{n}" for n in range(1, 6)]


def test_api_filters(drafter, bill, register):
    api = APIClient()
    api.force_authenticate(drafter)
    codes = [
        o["code"]
        for o in api.get(api_url(bill, "binding=false&kind=criminalize")).json()["obligations"]
    ]
    assert codes == [f"ICMEC-{n}" for n in range(1, 6)]
    assert [
        o["code"] for o in api.get(api_url(bill, "instrument=T-OPSC")).json()["obligations"]
    ] == ["OPSC-X"]


@pytest.mark.parametrize("query", ["binding=maybe", "kind=x", "strength=x", "instrument=NOPE"])
def test_api_refuses_bad_filters(drafter, bill, register, query):
    api = APIClient()
    api.force_authenticate(drafter)
    response = api.get(api_url(bill, query))
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


# --- the rules on the page ------------------------------------------------------------------


def test_matrix_explains_the_rules_and_names_its_columns(client, drafter, bill, register):
    provision = ProvisionFactory(bill=bill, title_zh="持有罪", title_en="Possession offence")
    client.force_login(drafter)
    html = client.get(url("coverage", bill)).content.decode()
    rules = html.split('id="coverage-rules"')[1]
    assert "partial links, however many, only make it partly met" in rules
    assert "a partial link of the replacing provision gives partly met" in rules
    assert "never binding gaps" in rules
    assert "China declared that T-OPSC does not apply to Hong Kong" in rules
    key = html.split('class="provision-key"')[1].split("</details>")[0]
    assert "持有罪" in key and "Possession offence" in key
    assert reverse("drafting:provision", kwargs={"pk": provision.pk}) in key


def test_hong_kong_note_only_when_an_instrument_is_excluded(client, drafter, bill, register):
    client.force_login(drafter)
    html = client.get(url("coverage", bill, "instrument=ICMEC")).content.decode()
    assert "does not apply to Hong Kong" not in html


def test_a_replaced_baseline_article_shows_the_bills_level_and_a_flag(
    client, drafter, bill, register
):
    from tests.factories import ArticleFactory

    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    ob = ObligationFactory(code="OPSC-R", instrument=register["binding"].instrument)
    AssessmentFactory(obligation=ob, level="full", citation="CL art. 364").relies_on.set([article])
    provision = ProvisionFactory(bill=bill, target_article=article, operation="replace_article")
    link(provision, ob, "partial", "Restates art. 364 for adults only.")
    client.force_login(drafter)
    html = client.get(url("coverage_gaps", bill)).content.decode()
    binding = html.split('id="binding-gaps"')[1].split('id="other-gaps"')[0]
    row = binding.split(f'id="gap-{ob.pk}"')[1].split("</tr>")[0]
    assert "repeals or replaces (item" in row
    assert row.index("fully met") < row.index("partly met")  # before full, after partial
    api = APIClient()
    api.force_authenticate(drafter)
    data = next(o for o in api.get(api_url(bill)).json()["obligations"] if o["code"] == "OPSC-R")
    assert (data["before"], data["after"], data["baseline_counts"]) == ("full", "partial", False)
    assert data["changed_by"] == [provision.pk]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_chinese(client, drafter, bill, register, name):
    client.force_login(drafter)
    response = client.get(url(name, bill), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "zh-hans"


def test_api_has_the_documented_shape(drafter, bill, register):
    api = APIClient()
    api.force_authenticate(drafter)
    body = api.get(api_url(bill)).json()
    assert set(body) == {"summary", "obligations"}
    for row in body["obligations"]:
        assert {"code", "instrument", "binding", "before", "after", "provisions"} <= set(row)
        assert {row["before"], row["after"]} <= {"none", "partial", "full"}
    assert set(body["summary"]["binding"]["before"]) == {"none", "partial", "full"}
