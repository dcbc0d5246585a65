"""Helpers of the admin test modules: rows made as the product makes them, admin addresses,
actions posted from a changelist, and the bill form as a browser posts it."""

from django.urls import reverse

from drafting import services
from drafting.models import Bill, Comment, Provision, ProvisionObligation, ReviewEvent
from tests.factories import ObligationFactory

MODELS = [
    "bill",
    "membership",
    "provision",
    "revision",
    "comment",
    "provisionobligation",
    "reviewevent",
]
NON_STAFF = ["drafter", "reviewer", "viewer", "outsider"]


def make_comment(provision: Provision, author, body: str = "建议删去“以牟利为目的”。") -> Comment:
    """A thread anchored to the first two characters of the Chinese text."""
    revision = provision.current_revision
    return Comment.objects.create(
        provision=provision,
        revision=revision,
        author=author,
        body=body,
        anchor_language="zh",
        anchor_exact=revision.text_zh[:2],
        anchor_suffix=revision.text_zh[2:10],
        anchor_start=0,
        anchor_end=2,
    )


def make_link(provision: Provision, actor) -> ProvisionObligation:
    return services.obligation_link(
        actor=actor,
        provision=provision,
        obligation=ObligationFactory(),
        extent="partial",
        rationale="删除牟利要件，满足任择议定书第三条。",
    )


def make_event(provision: Provision, actor) -> ReviewEvent:
    return ReviewEvent.objects.create(
        provision=provision, actor=actor, from_status="draft", to_status="in_review"
    )


def changelist(model: str) -> str:
    return reverse(f"admin:drafting_{model}_changelist")


def change(model: str, obj) -> str:
    return reverse(f"admin:drafting_{model}_change", args=[obj.pk])


def action(client, model: str, name: str, objs, **extra) -> object:
    """Run an admin action on the changelist as the signed-in user; follow to the messages."""
    return client.post(
        changelist(model),
        {"action": name, "_selected_action": [o.pk for o in objs], **extra},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def membership_post(bill: Bill, rows: list[dict]) -> dict:
    """The bill change form with its memberships inline, as the browser would post it."""
    data = {
        "title_zh": bill.title_zh,
        "title_en": bill.title_en,
        "status": bill.status,
        "commencement_date": "",
        "description": bill.description,
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"memberships-{i}-{key}"] = value
        data[f"memberships-{i}-bill"] = str(bill.pk)
    return data
