"""Synthetic reference data and bills for benchmarks and load tests; invented legal prose only.

Everything is written with bulk_create: this is a benchmark seeder, not a user write path, so it
skips the services (their permission checks and one-row-at-a-time writes would make 2,000
provisions take minutes) and keeps their invariants itself instead: revision numbers run 1..n,
each provision's current_revision is its last revision and its version counts its revisions,
every comment's anchor is computed from the words of the revision it is on.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from drafting.management.synthetic_reference import (
    ensure_articles,
    ensure_instruments,
    ensure_law_paragraphs,
    ensure_obligations,
)
from drafting.management.synthetic_text import (
    COMMENT_BODIES,
    PENALTIES,
    RATIONALES,
    random_draft,
    revised,
)
from drafting.models import (
    Bill,
    Comment,
    Extent,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
    Role,
)
from drafting.text.anchoring import Anchor
from proposals.models import (
    Article,
    Instrument,
    Obligation,
    Paragraph,
)
from proposals.numerals import article_label_zh, to_chinese

LAW_ARTICLES = 300
LINKS_PER_PROVISION = 2
BATCH = 1000
DEMO_USERS = {"drafter": Role.DRAFTER, "reviewer": Role.REVIEWER, "viewer": Role.VIEWER}

# Parallel (Chinese, English) fragments; a sentence is assembled from one of each.
# (status, the moves that lead to it from draft); events are recorded for every move.
STATUS_PATHS = [
    (Provision.Status.DRAFT, []),
    (Provision.Status.IN_REVIEW, [Provision.Status.IN_REVIEW]),
    (
        Provision.Status.CHANGES_REQUESTED,
        [Provision.Status.IN_REVIEW, Provision.Status.CHANGES_REQUESTED],
    ),
    (Provision.Status.APPROVED, [Provision.Status.IN_REVIEW, Provision.Status.APPROVED]),
]
OPERATIONS = [
    Provision.Operation.REPLACE_ARTICLE,
    Provision.Operation.REPLACE_PARAGRAPHS,
    Provision.Operation.INSERT_ARTICLES,
    Provision.Operation.INSERT_PARAGRAPH,
]


@dataclass
class SeedOptions:
    obligations: int = 1000
    provisions: int = 2000
    bills: int = 1
    revisions_per_provision: int = 3
    comments_per_provision: int = 2
    seed: int = 0


@dataclass
class SeedResult:
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the command's output."""
        return ", ".join(f"{n} {name}" for name, n in self.counts.items())


def demo_users() -> dict[str, object]:
    """The drafter, reviewer and viewer accounts; new ones get an unusable password."""
    users = {}
    for username in DEMO_USERS:
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users[username] = user
    return users


def create_bills(law: Instrument, count: int, users: dict) -> list[Bill]:
    """Synthetic bills with the three demo users as their drafter, reviewer and viewer."""
    first = Bill.objects.filter(target_instrument=law).count() + 1
    bills = Bill.objects.bulk_create(
        [
            Bill(
                title_zh=f"合成测试法修正案（{to_chinese(n)}）",
                title_en=f"Synthetic Law Amendment ({n})",
                target_instrument=law,
                description="Synthetic bill for benchmarks; invented text.",
                created_by=users["drafter"],
            )
            for n in range(first, first + count)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(bill=bill, user=users[username], role=role)
            for bill in bills
            for username, role in DEMO_USERS.items()
        ]
    )
    return bills


def provision_fields(article: Article, operation: str, paragraph_count: int, rng) -> dict:
    """Operation-specific fields that pass the provision service's checks."""
    label = article_label_zh(article.number)
    if operation == Provision.Operation.REPLACE_PARAGRAPHS:
        number = rng.randint(1, paragraph_count)
        return {
            "paragraphs": [number],
            "title_zh": f"修改{label}第{to_chinese(number)}款",
            "title_en": f"Amend Article {article.number}, paragraph {number}",
        }
    if operation == Provision.Operation.INSERT_PARAGRAPH:
        return {
            "paragraphs": [paragraph_count + 1],
            "title_zh": f"在{label}中增加一款",
            "title_en": f"Add a paragraph to Article {article.number}",
        }
    if operation == Provision.Operation.INSERT_ARTICLES:
        return {
            "title_zh": f"在{label}后增加一条",
            "title_en": f"Insert an article after Article {article.number}",
        }
    return {"title_zh": f"修改{label}", "title_en": f"Amend Article {article.number}"}


