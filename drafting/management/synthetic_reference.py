"""The synthetic seeder's reference data: a treaty and a law of invented articles, obligations, assessments."""

import random
from collections.abc import Sequence

from drafting.management.synthetic_text import (
    OBLIGATION_OBJECTS,
    OBLIGATION_VERBS,
    random_draft,
)
from proposals.models import (
    Article,
    Assessment,
    Instrument,
    Jurisdiction,
    Level,
    Obligation,
    Paragraph,
)

TREATY_CODE = "SYN-TREATY"
LAW_CODE = "SYN-LAW"
OBLIGATION_PREFIX = "SYN-"
OBLIGATIONS_PER_TREATY_ARTICLE = 5
BATCH = 1000


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
