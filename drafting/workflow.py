"""The workflow tables: which moves a provision may make, and which role may make each."""

from dataclasses import dataclass

from drafting.models import Provision, Role

Status = Provision.Status


@dataclass(frozen=True)
class Transition:
    to_status: str
    roles: frozenset[str]
    note_required: bool = False


DRAFTERS = frozenset({Role.DRAFTER})
REVIEWERS = frozenset({Role.DRAFTER, Role.REVIEWER})

# The allowed moves of a provision's workflow and who may make each.
TRANSITIONS: dict[str, dict[str, Transition]] = {
    Status.DRAFT: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.IN_REVIEW: {
        Status.CHANGES_REQUESTED: Transition(Status.CHANGES_REQUESTED, REVIEWERS, True),
        Status.APPROVED: Transition(Status.APPROVED, REVIEWERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.CHANGES_REQUESTED: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.APPROVED: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.WITHDRAWN: {
        Status.DRAFT: Transition(Status.DRAFT, DRAFTERS),
    },
}


def allowed_transitions(*, provision: Provision, role: str | None) -> list[Transition]:
    """The moves this role may make from the provision's current status."""
    return [t for t in TRANSITIONS[provision.status].values() if role in t.roles]