def create_provisions(
    bills: Sequence[Bill], count: int, law_articles: Sequence[Article], rng: random.Random
) -> list[Provision]:
    """Provisions spread evenly over the bills, positions 1..n in each."""
    paragraph_counts = dict(
        Paragraph.objects.filter(article__in=law_articles)
        .values("article")
        .annotate(n=Count("pk"))
        .values_list("article", "n")
    )
    provisions = []
    for i in range(count):
        bill = bills[i % len(bills)]
        article = rng.choice(law_articles)
        operation = OPERATIONS[i % len(OPERATIONS)]
        status, moves = rng.choice(STATUS_PATHS)
        provision = Provision(
            bill=bill,
            position=i // len(bills) + 1,
            operation=operation,
            target_article=article,
            status=status,
            **provision_fields(article, operation, paragraph_counts.get(article.pk, 1), rng),
        )
        provision.moves = moves
        provisions.append(provision)
    return Provision.objects.bulk_create(provisions, batch_size=BATCH)


def create_revisions(
    provisions: Sequence[Provision], per_provision: int, author, rng: random.Random
) -> dict[int, list[Revision]]:
    """Revisions 1..n of each provision, each based on the one before and varying its text."""
    history: dict[int, list[Revision]] = {p.pk: [] for p in provisions}
    drafts = {p.pk: random_draft(rng) for p in provisions}
    for number in range(1, per_provision + 1):
        batch = []
        for provision in provisions:
            if number > 1:
                drafts[provision.pk] = revised(drafts[provision.pk], rng)
            previous = history[provision.pk][-1] if history[provision.pk] else None
            batch.append(
                Revision(
                    provision=provision,
                    number=number,
                    base=previous,
                    text_zh=drafts[provision.pk].text_zh(),
                    text_en=drafts[provision.pk].text_en(),
                    note="" if number == 1 else f"Synthetic revision {number}.",
                    author=author,
                )
            )
            batch[-1].draft = drafts[provision.pk]
            batch[-1].seal(base_digest=previous.digest if previous else "")
        # Bases need the previous round's primary keys, so each round is its own bulk insert.
        for revision in Revision.objects.bulk_create(batch, batch_size=BATCH):
            history[revision.provision_id].append(revision)
    for provision in provisions:
        provision.current_revision = history[provision.pk][-1]
        provision.version = per_provision
    Provision.objects.bulk_update(provisions, ["current_revision", "version"], batch_size=BATCH)
    return history


def comment_on(revision: Revision, rng: random.Random) -> tuple[Anchor, str | None]:
    """An anchor on a fragment the revision really contains, and sometimes a suggestion."""
    language = rng.choice([Comment.Language.ZH, Comment.Language.ZH, Comment.Language.EN])
    fragment = rng.choice(revision.draft.fragments())
    column = 0 if language == Comment.Language.ZH else 1
    text = revision.text_zh if column == 0 else revision.text_en
    anchor = Anchor.locate(text, fragment[column], language=language)
    suggestion = None
    if fragment in PENALTIES and rng.random() < 0.5:
        suggestion = rng.choice([p for p in PENALTIES if p != fragment])[column]
    return anchor, suggestion


