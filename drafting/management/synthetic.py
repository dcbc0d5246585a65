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
    Assessment,
    Instrument,
    Jurisdiction,
    Level,
    Obligation,
    Paragraph,
)
from proposals.numerals import article_label_zh, to_chinese

TREATY_CODE = "SYN-TREATY"
LAW_CODE = "SYN-LAW"
OBLIGATION_PREFIX = "SYN-"
LAW_ARTICLES = 300
OBLIGATIONS_PER_TREATY_ARTICLE = 5
LINKS_PER_PROVISION = 2
BATCH = 1000
DEMO_USERS = {"drafter": Role.DRAFTER, "reviewer": Role.REVIEWER, "viewer": Role.VIEWER}

# Parallel (Chinese, English) fragments; a sentence is assembled from one of each.
SUBJECTS = [
    ("网络服务提供者", "a network service provider"),
    (
        "对未成年人负有监护、教育、看护职责的人员",
        "a person with duties of guardianship, education or care towards minors",
    ),
    ("网络直播平台的经营者", "an operator of a live-streaming platform"),
    ("个人信息处理者", "a personal information handler"),
    ("任何单位或者个人", "any entity or individual"),
    ("学校、幼儿园的工作人员", "a member of staff of a school or kindergarten"),
]
CONDUCTS = [
    (
        "违反国家规定，向他人出售或者提供未成年人个人信息",
        "sells or provides the personal information of minors to others in violation of State provisions",
    ),
    (
        "不履行法律、行政法规规定的未成年人网络保护义务，经监管部门责令改正而拒不改正",
        "fails to perform the duties of protecting minors online prescribed by laws and administrative regulations and refuses to make corrections after being ordered to do so",
    ),
    (
        "明知他人利用信息网络实施侵害未成年人的犯罪，仍为其提供技术支持或者帮助",
        "knowingly provides technical support or assistance to another who uses an information network to commit a crime against minors",
    ),
    (
        "以牟利为目的，利用信息网络传播涉及未成年人的淫秽电子信息",
        "for the purpose of profit, uses an information network to disseminate obscene electronic information involving minors",
    ),
    (
        "通过信息网络诱骗、胁迫未成年人提供其私密信息",
        "entices or coerces a minor through an information network into providing private information",
    ),
    (
        "发现未成年人遭受或者疑似遭受侵害而不依法报告",
        "discovers that a minor has suffered or is suspected of having suffered harm and fails to report it as required by law",
    ),
]
CIRCUMSTANCES = [
    ("情节严重", "and the circumstances are serious"),
    ("致使违法信息大量传播", "thereby causing the wide dissemination of unlawful information"),
    ("造成严重后果", "thereby causing serious consequences"),
    ("违法所得数额较大", "and the illegal gains are relatively large"),
]
PENALTIES = [
    (
        "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
        "fixed-term imprisonment of not more than three years, criminal detention or public surveillance, and shall also, or shall only, be fined",
    ),
    (
        "处五年以下有期徒刑或者拘役，并处罚金",
        "fixed-term imprisonment of not more than five years or criminal detention, and shall also be fined",
    ),
    (
        "处三年以上七年以下有期徒刑，并处罚金",
        "fixed-term imprisonment of not less than three years but not more than seven years, and shall also be fined",
    ),
]
AGGRAVATIONS = [
    ("情节特别严重", "where the circumstances are especially serious"),
    ("被害人为不满十四周岁的未成年人", "where the victim is a minor under the age of fourteen"),
    (
        "造成被害人自杀、精神失常等严重后果",
        "where this causes serious consequences such as the victim's suicide or mental disorder",
    ),
]
HEAVY_PENALTIES = [
    (
        "处七年以上有期徒刑，并处罚金或者没收财产",
        "fixed-term imprisonment of not less than seven years, and shall also be fined or have property confiscated",
    ),
    (
        "处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产",
        "fixed-term imprisonment of not less than ten years or life imprisonment, and shall also be fined or have property confiscated",
    ),
]
CODA = [
    (
        "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员，依照前款的规定处罚。",
        "Where an entity commits the crime in the preceding paragraph, it shall be fined, and the persons directly in charge and other directly responsible persons shall be punished under the preceding paragraph.",
    ),
    (
        "有前款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。",
        "Whoever commits the conduct in the preceding paragraph which also constitutes another crime shall be convicted and punished under the provision prescribing the heavier punishment.",
    ),
    (
        "本条所称未成年人，是指不满十八周岁的自然人。",
        "For the purposes of this Article, a minor means a natural person under the age of eighteen.",
    ),
    (
        "对未成年人负有特殊职责的人员犯前款罪的，从重处罚。",
        "A person with special duties towards minors who commits the crime in the preceding paragraph shall be given a heavier punishment.",
    ),
]
OBLIGATION_VERBS = [
    ("将下列行为规定为犯罪", "establish as criminal offences"),
    ("确保法人对下列行为承担责任", "ensure that legal persons can be held liable for"),
    ("采取必要措施，预防", "take the necessary measures to prevent"),
    ("就下列行为确立管辖权", "establish jurisdiction over"),
    ("在调查和起诉中相互合作，打击", "cooperate in the investigation and prosecution of"),
]
OBLIGATION_OBJECTS = [
    (
        "通过信息网络获取涉及儿童的淫秽材料",
        "knowingly obtaining access to child sexual abuse material through information and communication technologies",
    ),
    ("为性目的在线诱骗儿童", "the online solicitation of children for sexual purposes"),
    ("非法处理儿童个人数据", "the unlawful processing of children's personal data"),
    ("为上述犯罪提供网络服务", "the provision of online services for the offences above"),
]
COMMENT_BODIES = [
    "建议明确“{exact}”的认定标准，并与司法解释衔接。",
    "“{exact}”的表述与条约用语不完全一致，请核对。",
    "Is “{exact}” consistent with the wording of the Optional Protocol?",
    "The threshold in “{exact}” may be too narrow; consider the treaty's definition.",
    "请说明“{exact}”与现行刑法第三百六十三条的关系。",
]
RATIONALES = [
    "The provision criminalizes the conduct the obligation describes.",
    "Covers the conduct, but the threshold leaves some cases outside.",
    "Extends liability to entities, as the obligation requires.",
]
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


