"""Filters of the coverage (drafting/coverage/filters.py): the rows they select, the summaries
that follow them, and parsing them from query parameters."""

import pytest
from django.core.exceptions import ValidationError

from drafting.coverage import Filters, compute_coverage, parse_filters
from proposals.models import Obligation
from tests.drafting.coverage.conftest import obligation


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
