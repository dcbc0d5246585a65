"""Levels of an obligation: China's baseline (before), the bill's level from its agreed links and
the level after, including a baseline that an article the bill changes no longer supports."""

import pytest

from drafting import services
from drafting.coverage import BASELINE_CHANGED, GAP, NOT_ASSESSED, compute_coverage, row_data
from tests.drafting.coverage.conftest import Op, link, obligation, row
from tests.factories import ArticleFactory, AssessmentFactory, JurisdictionFactory, ProvisionFactory


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
