"""The coverage read model: baseline, the bill's links, the level after, flags, summaries, change."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from drafting import services
from drafting.coverage import (
    BASELINE_CHANGED,
    GAP,
    NOT_ASSESSED,
    NOT_HONG_KONG,
    VERIFY,
    Filters,
    compute_coverage,
    coverage_change,
    gaps_first,
    parse_filters,
    row_data,
    summary_data,
)
from drafting.immutability import history_maintenance
from drafting.models import Bill, Provision, ProvisionObligation, ReviewEvent
from proposals.models import Instrument, Obligation, ProposalTarget
from tests.factories import (
    ArticleFactory,
    AssessmentFactory,
    InstrumentFactory,
    JurisdictionFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
    reviewed_link,
)

Op = Provision.Operation


@pytest.fixture
def treaty(db):
    """A treaty China is a party to: its mandatory obligations bind China."""
    return InstrumentFactory(code="T-BIND", kind=Instrument.Kind.PROTOCOL)


@pytest.fixture
def soft(db):
    return InstrumentFactory(
        code="T-SOFT", kind=Instrument.Kind.MODEL_LAW, china_status=Instrument.ChinaStatus.NOT_PARTY
    )


def obligation(instrument, code: str, *, level: str | None = None, relies=(), **kwargs):
    """An obligation with China's assessment (if a level is given) relying on the articles."""
    ob = ObligationFactory(code=code, instrument=instrument, **kwargs)
    if level is not None:
        assessment = AssessmentFactory(obligation=ob, level=level, citation=f"CL for {code}")
        assessment.relies_on.set(relies)
    return ob


def link(provision, ob, extent="full", rationale="Criminalizes the conduct.", **kw):
    """An agreed link (coverage counts agreed links)."""
    return reviewed_link(provision, ob, extent, rationale, **kw)


def row(bill, code: str, **filters):
    coverage = compute_coverage(bill, Filters(**filters))
    return next(r for r in coverage.all_rows if r.code == code)


# --- levels -----------------------------------------------------------------------------------


def test_missing_assessment_counts_as_none_and_is_flagged(bill, treaty):
    obligation(treaty, "OB-1")
    r = row(bill, "OB-1")
    assert (r.before, r.bill_level, r.after) == ("none", "none", "none")
    assert NOT_ASSESSED in r.flag_codes()
    assert GAP in r.flag_codes()


def test_partial_plus_partial_stays_partial(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    link(ProvisionFactory(bill=bill), ob, "partial")
    link(ProvisionFactory(bill=bill), ob, "partial")
    r = row(bill, "OB-1")
    assert (r.before, r.bill_level, r.after) == ("none", "partial", "partial")
    assert r.gap_after and GAP in r.flag_codes()
    assert [link.extent for link in r.links] == ["partial", "partial"]


def test_one_full_link_makes_it_full(bill, treaty):
    ob = obligation(treaty, "OB-1", level="partial")
    link(ProvisionFactory(bill=bill), ob, "partial")
    link(ProvisionFactory(bill=bill), ob, "full")
    r = row(bill, "OB-1")
    assert (r.before, r.after) == ("partial", "full")
    assert not r.gap_after and GAP not in r.flag_codes()
    assert r.change == 1


def test_after_never_falls_below_the_baseline(bill, treaty):
    ob = obligation(treaty, "OB-1", level="full")
    link(ProvisionFactory(bill=bill), ob, "partial")
    assert row(bill, "OB-1").after == "full"


def test_withdrawn_provisions_links_do_not_count(bill, treaty, drafter):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "full")
    assert row(bill, "OB-1").after == "full"
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    r = row(bill, "OB-1")
    assert (r.after, r.links) == ("none", [])
    coverage = compute_coverage(bill)
    assert [p.id for p in coverage.withdrawn] == [provision.pk]
    assert provision.pk not in [p.id for p in coverage.provisions]


