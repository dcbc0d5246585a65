"""Fixtures for the document tests: the real Criminal Law, imported when the file is present."""

import pytest

from proposals.statutes import parse_statute_file, statute_import
from tests.drafting.documents.builders import CRIMINAL_LAW


@pytest.fixture
def criminal_law(bill):
    """The real Criminal Law imported into the bill's target instrument (PRC-CL)."""
    if not CRIMINAL_LAW.exists():
        pytest.skip(f"{CRIMINAL_LAW} is absent")
    statute_import(instrument=bill.target_instrument, statute=parse_statute_file(CRIMINAL_LAW))
    return bill.target_instrument
