"""A model's check constraints validated together: one query, not one query and a savepoint each.

Django's full_clean() asks the database about every CheckConstraint on its own, inside a
savepoint when a transaction is open: a comment with four checks cost twelve statements before
its insert. `ChecksInOneQuery` asks once for all of a model's checks (inside one savepoint) and
reports the failing ones exactly as Django does: same messages, codes and order, the same
checks skipped for excluded fields, the same unknown (NULL) result counted as passing.
"""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


class ChecksInOneQuery(models.Model):
    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model, constraints in self.get_constraints():
            checks = [each for each in constraints if isinstance(each, CheckConstraint)]
            failing = failing_checks(model, self, checks, exclude, using)
            for constraint in constraints:
                try:
                    _validate(constraint, model, self, exclude, using, failing)
                except ValidationError as error:
                    errors = _add(errors, constraint, error)
        if errors:
            raise ValidationError(errors)


def _validate(constraint, model, instance, exclude, using, failing) -> None:
    if not isinstance(constraint, CheckConstraint) or failing is None:
        constraint.validate(model, instance, exclude=exclude, using=using)
    elif constraint.name in failing:
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )


def _add(errors: dict, constraint, error: ValidationError) -> dict:
    """As Django files them: a unique constraint on one field under that field."""
    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
        errors.setdefault(constraint.fields[0], []).append(error)
        return errors
    return error.update_error_dict(errors)


def failing_checks(model, instance, checks, exclude, using) -> set[str] | None:
    """The names of the checks the instance fails, or None when the database could not judge
    them together (each is then asked on its own, as Django does)."""
    checked = [
        check
        for check in checks
        if not (exclude and check._expression_refs_exclude(model, check.condition, exclude))
    ]
    if not checked:
        return set()
    query = Query(None)
    for name, value in instance._get_field_expression_map(model._meta, exclude).items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    for index, check in enumerate(checked):
        # A check that evaluates to unknown (NULL) does not fail.
        passed = Coalesce(check.condition, True, output_field=BooleanField())
        query.add_annotation(ExpressionWrapper(Q(passed), output_field=BooleanField()), f"c{index}")
    try:
        row = _ask(query, using)
    except DatabaseError:
        return None
    return {check.name for check, passed in zip(checked, row, strict=True) if not passed}


def _ask(query: Query, using: str) -> tuple:
    """One row of one boolean per check (in a savepoint: a database error spoils no transaction)."""
    with transaction.atomic(using=using) if connections[using].in_atomic_block else nullcontext():
        return query.get_compiler(using=using).execute_sql(SINGLE)
