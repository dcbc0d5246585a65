"""Check constraints validated in one query (drafting/models/checks.py) judge as Django does."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models
from django.test.utils import CaptureQueriesContext

from drafting.models import Comment, Provision
from drafting.models.checks import ChecksInOneQuery

THREAD = {
    "body": "x",
    "anchor_language": "zh",
    "anchor_exact": "传播",
    "anchor_start": 2,
    "anchor_end": 4,
}
COMMENTS = {
    "valid thread": {},
    "unknown status": {"status": "archived"},
    "empty anchor": {"anchor_start": 4, "anchor_end": 4},
    "no anchor end": {"anchor_end": None},
    "verdict without suggestion": {"status": "rejected"},
    "accepted without revision": {"status": "accepted", "suggestion": "散布"},
    "everything at once": {"status": "accepted", "anchor_start": 9, "anchor_end": 1},
}


def comment(provision, author, **values) -> Comment:
    return Comment(
        provision=provision,
        revision=provision.current_revision,
        author=author,
        **{**THREAD, **values},
    )


def judged(instance, validate, **options) -> dict[str, list[tuple[str, str]]]:
    """The errors as (message, code) by field; {} when valid."""
    try:
        validate(instance, **options)
    except ValidationError as error:
        return {
            field: [(item.messages[0], item.code) for item in items]
            for field, items in error.error_dict.items()
        }
    return {}


def test_every_model_with_several_checks_asks_once():
    several = [
        model
        for model in Comment._meta.apps.get_app_config("drafting").get_models()
        if sum(isinstance(c, models.CheckConstraint) for c in model._meta.constraints) > 1
    ]
    assert several and all(issubclass(model, ChecksInOneQuery) for model in several)


@pytest.mark.parametrize("values", COMMENTS.values(), ids=COMMENTS.keys())
@pytest.mark.parametrize("exclude", [None, {"status"}, {"anchor_start", "suggestion"}])
def test_the_same_errors_in_the_same_order_as_django(provision, reviewer, values, exclude):
    instance = comment(provision, reviewer, **values)

    ours = judged(instance, Comment.validate_constraints, exclude=exclude)
    djangos = judged(instance, models.Model.validate_constraints, exclude=exclude)

    assert ours == djangos
    if exclude is None:
        assert bool(ours) == (values != {})


def test_a_valid_comment_costs_one_query_in_one_savepoint(provision, reviewer):
    instance = comment(provision, reviewer)

    with CaptureQueriesContext(connection) as ours:
        instance.validate_constraints()
    with CaptureQueriesContext(connection) as djangos:
        models.Model.validate_constraints(instance)

    statements = [query["sql"].split()[0].upper() for query in ours.captured_queries]
    assert statements == ["SAVEPOINT", "SELECT", "RELEASE"]
    assert len(djangos.captured_queries) == 3 * 4  # four checks, each in its own savepoint


def test_a_provision_checks_in_one_query_too(provision):
    with CaptureQueriesContext(connection) as queries:
        provision.validate_constraints(exclude={"current_revision"})

    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    checks = sum(isinstance(c, models.CheckConstraint) for c in Provision._meta.constraints)
    uniques = len(Provision._meta.constraints) - checks
    assert len(selects) == 1 + uniques


def test_when_the_database_cannot_judge_them_together_each_is_asked_alone(
    provision, reviewer, monkeypatch
):
    def refuse(*args, **kwargs):
        raise DatabaseError("not together")

    monkeypatch.setattr("drafting.models.checks._ask", refuse)
    instance = comment(provision, reviewer, status="rejected")

    errors = judged(instance, Comment.validate_constraints)

    assert errors == judged(instance, models.Model.validate_constraints)
    assert errors
