"""Reference-data services: binding on China is stored where Obligation.derived_binding says."""

from proposals.models import Instrument
from proposals.services import instrument_rederive_binding
from tests.factories import InstrumentFactory, ObligationFactory


def test_rederiving_follows_the_instrument_and_never_binds_a_recommendation(db):
    treaty = InstrumentFactory(code="T1", china_status=Instrument.ChinaStatus.SIGNATORY)
    duty = ObligationFactory(instrument=treaty, strength="mandatory")
    hint = ObligationFactory(instrument=treaty, strength="recommended")
    treaty.china_status = Instrument.ChinaStatus.PARTY
    treaty.save()
    assert instrument_rederive_binding(instrument=treaty) == 1
    duty.refresh_from_db()
    hint.refresh_from_db()
    assert (duty.binding_on_china, hint.binding_on_china) == (True, False)
    assert instrument_rederive_binding(instrument=treaty) == 0  # nothing left to change