def test_removed_links_do_not_count(bill, treaty, drafter):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "full")
    services.obligation_unlink(actor=drafter, provision=provision, obligation=ob)
    assert row(bill, "OB-1").after == "none"


def test_other_bills_links_do_not_count(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    other = ProvisionFactory()
    link(other, ob, "full")
    assert row(bill, "OB-1").after == "none"


@pytest.mark.parametrize("operation", [Op.REPLACE_ARTICLE, Op.REPEAL_ARTICLE])
def test_replacing_a_relied_on_article_drops_the_baseline(bill, treaty, operation):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    obligation(treaty, "OB-1", level="partial", relies=[article])
    provision = ProvisionFactory(bill=bill, target_article=article, operation=operation)
    r = row(bill, "OB-1")
    assert (r.before, r.after) == ("partial", "none")
    assert r.baseline_dropped
    assert BASELINE_CHANGED in r.flag_codes()
    assert [p.id for p in r.changed_by] == [provision.pk]
    assert r.change == -1


@pytest.mark.parametrize("operation", [Op.REPLACE_PARAGRAPHS, Op.REPEAL_PARAGRAPHS])
def test_paragraph_changes_to_a_relied_on_article_drop_the_baseline(bill, treaty, operation):
    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    obligation(treaty, "OB-1", level="full", relies=[article])
    ProvisionFactory(bill=bill, target_article=article, operation=operation, paragraphs=[1])
    r = row(bill, "OB-1")
    assert r.after == "none" and BASELINE_CHANGED in r.flag_codes()


def test_a_full_link_of_the_replacing_provision_gives_full(bill, treaty):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    ob = obligation(treaty, "OB-1", level="partial", relies=[article])
    provision = ProvisionFactory(bill=bill, target_article=article, operation=Op.REPLACE_ARTICLE)
    link(provision, ob, "full")
    r = row(bill, "OB-1")
    assert (r.before, r.bill_level, r.after) == ("partial", "full", "full")
    assert r.baseline_dropped
    assert BASELINE_CHANGED in r.flag_codes()  # the scholar still sees it


def test_a_partial_link_of_the_replacing_provision_does_not_keep_a_full_baseline(bill, treaty):
    """The replaced article's contribution is gone: after is what the bill's links give."""
    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    ob = obligation(treaty, "OB-1", level="full", relies=[article])
    provision = ProvisionFactory(bill=bill, target_article=article, operation=Op.REPLACE_ARTICLE)
    link(provision, ob, "partial")
    r = row(bill, "OB-1")
    assert (r.before, r.bill_level, r.after) == ("full", "partial", "partial")
    assert r.gap_after and GAP in r.flag_codes()
    assert BASELINE_CHANGED in r.flag_codes()
    assert r.change == -1
    data = row_data(r)
    assert data["after"] == "partial" and data["baseline_counts"] is False
    summary = compute_coverage(bill).summary
    assert (summary.gaps_before, summary.gaps_after, summary.lost) == (0, 1, 1)


def test_a_partial_link_elsewhere_does_not_keep_a_repealed_baseline(bill, treaty):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    ob = obligation(treaty, "OB-1", level="full", relies=[article])
    ProvisionFactory(bill=bill, target_article=article, operation=Op.REPEAL_ARTICLE)
    link(ProvisionFactory(bill=bill), ob, "partial")  # a new article, partly meeting it
    r = row(bill, "OB-1")
    assert (r.before, r.after) == ("full", "partial")


def test_changing_one_of_several_relied_on_articles_drops_the_whole_baseline(bill, treaty):
    """An assessment is one judgement over its articles: it cannot be split article by article."""
    kept = ArticleFactory(instrument=bill.target_instrument, number=363)
    replaced = ArticleFactory(instrument=bill.target_instrument, number=366)
    obligation(treaty, "OB-1", level="partial", relies=[kept, replaced])
    provision = ProvisionFactory(bill=bill, target_article=replaced, operation=Op.REPLACE_ARTICLE)
    r = row(bill, "OB-1")
    assert (r.before, r.after) == ("partial", "none")
    assert [p.id for p in r.changed_by] == [provision.pk]


def test_a_baseline_relying_on_untouched_articles_still_counts(bill, treaty):
    kept = ArticleFactory(instrument=bill.target_instrument, number=363)
    other = ArticleFactory(instrument=bill.target_instrument, number=366)
    obligation(treaty, "OB-1", level="full", relies=[kept])
    ProvisionFactory(bill=bill, target_article=other, operation=Op.REPEAL_ARTICLE)
    r = row(bill, "OB-1")
    assert (r.after, r.changed_by, r.baseline_dropped) == ("full", [], False)
    assert row_data(r)["baseline_counts"] is True


def test_inserting_after_a_relied_on_article_changes_nothing(bill, treaty):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    obligation(treaty, "OB-1", level="partial", relies=[article])
    ProvisionFactory(bill=bill, target_article=article, operation=Op.INSERT_ARTICLES)
    r = row(bill, "OB-1")
    assert (r.after, r.changed_by) == ("partial", [])
    assert BASELINE_CHANGED not in r.flag_codes()


def test_a_withdrawn_replacement_does_not_drop_the_baseline(bill, treaty, drafter):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    obligation(treaty, "OB-1", level="partial", relies=[article])
    provision = ProvisionFactory(bill=bill, target_article=article, operation=Op.REPLACE_ARTICLE)
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    assert row(bill, "OB-1").after == "partial"


def test_only_chinas_assessment_is_the_baseline(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    AssessmentFactory(obligation=ob, jurisdiction=JurisdictionFactory(code="US"), level="full")
    assert row(bill, "OB-1").before == "none"


# --- flags ------------------------------------------------------------------------------------


def test_non_binding_obligations_are_never_binding_gaps(bill, soft):
    obligation(soft, "SOFT-1", level="none", strength=Obligation.Strength.RECOMMENDED)
    r = row(bill, "SOFT-1")
    assert not r.binding and r.after == "none"
    assert not r.gap_after and GAP not in r.flag_codes()
    coverage = compute_coverage(bill)
    assert coverage.summary.gaps_after == 0
    # Listed among the other open obligations, not the binding gaps.
    assert [x.code for x in gaps_first(coverage.rows)] == ["SOFT-1"]


def test_binding_gaps_come_first(bill, treaty, soft):
    obligation(soft, "SOFT-1", level="none", position=1)
    obligation(treaty, "OB-2", level="partial", position=2)
    obligation(treaty, "OB-3", level="full", position=3)
    rows = gaps_first(compute_coverage(bill).rows)
    assert [r.code for r in rows] == ["OB-2", "SOFT-1"]


def test_hong_kong_declaration_is_noted(bill):
    opsc = InstrumentFactory(code="T-OPSC", hong_kong=Instrument.HongKong.DOES_NOT_APPLY)
    obligation(opsc, "OPSC-X", level="partial")
    obligation(InstrumentFactory(code="T-CRC"), "CRC-X", level="partial")
    assert NOT_HONG_KONG in row(bill, "OPSC-X").flag_codes()
    assert NOT_HONG_KONG not in row(bill, "CRC-X").flag_codes()
    message = next(f.message for f in row(bill, "OPSC-X").flags if f.code == NOT_HONG_KONG)
    assert "Hong Kong" in message
    coverage = compute_coverage(bill)
    assert coverage.summary.not_hong_kong == ["T-OPSC"]
    assert summary_data(coverage)["not_hong_kong"] == ["T-OPSC"]
    # The declaration is noted, not counted: it changes neither levels nor gaps.
    assert row(bill, "OPSC-X").after == row(bill, "CRC-X").after == "partial"


def test_low_confidence_says_verify_before_citing(bill, treaty):
    obligation(treaty, "OB-M", level="none", confidence="M")
    ob = obligation(treaty, "OB-K", level="none", confidence="K")
    obligation(treaty, "OB-V", level="none", confidence="V")
    ob.assessments.update(confidence="L")  # the assessment, not the obligation, is uncertain
    assert VERIFY in row(bill, "OB-M").flag_codes()
    assert VERIFY in row(bill, "OB-K").flag_codes()
    assert VERIFY not in row(bill, "OB-V").flag_codes()


# --- filters ----------------------------------------------------------------------------------


def test_filters_select_rows_and_summaries_follow(bill, treaty, soft):
    obligation(treaty, "OB-1", level="none", kind=Obligation.Kind.DEFINE)
    obligation(treaty, "OB-2", level="full", strength=Obligation.Strength.OPTIONAL)
    obligation(soft, "SOFT-1", level="none", strength=Obligation.Strength.RECOMMENDED)

    def codes(**kw):
        return [r.code for r in compute_coverage(bill, Filters(**kw)).rows]

    assert codes() == ["OB-1", "OB-2", "SOFT-1"]
    assert codes(instrument="T-SOFT") == ["SOFT-1"]
    assert codes(binding=True) == ["OB-1", "OB-2"]
    assert codes(binding=False) == ["SOFT-1"]
    assert codes(kind="define") == ["OB-1"]
    assert codes(strength="optional") == ["OB-2"]
    assert compute_coverage(bill, Filters(binding=False)).summary.binding_total == 0


def test_parse_filters_accepts_words_and_refuses_nonsense():
    assert parse_filters({"binding": "true", "kind": "define"}) == Filters(
        binding=True, kind="define"
    )
    assert parse_filters({"binding": "0"}).binding is False
    assert parse_filters({}) == Filters()
    with pytest.raises(ValidationError) as caught:
        parse_filters({"binding": "maybe", "kind": "x", "strength": "y", "instrument": "I" * 99})
    assert set(caught.value.message_dict) == {"binding", "kind", "strength", "instrument"}


# --- summaries --------------------------------------------------------------------------------


def test_summary_counts_binding_levels_before_and_after(bill, treaty, soft):
    a = obligation(treaty, "OB-1", level="none")
    b = obligation(treaty, "OB-2", level="partial")
    obligation(treaty, "OB-3", level="full")
    s = obligation(soft, "SOFT-1", level="none", strength=Obligation.Strength.RECOMMENDED)
    provision = ProvisionFactory(bill=bill)
    link(provision, a, "full")
    link(provision, b, "partial")
    link(provision, s, "full")
    summary = compute_coverage(bill).summary
    assert summary.binding_total == 3
    assert summary.binding_before == {"none": 1, "partial": 1, "full": 1}
    assert summary.binding_after == {"none": 0, "partial": 1, "full": 2}
    assert (summary.gaps_before, summary.gaps_after) == (2, 1)
    assert (summary.gained, summary.lost) == (2, 0)
    by_code = {item.code: item for item in summary.instruments}
    assert by_code["T-BIND"].after == {"none": 0, "partial": 1, "full": 2}
    assert by_code["T-SOFT"].binding == 0


def test_proposal_summary_uses_primary_targets(bill, treaty, soft):
    a = obligation(treaty, "OB-1", level="none")
    s = obligation(soft, "SOFT-1", level="none")
    proposal = ProposalFactory(code="d")
    ProposalTarget.objects.create(proposal=proposal, obligation=a, primary=True)
    ProposalTarget.objects.create(proposal=proposal, obligation=s, primary=False)
    link(ProvisionFactory(bill=bill), a, "full")
    item = next(p for p in compute_coverage(bill).summary.proposals if p.code == "d")
    assert [r.code for r in item.primary] == ["OB-1"]
    assert [r.code for r in item.support] == ["SOFT-1"]
    assert item.before == {"none": 1, "partial": 0, "full": 0}
    assert item.after == {"none": 0, "partial": 0, "full": 1}


def test_icmec_scorecard_sets_china_beside_the_others(bill):
    icmec = InstrumentFactory(
        code="ICMEC", kind=Instrument.Kind.MODEL_LAW, china_status=Instrument.ChinaStatus.NOT_PARTY
    )
    us = JurisdictionFactory(code="US", name_en="United States")
    obs = {
        n: obligation(icmec, f"ICMEC-{n}", level="none", position=n, confidence="V")
        for n in range(1, 6)
    }
    AssessmentFactory(obligation=obs[4], jurisdiction=us, level="full", citation="18 U.S.C. § 2252")
    link(ProvisionFactory(bill=bill), obs[4], "full")
    scorecard = compute_coverage(bill).summary.icmec
    assert [c.row.code for c in scorecard] == [f"ICMEC-{n}" for n in range(1, 6)]
    fourth = scorecard[3]
    assert (fourth.row.before, fourth.row.after) == ("none", "full")
    assert fourth.others[0].citation == "18 U.S.C. § 2252"  # US comes first
    assert fourth.others[1:] == [None, None, None, None]
    data = summary_data(compute_coverage(bill))["icmec"][3]
    assert data["china_before"] == "none" and data["china_after"] == "full"
    assert data["others"]["US"]["level"] == "full" and data["others"]["JP"] is None


def test_row_data_has_the_api_shape(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "partial", "Covers most of the conduct.")
    data = row_data(row(bill, "OB-1"))
    assert data["code"] == "OB-1" and data["instrument"] == "T-BIND" and data["binding"] is True
    assert (data["before"], data["after"]) == ("none", "partial")
    assert data["provisions"] == [
        {
            "id": provision.pk,
            "position": provision.position,
            "extent": "partial",
            "rationale": "Covers most of the conduct.",
            "status": "draft",
            "link_status": "agreed",
        }
    ]
    assert "binding_gap" in [f["code"] for f in data["flags"]]


# --- query counts -----------------------------------------------------------------------------


def build(bill, treaty, size: int) -> None:
    """size obligations with baselines relying on articles, size provisions, two links each."""
    articles = [ArticleFactory(instrument=bill.target_instrument) for _ in range(size)]
    obs = [obligation(treaty, f"Q-{n}", level="partial", relies=[articles[n]]) for n in range(size)]
    proposal = ProposalFactory(code="q")
    for n in range(size):
        provision = ProvisionFactory(bill=bill, target_article=articles[n])
        link(provision, obs[n], "full")
        link(provision, obs[(n + 1) % size], "partial")
        ProposalTarget.objects.create(proposal=proposal, obligation=obs[n])


@pytest.mark.parametrize("size", [3, 30])
def test_computation_and_change_take_fixed_queries_whatever_the_size(
    bill, treaty, size, django_assert_num_queries
):
    """Computing the coverage takes five queries and its change since the bill's creation eight,
    for 3 rows as for 30 (one build serves both)."""
    build(bill, treaty, size)
    fresh = Bill.objects.get(pk=bill.pk)
    with django_assert_num_queries(5):
        coverage = compute_coverage(fresh)
    assert len(coverage.rows) == size and len(coverage.provisions) == size
    assert all(r.after == "full" for r in coverage.rows)
    assert all(BASELINE_CHANGED in r.flag_codes() for r in coverage.rows)
    with django_assert_num_queries(8):
        change = coverage_change(bill)
    assert len(change.gained) == size


def test_at_most_five_queries(bill, treaty, django_assert_max_num_queries):
    build(bill, treaty, 10)
    with django_assert_max_num_queries(5):
        compute_coverage(bill, Filters(binding=True))


# --- change between two moments ---------------------------------------------------------------


def backdate(model_rows, when) -> None:
    with history_maintenance():  # links and events are append-only: a test may still backdate
        model_rows.update(created_at=when)
        if model_rows.model is ProvisionObligation:
            model_rows.filter(review__isnull=False).update(reviewed_at=when)


def test_coverage_change_since_a_date(bill, treaty, drafter):
    kept = obligation(treaty, "OB-KEPT", level="none")
    added = obligation(treaty, "OB-ADDED", level="none")
    removed = obligation(treaty, "OB-REMOVED", level="partial")
    upgraded = obligation(treaty, "OB-UP", level="none")
    provision = ProvisionFactory(bill=bill)
    long_ago = timezone.now() - timedelta(days=10)
    for ob, extent in ((kept, "full"), (removed, "full"), (upgraded, "partial")):
        link(provision, ob, extent)
    backdate(ProvisionObligation.objects.filter(provision=provision), long_ago)
    backdate(Provision.objects.filter(pk=provision.pk), long_ago)
    # After the moment: one new link, one unlinked, one re-linked with a full extent.
    link(provision, added, "full")
    services.obligation_unlink(actor=drafter, provision=provision, obligation=removed)
    link(provision, upgraded, "full")

    change = coverage_change(bill, (timezone.now() - timedelta(days=3)).date())
    assert change.source == "date"
    assert {c.row.code: (c.then, c.now) for c in change.gained} == {
        "OB-ADDED": ("none", "full"),
        "OB-UP": ("partial", "full"),
    }
    assert {c.row.code: (c.then, c.now) for c in change.lost} == {"OB-REMOVED": ("full", "partial")}
    lost = change.lost[0]
    assert [(x.provision.id, x.extent) for x in lost.removed] == [(provision.pk, "full")]
    assert "OB-KEPT" not in [c.row.code for c in change.changes]


def test_coverage_change_defaults_to_the_last_review(bill, treaty, drafter):
    early = obligation(treaty, "OB-EARLY", level="none")
    late = obligation(treaty, "OB-LATE", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, early, "full")
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    reviewed_at = timezone.now() - timedelta(days=2)
    backdate(ReviewEvent.objects.filter(provision=provision), reviewed_at)
    backdate(ProvisionObligation.objects.filter(provision=provision), reviewed_at)
    backdate(Provision.objects.filter(pk=provision.pk), reviewed_at)
    link(provision, late, "partial")

    change = coverage_change(bill)
    assert change.source == "review"
    assert change.since == reviewed_at
    assert [(c.row.code, c.then, c.now) for c in change.gained] == [("OB-LATE", "none", "partial")]


def test_coverage_change_without_review_starts_at_the_bills_creation(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    link(ProvisionFactory(bill=bill), ob, "full")
    change = coverage_change(bill)
    assert change.source == "created"
    assert [c.row.code for c in change.gained] == ["OB-1"]


def test_coverage_change_sees_a_replacement_written_after_the_moment_as_a_loss(bill, treaty):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    obligation(treaty, "OB-1", level="full", relies=[article])
    moment = timezone.now() - timedelta(days=1)
    backdate(Bill.objects.filter(pk=bill.pk), moment - timedelta(days=1))
    ProvisionFactory(bill=bill, target_article=article, operation=Op.REPLACE_ARTICLE)
    change = coverage_change(bill, moment)
    # Then: the provision did not exist, current law counted in full. Now: no link, so none.
    assert [(c.row.code, c.then, c.now) for c in change.lost] == [("OB-1", "full", "none")]


def test_coverage_change_counts_a_withdrawal_as_a_loss(bill, treaty, drafter):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "full")
    five_days_ago = timezone.now() - timedelta(days=5)
    backdate(ProvisionObligation.objects.filter(provision=provision), five_days_ago)
    backdate(Provision.objects.filter(pk=provision.pk), five_days_ago)
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    change = coverage_change(bill, timezone.now() - timedelta(days=1))
    assert [(c.row.code, c.then, c.now) for c in change.lost] == [("OB-1", "full", "none")]
