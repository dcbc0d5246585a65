"""Fixtures and helpers of the coverage tests: a binding treaty and a soft-law instrument,
obligations with China's assessment, agreed links, and one obligation's row of a bill."""

import pytest

from drafting.coverage import Filters, compute_coverage
from drafting.models import Provision
from proposals.models import Instrument
from tests.factories import AssessmentFactory, InstrumentFactory, ObligationFactory, reviewed_link

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
