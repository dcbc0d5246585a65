"""Filters of the coverage analysis, parsed from query parameters."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from drafting.coverage.common import MAX_FILTER_LENGTH
from proposals.models import Obligation

if TYPE_CHECKING:
    from drafting.coverage.rows import ObligationRow


@dataclass(frozen=True)
class Filters:
    """Which obligations to show; empty values mean no filter."""

    instrument: str = ""
    binding: bool | None = None
    kind: str = ""
    strength: str = ""

    @property
    def active(self) -> bool:
        return bool(self.instrument or self.kind or self.strength) or self.binding is not None

    def matches(self, row: "ObligationRow") -> bool:
        return (
            (not self.instrument or row.instrument_code == self.instrument)
            and (self.binding is None or row.binding == self.binding)
            and (not self.kind or row.kind == self.kind)
            and (not self.strength or row.strength == self.strength)
        )

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (for links that keep them)."""
        params = {"instrument": self.instrument, "kind": self.kind, "strength": self.strength}
        if self.binding is not None:
            params["binding"] = "true" if self.binding else "false"
        return {key: value for key, value in params.items() if value}


TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Filters from query parameters; ValidationError (message dict) for values that cannot be."""
    errors: dict[str, str] = {}
    values = {}
    for name in ("instrument", "binding", "kind", "strength"):
        value = (params.get(name) or "").strip()
        if len(value) > MAX_FILTER_LENGTH:
            errors[name] = _("Too long: at most %(n)d characters.") % {"n": MAX_FILTER_LENGTH}
        values[name] = value
    binding = None
    if values["binding"]:
        word = values["binding"].lower()
        if word in TRUE_WORDS:
            binding = True
        elif word in FALSE_WORDS:
            binding = False
        else:
            errors["binding"] = _("Binding is true or false.")
    if values["kind"] and values["kind"] not in Obligation.Kind.values:
        errors.setdefault("kind", _("Unknown kind of obligation."))
    if values["strength"] and values["strength"] not in Obligation.Strength.values:
        errors.setdefault("strength", _("Unknown strength: mandatory, optional or recommended."))
    if errors:
        raise ValidationError(errors)
    return Filters(
        instrument=values["instrument"],
        binding=binding,
        kind=values["kind"],
        strength=values["strength"],
    )
