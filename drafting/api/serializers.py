"""Output serializers: what the API shows of each resource."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from drafting.models import Bill, BillEvent, Comment, Extent, LinkStatus, Provision, Role
from drafting.models.provisions import CODE_SEPARATOR
from drafting.text.markdown import render_markdown
from proposals.binding import BindingStatus
from proposals.models import Confidence, Instrument, Obligation


class JurisdictionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class InstrumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=Instrument.Kind.choices)
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    short_title_en = serializers.CharField()
    short_title_zh = serializers.CharField()
    adopting_body = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    promulgated_on = serializers.DateField(allow_null=True)
    opened_for_signature_on = serializers.DateField(allow_null=True)
    in_force_on = serializers.DateField(allow_null=True)
    jurisdiction = serializers.CharField(source="jurisdiction.code", allow_null=True)
    china_status = serializers.ChoiceField(choices=Instrument.ChinaStatus.choices)
    china_signed_on = serializers.DateField(allow_null=True)
    china_approved_on = serializers.DateField(allow_null=True)
    china_approved_confidence = serializers.ChoiceField(choices=Confidence.choices)
    china_deposited_on = serializers.DateField(allow_null=True)
    china_deposited_confidence = serializers.ChoiceField(choices=Confidence.choices)
    china_in_force_on = serializers.DateField(allow_null=True)
    declarations = serializers.CharField()
    hong_kong = serializers.ChoiceField(choices=Instrument.HongKong.choices)
    hong_kong_confidence = serializers.ChoiceField(choices=Confidence.choices)
    binding_on_china = serializers.BooleanField()
    summary_en = serializers.CharField()
    source_url = serializers.CharField()
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    obligation_count = serializers.IntegerField()


class ParagraphSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text_zh = serializers.CharField()
    text_en = serializers.CharField()


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    instrument = serializers.CharField(source="instrument.code")
    number = serializers.IntegerField()
    sub = serializers.IntegerField()
    dotted = serializers.CharField()
    citation = serializers.CharField()
    heading_zh = serializers.CharField()
    heading_en = serializers.CharField()
    summary_en = serializers.CharField()
    paragraphs = ParagraphSerializer(many=True)


class ObligationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    instrument = serializers.CharField(source="instrument.code")
    article = serializers.IntegerField(source="article_id", allow_null=True)
    article_ref = serializers.CharField()
    statement_en = serializers.CharField()
    statement_zh = serializers.CharField()
    kind = serializers.ChoiceField(choices=Obligation.Kind.choices)
    strength = serializers.ChoiceField(choices=Obligation.Strength.choices)
    binding_on_china = serializers.BooleanField()
    binding_status = serializers.ChoiceField(choices=BindingStatus.choices)
    binding_note = serializers.CharField()
    reservable_under = serializers.CharField()
    confidence = serializers.ChoiceField(choices=Confidence.choices)


class ProposalTargetSerializer(serializers.Serializer):
    obligation = serializers.CharField(source="obligation.code")
    primary = serializers.BooleanField()


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    summary_en = serializers.CharField()
    summary_zh = serializers.CharField()
    drafting_note_en = serializers.CharField()
    position = serializers.IntegerField()
    targets = ProposalTargetSerializer(many=True, source="targets.all")


class BillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    target_instrument = serializers.CharField(source="target_instrument.code")
    status = serializers.ChoiceField(choices=Bill.Status.choices)
    commencement_date = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    my_role = serializers.ChoiceField(choices=Role.choices)
    provision_count = serializers.IntegerField()
    version = serializers.IntegerField()
    etag = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_etag(self, bill: Bill) -> str:
        return bill_etag(bill)


def bill_etag(bill: Bill) -> str:
    """A bill's ETag: its id and version, as for provisions."""
    return f'"{bill.pk}-{bill.version}"'


class BillEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=BillEvent.Kind.choices)
    actor = serializers.CharField(source="actor.username")
    member = serializers.CharField(source="member.username", allow_null=True, default=None)
    from_value = serializers.CharField()
    to_value = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class BillTransitionResultSerializer(serializers.Serializer):
    event = BillEventSerializer()
    bill = BillSerializer()


