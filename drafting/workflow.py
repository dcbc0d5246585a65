"""The workflow tables: which moves a provision and a bill may make, and which role may make each."""

from dataclasses import dataclass

from drafting.models import Bill, Provision, Role

Status = Provision.Status


@dataclass(frozen=True)
class Transition:
    to_status: str
    roles: frozenset[str]
    note_required: bool = False
    # Four eyes: whoever wrote the current revision may not make this move on it.
    not_by_author: bool = False


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
        Status.APPROVED: Transition(Status.APPROVED, REVIEWERS, not_by_author=True),
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


@dataclass(frozen=True)
class Move:
    """A proposed move of a provision; rules.py decides whether a user may make it."""

    provision: Provision
    to_status: str

    @property
    def transition(self) -> Transition | None:
        """The table's entry for this move, or None when the workflow has no such move."""
        return transition_for(self.provision.status, self.to_status)


def transition_for(from_status: str, to_status: str) -> Transition | None:
    """The allowed move from one status to another, or None."""
    return TRANSITIONS.get(from_status, {}).get(to_status)


def allowed_transitions(*, provision: Provision, role: str | None, user=None) -> list[Transition]:
    """The moves this role (and, for the four-eyes rule, this user) may make from the status."""
    return [
        t
        for t in TRANSITIONS[provision.status].values()
        if role in t.roles and not (user is not None and wrote_current(t, provision, user))
    ]


def wrote_current(transition: Transition, provision: Provision, user) -> bool:
    """Whether the four-eyes rule bars this user: they wrote the revision under review."""
    revision_author = provision.current_revision.author_id if provision.current_revision else None
    return transition.not_by_author and revision_author == user.pk


BillStatus = Bill.Status

# A bill's life: drafted, put out for consultation (征求意见), submitted for deliberation (提请审议),
# enacted or withdrawn. Only its drafters move it; leaving a stage backwards needs a reason.
BILL_TRANSITIONS: dict[str, dict[str, Transition]] = {
    BillStatus.DRAFTING: {
        BillStatus.CONSULTATION: Transition(BillStatus.CONSULTATION, DRAFTERS),
        BillStatus.SUBMITTED: Transition(BillStatus.SUBMITTED, DRAFTERS),
        BillStatus.WITHDRAWN: Transition(BillStatus.WITHDRAWN, DRAFTERS, True),
    },
    BillStatus.CONSULTATION: {
        BillStatus.DRAFTING: Transition(BillStatus.DRAFTING, DRAFTERS),
        BillStatus.SUBMITTED: Transition(BillStatus.SUBMITTED, DRAFTERS),
        BillStatus.WITHDRAWN: Transition(BillStatus.WITHDRAWN, DRAFTERS, True),
    },
    BillStatus.SUBMITTED: {
        BillStatus.DRAFTING: Transition(BillStatus.DRAFTING, DRAFTERS, True),
        BillStatus.ENACTED: Transition(BillStatus.ENACTED, DRAFTERS),
        BillStatus.WITHDRAWN: Transition(BillStatus.WITHDRAWN, DRAFTERS, True),
    },
    BillStatus.WITHDRAWN: {
        BillStatus.DRAFTING: Transition(BillStatus.DRAFTING, DRAFTERS),
    },
    BillStatus.ENACTED: {},
}


def bill_transitions(*, bill: Bill, role: str | None) -> list[Transition]:
    """The moves this role may make from the bill's current status."""
    return [t for t in BILL_TRANSITIONS[bill.status].values() if role in t.roles]
