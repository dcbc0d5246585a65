"""factory_boy factories: invented legal prose only, no fixed primary keys."""

import factory
from django.contrib.auth import get_user_model

from drafting.models import Bill, Membership, Provision, Revision, Role
from proposals.models import (
    Article,
    Assessment,
    Instrument,
    Jurisdiction,
    Obligation,
    Paragraph,
    Proposal,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"J{n}")
    name_en = factory.LazyAttribute(lambda j: f"Jurisdiction {j.code}")
    name_zh = factory.LazyAttribute(lambda j: f"法域{j.code}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"INST-{n}")
    kind = Instrument.Kind.TREATY
    title_en = factory.LazyAttribute(lambda i: f"Convention {i.code}")
    short_title_en = factory.LazyAttribute(lambda i: i.code)
    china_status = Instrument.ChinaStatus.PARTY


class LawFactory(InstrumentFactory):
    """The PRC Criminal Law as the target of bills."""

    code = "PRC-CL"
    kind = Instrument.Kind.PRC_LAW
    title_en = "Criminal Law of the People's Republic of China"
    title_zh = "中华人民共和国刑法"
    short_title_en = "Criminal Law"
    short_title_zh = "刑法"
    china_status = Instrument.ChinaStatus.DOMESTIC


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        django_get_or_create = ("instrument", "number", "sub")
        skip_postgeneration_save = True

    instrument = factory.SubFactory(LawFactory)
    number = factory.Sequence(lambda n: 300 + n)
    sub = 0
    heading_zh = "第二编 分则 / 第六章 妨害社会管理秩序罪"

    @factory.post_generation
    def paragraphs(self, create, extracted, **kwargs):
        """paragraphs=["第一款", "第二款"]; two invented paragraphs by default."""
        if not create:
            return
        texts = (
            extracted
            if extracted is not None
            else [
                "违反国家规定，实施本条规定行为的，处三年以下有期徒刑、拘役或者管制。",
                "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员依照前款的规定处罚。",
            ]
        )
        for number, text in enumerate(texts, start=1):
            Paragraph.objects.create(article=self, number=number, text_zh=text)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"OBL-{n}")
    instrument = factory.SubFactory(InstrumentFactory)
    article_ref = "art. 3"
    statement_en = "Criminalize the listed conduct without a profit element."
    kind = Obligation.Kind.CRIMINALIZE
    strength = Obligation.Strength.MANDATORY
    binding_on_china = factory.LazyAttribute(lambda o: o.instrument.binding_on_china)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    jurisdiction = factory.SubFactory(JurisdictionFactory, code="CN", name_en="China")
    obligation = factory.SubFactory(ObligationFactory)
    level = "none"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"p{n}")
    title_en = "Criminalize possession without justification"
    title_zh = "将无正当理由持有的行为入罪"


class BillFactory(factory.django.DjangoModelFactory):
    """A bill whose creator is its drafter (as bill_create makes it)."""

    class Meta:
        model = Bill
        skip_postgeneration_save = True

    title_zh = "中华人民共和国刑法修正案（草案）"
    title_en = "Amendment to the Criminal Law (Draft)"
    target_instrument = factory.SubFactory(LawFactory)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def creator_membership(self, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(
                bill=self, user=self.created_by, defaults={"role": Role.DRAFTER}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    bill = factory.SubFactory(BillFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.VIEWER


class ProvisionFactory(factory.django.DjangoModelFactory):
    """A replace-article provision with a first revision (as provision_create makes it)."""

    class Meta:
        model = Provision
        skip_postgeneration_save = True

    bill = factory.SubFactory(BillFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_en = "Production and dissemination without profit"
    operation = Provision.Operation.REPLACE_ARTICLE
    target_article = factory.SubFactory(
        ArticleFactory, instrument=factory.SelfAttribute("..bill.target_instrument")
    )

    @factory.post_generation
    def revisions(self, create, extracted, **kwargs):
        """revisions=N writes N revisions (default 1) and points current_revision at the last."""
        if not create:
            return
        last = None
        for number in range(1, (extracted or 1) + 1):
            last = Revision.objects.create(
                provision=self,
                number=number,
                base=last,
                text_zh=f"制作、传播儿童性侵害材料的，处五年以下有期徒刑，并处罚金。（第{number}稿）",
                text_en=f"Whoever produces or disseminates such material shall be sentenced (draft {number}).",
                author=self.bill.created_by,
            )
        self.current_revision = last
        self.save(update_fields=["current_revision"])


def reviewed_link(provision, obligation, extent="full", rationale="Creates the offence.", **kw):
    """A link proposed by the bill's creator and agreed (or disputed) by a reviewer of the bill."""
    from drafting import services

    review = kw.pop("review", "agreed")
    link = services.obligation_link(
        actor=kw.pop("actor", provision.bill.created_by),
        provision=provision,
        obligation=obligation,
        extent=extent,
        rationale=rationale,
    )
    if review == "proposed" or link.review:
        return link
    membership = Membership.objects.filter(bill=provision.bill, role=Role.REVIEWER).first()
    reviewer = membership.user if membership else None
    if reviewer is None:
        reviewer = UserFactory(username=f"link-reviewer-{provision.bill_id}")
        MembershipFactory(bill=provision.bill, user=reviewer, role=Role.REVIEWER)
    note = kw.pop("note", "" if review == "agreed" else "Not this obligation.")
    return services.obligation_review(actor=reviewer, link=link, verdict=review, note=note)