@dataclass
class Draft:
    """A synthetic article text as indices into the fragment lists, so revisions can vary it."""

    subject: int
    conduct: int
    circumstance: int
    penalty: int
    aggravation: int
    heavy: int
    coda: list[int]

    def fragments(self) -> list[tuple[str, str]]:
        return [
            SUBJECTS[self.subject],
            CONDUCTS[self.conduct],
            CIRCUMSTANCES[self.circumstance],
            PENALTIES[self.penalty],
            AGGRAVATIONS[self.aggravation],
            HEAVY_PENALTIES[self.heavy],
            *(CODA[i] for i in self.coda),
        ]

    def text_zh(self) -> str:
        first = (
            f"{SUBJECTS[self.subject][0]}{CONDUCTS[self.conduct][0]}，"
            f"{CIRCUMSTANCES[self.circumstance][0]}的，{PENALTIES[self.penalty][0]}；"
            f"{AGGRAVATIONS[self.aggravation][0]}的，{HEAVY_PENALTIES[self.heavy][0]}。"
        )
        return "\n".join([first, *(CODA[i][0] for i in self.coda)])

    def text_en(self) -> str:
        first = (
            f"Where {SUBJECTS[self.subject][1]} {CONDUCTS[self.conduct][1]}, "
            f"{CIRCUMSTANCES[self.circumstance][1]}, the offender shall be sentenced to "
            f"{PENALTIES[self.penalty][1]}; {AGGRAVATIONS[self.aggravation][1]}, the offender "
            f"shall be sentenced to {HEAVY_PENALTIES[self.heavy][1]}."
        )
        return "\n".join([first, *(CODA[i][1] for i in self.coda)])


def random_draft(rng: random.Random) -> Draft:
    """A fresh sentence with up to two closing paragraphs."""
    return Draft(
        subject=rng.randrange(len(SUBJECTS)),
        conduct=rng.randrange(len(CONDUCTS)),
        circumstance=rng.randrange(len(CIRCUMSTANCES)),
        penalty=rng.randrange(len(PENALTIES)),
        aggravation=rng.randrange(len(AGGRAVATIONS)),
        heavy=rng.randrange(len(HEAVY_PENALTIES)),
        coda=sorted(rng.sample(range(len(CODA)), rng.randint(0, 2))),
    )


def revised(draft: Draft, rng: random.Random) -> Draft:
    """The next revision: one element changed, as a drafter tightening the text would."""
    sizes = {"circumstance": CIRCUMSTANCES, "penalty": PENALTIES, "heavy": HEAVY_PENALTIES}
    slot = rng.choice([*sizes, "coda"])
    if slot == "coda":
        coda = sorted(set(draft.coda) ^ {rng.randrange(len(CODA))})
        return Draft(**{**draft.__dict__, "coda": coda})
    current = getattr(draft, slot)
    other = (current + rng.randrange(1, len(sizes[slot]))) % len(sizes[slot])
    return Draft(**{**draft.__dict__, slot: other})


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


def ensure_instruments() -> tuple[Instrument, Instrument]:
    """The synthetic treaty China is party to and the synthetic PRC law bills amend."""
    treaty, _ = Instrument.objects.get_or_create(
        code=TREATY_CODE,
        defaults={
            "kind": Instrument.Kind.TREATY,
            "title_en": "Synthetic Convention on the Protection of Children Online",
            "title_zh": "合成儿童网络保护公约",
            "short_title_en": "Synthetic Convention",
            "china_status": Instrument.ChinaStatus.PARTY,
            "summary_en": "Invented reference data for benchmarks; not a real instrument.",
        },
    )
    law, _ = Instrument.objects.get_or_create(
        code=LAW_CODE,
        defaults={
            "kind": Instrument.Kind.PRC_LAW,
            "title_en": "Synthetic Law for Benchmarks",
            "title_zh": "合成测试法",
            "short_title_en": "Synthetic Law",
            "short_title_zh": "合成测试法",
            "china_status": Instrument.ChinaStatus.DOMESTIC,
            "summary_en": "Invented reference data for benchmarks; not a real law.",
        },
    )
    return treaty, law


