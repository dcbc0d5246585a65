"""Property-based run of every operation in the OpenAPI schema, in-process, as a drafter, and
stateful sequences of them (links inferred from the responses).

No server errors, and every response (status, content type, headers, body) as documented; in
sequences also no use after delete, every created resource available, auth never ignored.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

pytestmark = pytest.mark.schemathesis

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
STATEFUL_CHECKS = [
    *CHECKS,
    use_after_free,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    unsupported_method,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The raw WSGI app would close the test transaction's connection at each request's end."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def drafter_token(world, drafter) -> str:
    """The drafter of the world's bill, so that ids the schema examples hit can exist."""
    return AuthToken.objects.create(user=drafter)[1]


# Plain HTTP in-process: middleware reads the redirect setting once, when the app is built.
with override_settings(SECURE_SSL_REDIRECT=False):
    application = get_wsgi_application()
    # The schema is generated without touching the database, so it loads at collection time.
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_the_schema(case, drafter_token):
    case.call_and_validate(headers={"Authorization": f"Token {drafter_token}"}, checks=CHECKS)


def test_sequences_of_operations_conform(drafter_token):
    """The stateful phase: chains such as create a bill, add a provision, comment, accept."""

    class Sequences(schema.as_state_machine()):
        # Every scenario starts from the same state: its writes are rolled back and the rate
        # limits (in the cache) forgotten. Otherwise a replayed scenario meets other data, its
        # bundles and rules differ, and Hypothesis reports inconsistent data generation.
        def setup(self):
            cache.clear()  # earlier tests in this process may have used up a rate limit
            self._scenario = transaction.atomic()
            self._scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._scenario.__exit__(None, None, None)
            cache.clear()

        def get_call_kwargs(self, case):
            # Sent as the caller's own credentials (ignored_auth then probes without them).
            return {"headers": {"Authorization": f"Token {drafter_token}"}}

        def before_call(self, case):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {drafter_token}"}
            case.cookies = {}  # no generated session cookie beside the token
            case._has_explicit_auth = True  # what an auth provider marks: ours, not generated

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=STATEFUL_CHECKS, recorder=self.recorder)

    Sequences.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
