"""API fixtures: token clients per role and a small world with one of every object."""

from dataclasses import dataclass

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from drafting import services
from drafting.anchoring import Anchor
from drafting.models import Bill, Comment, Provision, ProvisionObligation
from proposals.models import Instrument, Jurisdiction, Obligation, Proposal
from tests.factories import (
    InstrumentFactory,
    JurisdictionFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
)


@pytest.fixture(autouse=True)
def plain_http(settings):
    """Tests speak plain HTTP to the test server; production redirects it to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False


def token_client(user) -> APIClient:
    """A client that sends `Authorization: Token ...` (a fresh user object on every request)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def client_for(users_by_role):
    def make(role: str) -> APIClient:
        return token_client(users_by_role[role])

    return make


@dataclass
class World:
    bill: Bill
    provision: Provision
    obligation: Obligation
    linked: Obligation
    link: ProvisionObligation
    thread: Comment
    suggestion: Comment
    resolved: Comment
    instrument: Instrument
    jurisdiction: Jurisdiction
    proposal: Proposal


def anchor_on(revision, words: str) -> Anchor:
    return Anchor.locate(revision.text_zh, words, language="zh")


@pytest.fixture
def world(bill, drafter, reviewer, viewer, outsider, staff) -> World:
    """One bill with a provision, an obligation link and three comment threads by the reviewer."""
    provision = ProvisionFactory(bill=bill, revisions=2)
    revision = provision.current_revision
    instrument = InstrumentFactory(code="OPSC")
    obligation = ObligationFactory(code="OPSC-3-1-c", instrument=instrument)
    linked = ObligationFactory(code="OPSC-3-1-a", instrument=instrument)
    link = services.obligation_link(
        actor=drafter, provision=provision, obligation=linked, extent="full", rationale="Covers it."
    )

    def thread(suggestion=None) -> Comment:
        return services.comment_create(
            actor=reviewer,
            provision=provision,
            revision=revision,
            body="Is **five years** enough?",
            anchor=anchor_on(revision, "五年以下有期徒刑"),
            suggestion=suggestion,
        )

    plain = thread()
    suggestion = thread(suggestion="十年以下有期徒刑")
    resolved = services.comment_resolve(actor=reviewer, comment=thread())
    return World(
        bill=bill,
        provision=Provision.objects.get(pk=provision.pk),
        obligation=obligation,
        linked=linked,
        link=link,
        thread=plain,
        suggestion=suggestion,
        resolved=resolved,
        instrument=instrument,
        jurisdiction=JurisdictionFactory(code="CN", name_en="China", name_zh="中国"),
        proposal=ProposalFactory(code="d"),
    )


def etag_of(provision: Provision) -> str:
    return f'"{provision.pk}-{provision.version}"'
