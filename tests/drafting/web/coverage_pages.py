"""What the tests of the coverage pages share: their addresses, the register every test reads
(`module_register, register = shared_register()`) and an agreed link."""

import pytest
from django.urls import reverse

from proposals.models import Instrument, Obligation
from tests.factories import (
    AssessmentFactory,
    InstrumentFactory,
    JurisdictionFactory,
    ObligationFactory,
    reviewed_link,
)

PAGES = ("coverage", "coverage_gaps", "coverage_icmec", "coverage_compare", "coverage_change")
MEMBERS = ("viewer", "reviewer", "drafter")
NOT_MEMBERS = ("outsider", "staff")


def url(name: str, bill, query: str = "") -> str:
    return reverse(f"drafting:{name}", kwargs={"pk": bill.pk}) + (f"?{query}" if query else "")


def api_url(bill, query: str = "") -> str:
    return f"/api/bills/{bill.pk}/coverage/" + (f"?{query}" if query else "")


def shared_register():
    """The fixtures module_register (autouse: the register, made once for the module on its
    `module_rows` and rolled back when it ends) and register (that register, for a test)."""

    @pytest.fixture(scope="module", autouse=True)
    def module_register(module_rows, django_db_blocker) -> dict:
        with django_db_blocker.unblock():
            return make_register()

    @pytest.fixture
    def register(module_register, db) -> dict:
        return module_register

    return module_register, register


def make_register() -> dict:
    """A binding obligation, a persuasive one, and the ICMEC criteria with a US comparison."""
    treaty = InstrumentFactory(
        code="T-OPSC", kind=Instrument.Kind.PROTOCOL, hong_kong=Instrument.HongKong.DOES_NOT_APPLY
    )
    soft = InstrumentFactory(
        code="ICMEC", kind=Instrument.Kind.MODEL_LAW, china_status=Instrument.ChinaStatus.NOT_PARTY
    )
    binding = ObligationFactory(code="OPSC-X", instrument=treaty, statement_en="Criminalize X.")
    AssessmentFactory(obligation=binding, level="partial", citation="CL art. 363")
    us = JurisdictionFactory(code="US", name_en="United States", name_zh="美国")
    for code, name_en, name_zh in (
        ("GB", "United Kingdom", "英国"),
        ("AU", "Australia", "澳大利亚"),
        ("CA", "Canada", "加拿大"),
        ("JP", "Japan", "日本"),
    ):
        JurisdictionFactory(code=code, name_en=name_en, name_zh=name_zh)
    icmec = {}
    for n in range(1, 6):
        icmec[n] = ObligationFactory(
            code=f"ICMEC-{n}",
            instrument=soft,
            strength=Obligation.Strength.RECOMMENDED,
            statement_en=f"ICMEC criterion {n}.",
            position=10 + n,
        )
        AssessmentFactory(obligation=icmec[n], level="none", confidence="L")
        AssessmentFactory(
            obligation=icmec[n], jurisdiction=us, level="full", citation=f"18 U.S.C. § 225{n}"
        )
    return {"binding": binding, "icmec": icmec}


def link(provision, ob, extent="full", rationale="Creates the offence.", **kw):
    """An agreed link (coverage counts agreed links)."""
    return reviewed_link(provision, ob, extent, rationale, **kw)
