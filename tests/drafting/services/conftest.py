"""Helpers of the service tests: provisions and comment threads made through the services (the
bill and users a module shares come from tests/conftest.py's `shared_roles()`)."""

from drafting import services
from drafting.models import Provision
from drafting.text.anchoring import Anchor
from tests.factories import ArticleFactory


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
