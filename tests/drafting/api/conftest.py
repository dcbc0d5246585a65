"""API fixtures: token clients per role and a small world with one of every object."""

import re
from dataclasses import dataclass
from functools import cache

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from drafting import services
from drafting.models import Bill, Comment, Provision, ProvisionObligation
from drafting.text.anchoring import Anchor
from proposals.models import Instrument, Jurisdiction, Obligation, Proposal
from tests.conftest import ROLES, make_roles, module_transaction
from tests.factories import (
    InstrumentFactory,
    JurisdictionFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
)


@cache
def documented_responses() -> tuple[tuple[re.Pattern, dict[str, set[str]]], ...]:
    """Per path template of the OpenAPI schema: each method's documented status codes."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    # Literal paths before templated ones: .../obligations/unlink/ before .../obligations/{code}/.
    paths = sorted(schema["paths"].items(), key=lambda item: item[0].count("{"))
    return tuple(
        (
            re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"),
            {method.upper(): set(operation["responses"]) for method, operation in ops.items()},
        )
        for path, ops in paths
    )


def assert_documented(method: str, path: str, status: int) -> None:
    """Fail when an operation of the schema answers a status code its documentation does not list."""
    for pattern, operations in documented_responses():
        if pattern.match(path) and method in operations:
            documented = operations[method]
            assert str(status) in documented, (
                f"{method} {path} answered {status}; the schema documents {sorted(documented)}"
            )
            return
    # Not an operation of the schema (the docs, the catch-all 404, a 405 method): nothing to check.


class DocumentedClient(APIClient):
    """An API client that checks every answer's status code against the OpenAPI schema."""

    def request(self, **kwargs):
        response = super().request(**kwargs)
        assert_documented(
            response.request["REQUEST_METHOD"], response.request["PATH_INFO"], response.status_code
        )
        return response


def token_client(user) -> APIClient:
    """A client that sends `Authorization: Token ...` (a fresh user object on every request).

    Every answer it gets is checked against the schema: an undocumented status code fails the test.
    """
    client = DocumentedClient()
    if user is not None:
        _instance, key = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
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
    return make_world(bill, drafter, reviewer)


def make_world(bill, drafter, reviewer) -> World:
    """The world of the fixture above, on a bill whose drafter and reviewer are given."""
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


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> tuple[dict, World]:
    """The users and the world made once for a module that only reads them between rollbacks."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            roles = make_roles()
            world = make_world(roles["bill"], roles["drafter"], roles["reviewer"])
        yield {role: roles[role] for role in ROLES}, world


@pytest.fixture
def module_users(shared_world, db) -> dict:
    """users_by_role for a module that overrides it with the shared world's users."""
    return shared_world[0]


@pytest.fixture
def module_world(shared_world, db) -> World:
    """The world for a module that overrides `world` with it: each test's writes roll back."""
    return shared_world[1]


@pytest.fixture
def fresh_world(module_world) -> World:
    """The module's world read afresh, for tests that change its objects in memory (a service
    moving a provision's current revision): what they change rolls back in the database only."""
    return World(
        **{name: type(row)._base_manager.get(pk=row.pk) for name, row in vars(module_world).items()}
    )


def module_fixtures(*roles: str, fresh: bool = True) -> tuple:
    """Overrides for a module whose tests share one world: `users_by_role`, `world` (read afresh
    unless `fresh` is false) and a fixture for each role named. Assign them to the same names:
    `users_by_role, world, drafter = module_fixtures("drafter")`."""

    @pytest.fixture(name="users_by_role")
    def users(module_users) -> dict:
        return module_users

    @pytest.fixture(name="world")
    def shared(request) -> World:
        return request.getfixturevalue("fresh_world" if fresh else "module_world")

    def user(role: str):
        return pytest.fixture(name=role)(lambda module_users: module_users[role])

    return users, shared, *(user(role) for role in roles)


def etag_of(provision: Provision) -> str:
    return f'"{provision.pk}-{provision.version}"'
