"""Fixtures and helpers of the service tests: the bill and users a module shares, provisions
and comment threads made through the services."""

import pytest

from drafting import services
from drafting.models import Provision
from drafting.text.anchoring import Anchor
from tests.conftest import make_roles, module_transaction
from tests.factories import ArticleFactory

ROLE_FIXTURES = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> dict:
    """The bill and the users of every role, made once for the module (rolled back at its end)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            roles = make_roles()
        yield roles


def read_afresh(name: str):
    """A fixture that overrides `name` with the module's row, read again for each test: a test
    changes memberships and caches permissions on its objects, and its writes roll back."""

    @pytest.fixture(name=name)
    def fixture(shared, db):
        row = shared[name]
        return type(row)._base_manager.get(pk=row.pk)

    return fixture


def shared_roles() -> tuple:
    """Overrides of ROLE_FIXTURES for a module whose tests share one bill and its users. Assign
    them to the same names: `bill, drafter, reviewer, viewer, outsider, staff = shared_roles()`."""
    return tuple(read_afresh(name) for name in ROLE_FIXTURES)


def make_provision(bill, actor, **overrides):
    article = overrides.pop("target_article", None) or ArticleFactory(
        instrument=bill.target_instrument
    )
    fields = {
        "operation": Provision.Operation.REPLACE_ARTICLE,
        "title_en": "Possession without justification",
        "text_zh": "无正当理由持有儿童性侵害材料的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金。",
        "text_en": "Whoever possesses such material without justification shall be sentenced.",
    }
    fields.update(overrides)
    return services.provision_create(actor=actor, bill=bill, target_article=article, **fields)


def zh_anchor(revision, words):
    return Anchor.locate(revision.text_zh, words, language="zh")


def open_thread(actor, revision, words, *, body="x", suggestion=None):
    """A thread on the first occurrence of words in the revision's Chinese text."""
    return services.comment_create(
        actor=actor,
        provision=revision.provision,
        revision=revision,
        body=body,
        anchor=zh_anchor(revision, words),
        suggestion=suggestion,
    )