def ensure_articles(instrument: Instrument, count: int, make_label) -> list[Article]:
    """Articles 1..count of the instrument, creating the missing ones."""
    have = set(instrument.articles.filter(sub=0).values_list("number", flat=True))
    Article.objects.bulk_create(
        [
            Article(instrument=instrument, number=n, label=make_label(n))
            for n in range(1, count + 1)
            if n not in have
        ],
        batch_size=BATCH,
    )
    return list(instrument.articles.filter(sub=0, number__lte=count).order_by("number"))


def ensure_law_paragraphs(articles: Sequence[Article], rng: random.Random) -> None:
    """Give each article of the synthetic law that has none one to three paragraphs."""
    filled = set(Paragraph.objects.filter(article__in=articles).values_list("article", flat=True))
    rows = []
    for article in articles:
        if article.pk in filled:
            continue
        draft = random_draft(rng)
        for number, (zh, en) in enumerate(
            zip(draft.text_zh().split("\n"), draft.text_en().split("\n"), strict=True), start=1
        ):
            rows.append(Paragraph(article=article, number=number, text_zh=zh, text_en=en))
    Paragraph.objects.bulk_create(rows, batch_size=BATCH)


def ensure_obligations(
    treaty: Instrument, count: int, law_articles: Sequence[Article], rng: random.Random
) -> list[Obligation]:
    """Obligations SYN-0001… of the treaty, with China's assessment of each."""
    treaty_articles = ensure_articles(
        treaty, max(1, -(-count // OBLIGATIONS_PER_TREATY_ARTICLE)), lambda n: f"art. {n}"
    )
    codes = [f"{OBLIGATION_PREFIX}{i:04d}" for i in range(1, count + 1)]
    have = set(Obligation.objects.filter(code__in=codes).values_list("code", flat=True))
    kinds, strengths = Obligation.Kind.values, Obligation.Strength.values
    new = []
    for i, code in enumerate(codes):
        if code in have:
            continue
        article = treaty_articles[i // OBLIGATIONS_PER_TREATY_ARTICLE]
        verb, obj = rng.choice(OBLIGATION_VERBS), rng.choice(OBLIGATION_OBJECTS)
        strength = strengths[i % len(strengths)]
        new.append(
            Obligation(
                code=code,
                instrument=treaty,
                article=article,
                article_ref=article.label,
                statement_en=f"Each State Party shall {verb[1]} {obj[1]}.",
                statement_zh=f"各缔约国应当{verb[0]}{obj[0]}。",
                kind=kinds[i % len(kinds)],
                strength=strength,
                binding_on_china=strength != Obligation.Strength.RECOMMENDED,
                position=i + 1,
            )
        )
    Obligation.objects.bulk_create(new, batch_size=BATCH)
    obligations = list(Obligation.objects.filter(code__in=codes).order_by("code"))
    ensure_assessments(obligations, law_articles, rng)
    return obligations


def ensure_assessments(
    obligations: Sequence[Obligation], law_articles: Sequence[Article], rng: random.Random
) -> None:
    """China's baseline assessment of each obligation, relying on one article of the law."""
    china, _ = Jurisdiction.objects.get_or_create(
        code="CN", defaults={"name_en": "China", "name_zh": "中国"}
    )
    have = set(china.assessments.values_list("obligation", flat=True))
    new = []
    for obligation in obligations:
        if obligation.pk in have:
            continue
        assessment = Assessment(
            jurisdiction=china,
            obligation=obligation,
            level=rng.choice(Level.values),
            note_en="Synthetic assessment for benchmarks.",
        )
        assessment.relied = rng.choice(law_articles)
        assessment.citation = f"{LAW_CODE} {assessment.relied.citation}"
        new.append(assessment)
    Assessment.objects.bulk_create(new, batch_size=BATCH)
    Assessment.relies_on.through.objects.bulk_create(
        [Assessment.relies_on.through(assessment=a, article=a.relied) for a in new],
        batch_size=BATCH,
    )


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
) -> list[ProvisionObligation]:
    """LINKS_PER_PROVISION distinct active obligation links per provision."""
    per = min(LINKS_PER_PROVISION, len(obligations))
    links = [
        ProvisionObligation(
            provision=provision,
            obligation=obligation,
            extent=rng.choice(Extent.values),
            rationale=rng.choice(RATIONALES),
            created_by=author,
        )
        for provision in provisions
        for obligation in rng.sample(obligations, per)
    ]
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
    links = create_links(provisions, obligations, users["drafter"], rng) if obligations else []
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