def _dotted(key) -> str:
    return f"{key[0]}-{key[1]}" if key[1] else str(key[0])


class ImpactSerializer(serializers.Serializer):
    """One effect of an item on the rest of the law (drafting.analysis.impact.Impact)."""

    provision = serializers.IntegerField(source="provision_id")
    item = serializers.IntegerField(source="position")
    kind = serializers.ChoiceField(choices=["break", "shift", "changed", "term"])
    article = serializers.SerializerMethodField(help_text="The citing article, e.g. 152 or 287-1.")
    paragraph = serializers.IntegerField(help_text="Its paragraph; 0 for a term.")
    words = serializers.CharField(help_text="The words cited, or the term.")
    target = serializers.CharField(help_text="What the reference points at: 152.2 or 383.1.3.")
    new_paragraph = serializers.IntegerField(help_text="shift: the paragraph it should now name.")
    articles = serializers.SerializerMethodField(help_text="term: the other articles using it.")

    def get_article(self, impact) -> str:
        return _dotted(impact.source)

    def get_articles(self, impact) -> list[str]:
        return [_dotted(key) for key in impact.articles]


class FindingSerializer(serializers.Serializer):
    """A problem of one item found by the instruction check."""

    item = serializers.IntegerField()
    severity = serializers.ChoiceField(choices=["error", "warning"])
    message = serializers.CharField()


class AmendmentImportSerializer(serializers.Serializer):
    bill = BillSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class MemberSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    role = serializers.ChoiceField(choices=Role.choices)
    created_at = serializers.DateTimeField()


# Module-level field instances: converting a datetime must not cost a deep copy of a field.
_DATETIME = serializers.DateTimeField()


def _when(value) -> str | None:
    return _DATETIME.to_representation(value) if value is not None else None


class RevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provision = serializers.IntegerField(source="provision_id")
    number = serializers.IntegerField()
    base = serializers.IntegerField(source="base_id", allow_null=True)
    text_zh = serializers.CharField()
    text_en = serializers.CharField()
    note = serializers.CharField()
    author = serializers.CharField(source="author.username")
    created_at = serializers.DateTimeField()

    def to_representation(self, revision) -> dict:
        """Plain attribute reads (the declared fields document the shape): revisions are hot."""
        return revision_data(revision)


def revision_data(revision) -> dict:
    return {
        "id": revision.pk,
        "provision": revision.provision_id,
        "number": revision.number,
        "base": revision.base_id,
        "text_zh": revision.text_zh,
        "text_en": revision.text_en,
        "note": revision.note,
        "author": revision.author.username,
        "created_at": _when(revision.created_at),
    }


def provision_etag(provision: Provision) -> str:
    """A strong validator that changes with every write to the provision."""
    return f'"{provision.pk}-{provision.version}"'


class ProvisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bill = serializers.IntegerField(source="bill_id")
    position = serializers.IntegerField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    operation = serializers.ChoiceField(choices=Provision.Operation.choices)
    target_article = serializers.IntegerField(source="target_article_id")
    target_citation = serializers.CharField(source="target_article.citation")
    paragraphs = serializers.ListField(child=serializers.IntegerField())
    insert_count = serializers.IntegerField()
    restate_article = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Provision.Status.choices)
    version = serializers.IntegerField()
    etag = serializers.SerializerMethodField()
    proposals = serializers.SerializerMethodField()
    current_revision = RevisionSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_etag(self, provision: Provision) -> str:
        return provision_etag(provision)

    def get_proposals(self, provision: Provision) -> list[str]:
        if hasattr(provision, "proposal_codes"):  # annotated by Provision.objects.for_api
            codes = provision.proposal_codes
            return sorted(codes.split(CODE_SEPARATOR)) if codes else []
        return sorted(p.code for p in provision.proposals.all())

    def to_representation(self, provision: Provision) -> dict:
        """Plain attribute reads: the detail and list endpoints are the API's hot path.

        tests/drafting/api/test_schemathesis.py checks every answer against the declared fields above.
        """
        revision = provision.current_revision
        return {
            "id": provision.pk,
            "bill": provision.bill_id,
            "position": provision.position,
            "title_en": provision.title_en,
            "title_zh": provision.title_zh,
            "operation": provision.operation,
            "target_article": provision.target_article_id,
            "target_citation": provision.target_article.citation,
            "paragraphs": list(provision.paragraphs),
            "insert_count": provision.insert_count,
            "restate_article": provision.restate_article,
            "status": provision.status,
            "version": provision.version,
            "etag": provision_etag(provision),
            "proposals": self.get_proposals(provision),
            "current_revision": revision_data(revision) if revision is not None else None,
            "created_at": _when(provision.created_at),
            "updated_at": _when(provision.updated_at),
        }


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provision = serializers.IntegerField(source="provision_id")
    obligation = serializers.CharField(source="obligation.code")
    obligation_id = serializers.IntegerField()
    binding_on_china = serializers.BooleanField(source="obligation.binding_on_china")
    extent = serializers.ChoiceField(choices=Extent.choices)
    rationale = serializers.CharField()
    created_by = serializers.CharField(source="created_by.username")
    created_at = serializers.DateTimeField()
    removed_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(
        choices=LinkStatus.choices,
        help_text="proposed until a reviewer or another drafter agrees or disputes it; "
        "coverage counts agreed links only.",
    )
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField(allow_null=True)


class AnchorSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=Comment.Language.choices)
    exact = serializers.CharField(trim_whitespace=False)
    prefix = serializers.CharField(trim_whitespace=False, allow_blank=True)
    suffix = serializers.CharField(trim_whitespace=False, allow_blank=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provision = serializers.IntegerField(source="provision_id")
    revision = serializers.IntegerField(source="revision_id")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    author = serializers.CharField(source="author.username")
    body = serializers.CharField()
    body_html = serializers.SerializerMethodField()
    anchor = serializers.SerializerMethodField()
    suggestion = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=Comment.Status.choices)
    resolved_by = serializers.CharField(source="resolved_by.username", allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    applied_revision = serializers.IntegerField(source="applied_revision_id", allow_null=True)
    reply_count = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_body_html(self, comment: Comment) -> str:
        """The Markdown rendered with raw HTML off and sanitized; safe to insert into a page."""
        return render_markdown(comment.body)

    @extend_schema_field(AnchorSerializer(allow_null=True))
    def get_anchor(self, comment: Comment) -> dict | None:
        if comment.parent_id is not None:
            return None
        return {
            "language": comment.anchor_language,
            "exact": comment.anchor_exact,
            "prefix": comment.anchor_prefix,
            "suffix": comment.anchor_suffix,
            "start": comment.anchor_start,
            "end": comment.anchor_end,
        }

    def get_reply_count(self, comment: Comment) -> int:
        return getattr(comment, "reply_count", 0)


class ReviewEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_status = serializers.CharField()
    to_status = serializers.ChoiceField(choices=Provision.Status.choices)
    note = serializers.CharField()
    actor = serializers.CharField(source="actor.username")
    created_at = serializers.DateTimeField()


class TransitionResultSerializer(serializers.Serializer):
    event = ReviewEventSerializer()
    provision = ProvisionSerializer()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as 'Authorization: Token <token>'; shown once.")
    expiry = serializers.DateTimeField(allow_null=True, help_text="When the token stops working.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ConflictSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset in the base revision's text.")
    end = serializers.IntegerField()
    base = serializers.CharField()
    theirs = serializers.CharField()
    mine = serializers.CharField()


class ConflictsSerializer(serializers.Serializer):
    text_zh = ConflictSerializer(many=True, required=False)
    text_en = ConflictSerializer(many=True, required=False)


class StaleRevisionSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_revision = RevisionSerializer(allow_null=True)
    conflicts = ConflictsSerializer(required=False, help_text="Only when a merge was asked for.")


class StaleVersionSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    current_etag = serializers.CharField()
