"""The one permission authority: per-bill roles, used by views, API, admin and services alike.

Predicates accept a Bill or anything that belongs to one (Provision, Revision, Comment, link).
A user's role per bill is read once per request and cached on the user object.
"""

import rules
from django.contrib.auth.backends import ModelBackend

from drafting.models import Bill, Membership, Role
from drafting.workflow import Move

ROLE_CACHE = "_bill_roles"


def bill_of(obj) -> Bill | None:
    """The bill an object belongs to."""
    if obj is None or isinstance(obj, Bill):
        return obj
    if hasattr(obj, "bill"):
        return obj.bill
    if hasattr(obj, "provision"):
        return obj.provision.bill
    raise TypeError(f"{type(obj).__name__} does not belong to a bill")


def bill_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Bill):
        return obj.pk
    if hasattr(obj, "bill_id"):
        return obj.bill_id
    return bill_of(obj).pk


def role_in(user, obj) -> str | None:
    """The user's role on the object's bill, or None for outsiders and anonymous users."""
    if user is None or not user.is_authenticated or obj is None:
        return None
    bill_id = bill_id_of(obj)
    cache = user.__dict__.setdefault(ROLE_CACHE, {})
    if bill_id not in cache:
        annotated = getattr(obj, "my_role", None) if isinstance(obj, Bill) else None
        cache[bill_id] = annotated or (
            Membership.objects.filter(bill_id=bill_id, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[bill_id]


def remember_role(user, bill_id: int, role: str | None) -> None:
    """Prime the cache when a query already fetched the role (saves a query per page)."""
    user.__dict__.setdefault(ROLE_CACHE, {})[bill_id] = role


def forget_roles(user) -> None:
    user.__dict__.pop(ROLE_CACHE, None)


@rules.predicate
def is_member(user, obj) -> bool:
    return role_in(user, obj) is not None


@rules.predicate
def is_drafter(user, obj) -> bool:
    return role_in(user, obj) == Role.DRAFTER


@rules.predicate
def is_reviewer(user, obj) -> bool:
    return role_in(user, obj) == Role.REVIEWER


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_link_author(user, link) -> bool:
    return link is not None and user.is_authenticated and link.created_by_id == user.pk


@rules.predicate
def can_transition(user, move: Move) -> bool:
    """The workflow table allows this move and the user's role on the bill may make it."""
    transition = move.transition
    return transition is not None and role_in(user, move.provision) in transition.roles


@rules.predicate
def no_object(user, obj) -> bool:
    """Django's admin asks model-level questions without an object."""
    return obj is None


@rules.predicate
def can_see_job(user, job) -> bool:
    """A job on a bill is for the bill's members; an import not yet made is for whoever asked."""
    if job is None or not user.is_authenticated:
        return False
    if job.bill_id is not None:
        return role_in(user, job) is not None
    return job.requested_by_id == user.pk


_granted = ModelBackend()


@rules.predicate
def holds_oversight(user) -> bool:
    """The named permission "oversee bills", granted by a superuser to a user or a group.

    Read from Django's permission tables (superusers hold every permission); plain staff lack it.
    """
    return _granted.has_perm(user, "drafting.oversee_bills")


is_staff = rules.is_staff
oversees = is_staff & holds_oversight
can_comment = is_drafter | is_reviewer

# Bills and everything in them. view_bill is also the admin's model permission (asked with no object).
rules.add_perm("drafting.create_bill", rules.is_authenticated)
rules.add_perm("drafting.view_bill", is_member | (oversees & no_object))
rules.add_perm("drafting.view_job", can_see_job)
rules.add_perm("drafting.comment_bill", can_comment)
rules.add_perm("drafting.draft_bill", is_drafter)
rules.add_perm("drafting.manage_bill", is_drafter)
rules.add_perm("drafting.review_bill", can_comment)
# Closing a thread: its author or a drafter; accepting a suggestion: drafters only.
rules.add_perm("drafting.resolve_comment", is_drafter | (is_reviewer & is_comment_author))
rules.add_perm("drafting.decide_suggestion", is_drafter)
# An obligation link is agreed or disputed by a reviewer or another drafter, never by its author.
rules.add_perm("drafting.review_link", can_comment & ~is_link_author)
# Drafts, dispositions of comments and the 说明: drafters write, every member reads.
rules.add_perm("drafting.issue_draft", is_drafter)
rules.add_perm("drafting.dispose_comment", is_drafter)
rules.add_perm("drafting.edit_statement", is_drafter)
# Moving a provision through its workflow: drafting/workflow.py says which role may make each move.
rules.add_perm("drafting.transition_provision", can_transition)
# Oversight: staff read bills they are not members of in the admin only with the named permission;
# moderation (hiding and showing comments) comes with it, member or not. Only superusers read the log.
rules.add_perm("drafting.oversee_bills", oversees)
rules.add_perm("drafting.moderate_comment", oversees)
rules.add_perm("drafting.read_oversight_log", rules.is_superuser)

# Reference data: everyone signed in reads it; staff keep it.
rules.add_perm("proposals.view_reference", rules.is_authenticated)
rules.add_perm("proposals.change_reference", is_staff)

# The admin's model permissions, from the same authority. Staff edit reference data; overseers watch
# every bill and moderate comments, while text and workflow stay with the bill's members.
REFERENCE_MODELS = (
    "jurisdiction",
    "instrument",
    "article",
    "paragraph",
    "obligation",
    "assessment",
)
REFERENCE_MODELS += ("proposal", "proposaltarget")
for model in REFERENCE_MODELS:
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"proposals.{action}_{model}", is_staff)
# The admin's home lists an app to whoever holds its module permission (rules' backend asks these).
rules.add_perm("proposals", is_staff)
rules.add_perm("drafting", oversees)
BILL_CONTENT_MODELS = (
    "membership",
    "provision",
    "revision",
    "provisionobligation",
    "reviewevent",
    "comment",
    "hiddencomment",
    "commentmoderation",
    "billdraft",
    "commentdisposition",
)
for model in BILL_CONTENT_MODELS:
    rules.add_perm(f"drafting.view_{model}", oversees)
for model in ("bill", "membership"):
    rules.add_perm(f"drafting.add_{model}", oversees)
    rules.add_perm(f"drafting.change_{model}", oversees)
# Removing a member goes through membership_remove, which still needs the bill's drafter role.
rules.add_perm("drafting.delete_membership", oversees)
rules.add_perm("drafting.change_comment", oversees)
rules.add_perm("drafting.change_hiddencomment", oversees)
rules.add_perm("drafting.view_oversightrecord", rules.is_superuser)