def create_comments(
    history: dict[int, list[Revision]], per_provision: int, users: dict, rng: random.Random
) -> list[Comment]:
    """Threads anchored to words of one of each provision's revisions; some resolved."""
    now = timezone.now()
    comments = []
    for revisions in history.values():
        for _ in range(per_provision):
            revision = rng.choice(revisions)
            anchor, suggestion = comment_on(revision, rng)
            resolved = suggestion is None and rng.random() < 0.3
            comments.append(
                Comment(
                    provision_id=revision.provision_id,
                    revision=revision,
                    author=users["reviewer"],
                    body=rng.choice(COMMENT_BODIES).format(exact=anchor.exact[:40]),
                    anchor_language=anchor.language,
                    anchor_exact=anchor.exact,
                    anchor_prefix=anchor.prefix,
                    anchor_suffix=anchor.suffix,
                    anchor_start=anchor.start,
                    anchor_end=anchor.end,
                    suggestion=suggestion,
                    status=Comment.Status.RESOLVED if resolved else Comment.Status.OPEN,
                    resolved_by=users["drafter"] if resolved else None,
                    resolved_at=now if resolved else None,
                )
            )
    return Comment.objects.bulk_create(comments, batch_size=BATCH)


def create_links(
    provisions: Sequence[Provision],
    obligations: Sequence[Obligation],
    author,
    rng: random.Random,
    reviewer=None,
) -> list[ProvisionObligation]:
    """LINKS_PER_PROVISION distinct active obligation links per provision; with a reviewer most are
    agreed, some still proposed and a few disputed, as a bill under review has them."""
    per = min(LINKS_PER_PROVISION, len(obligations))
    now = timezone.now()
    links = []
    for provision in provisions:
        for obligation in rng.sample(obligations, per):
            review = rng.choices(["agreed", None, "disputed"], weights=[7, 2, 1])[0]
            review = review if reviewer is not None else None
            links.append(
                ProvisionObligation(
                    provision=provision,
                    obligation=obligation,
                    extent=rng.choice(Extent.values),
                    rationale=rng.choice(RATIONALES),
                    created_by=author,
                    review=review,
                    reviewed_by=reviewer if review else None,
                    reviewed_at=now if review else None,
                    review_note={"agreed": "", "disputed": "Not this obligation."}.get(review),
                )
            )
    return ProvisionObligation.objects.bulk_create(links, batch_size=BATCH)


def create_events(provisions: Sequence[Provision], users: dict) -> list[ReviewEvent]:
    """The review history that leads to each provision's status."""
    actors = {
        Provision.Status.IN_REVIEW: users["drafter"],
        Provision.Status.CHANGES_REQUESTED: users["reviewer"],
        Provision.Status.APPROVED: users["reviewer"],
    }
    events = []
    for provision in provisions:
        previous = Provision.Status.DRAFT
        for status in provision.moves:
            events.append(
                ReviewEvent(
                    provision=provision,
                    actor=actors[status],
                    from_status=previous,
                    to_status=status,
                    note="Synthetic review step.",
                )
            )
            previous = status
    return ReviewEvent.objects.bulk_create(events, batch_size=BATCH)


@transaction.atomic
def seed_synthetic(options: SeedOptions) -> SeedResult:
    """Create (or top up) the synthetic reference data, then add synthetic bills."""
    rng = random.Random(options.seed)
    users = demo_users()
    treaty, law = ensure_instruments()
    law_articles = ensure_articles(law, LAW_ARTICLES, lambda n: "")
    ensure_law_paragraphs(law_articles, rng)
    obligations = ensure_obligations(treaty, options.obligations, law_articles, rng)
    bills = create_bills(law, options.bills, users) if options.provisions else []
    provisions = create_provisions(bills, options.provisions, law_articles, rng) if bills else []
    history = create_revisions(provisions, options.revisions_per_provision, users["drafter"], rng)
    comments = create_comments(history, options.comments_per_provision, users, rng)
    links = (
        create_links(provisions, obligations, users["drafter"], rng, users["reviewer"])
        if obligations
        else []
    )
    events = create_events(provisions, users)
    return SeedResult(
        counts={
            "obligations": len(obligations),
            "bills": len(bills),
            "provisions": len(provisions),
            "revisions": sum(len(r) for r in history.values()),
            "comments": len(comments),
            "obligation links": len(links),
            "review events": len(events),
        }
    )
