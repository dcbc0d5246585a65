"""Input serializers: they check types, sizes and references; the services check the rules."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from drafting.api.fields import CodeRefField, IdOrCodeRefField, IdRefField
from drafting.models import Bill, Comment, Extent, Provision, Revision, Role
from drafting.text.normalize import normalize_newlines
from proposals.models import Article, Instrument, Obligation, Proposal
from proposals.xmltext import validate_xml_text

MAX_PARAGRAPHS = 100
MAX_INSERT = 100
MAX_AMENDMENT_TEXT = 500_000


class StrictCharField(serializers.CharField):
    """Text must arrive as a JSON string: a number where text belongs is a type error."""

    default_error_messages = {"not_a_string": _("Give text as a string.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_xml_text)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class LegalTextField(StrictCharField):
    """Legal text: CRLF and CR become LF (counted after that); nothing else changes."""

    def to_internal_value(self, data):
        return normalize_newlines(super().to_internal_value(data))


def _text(limit: int, **kwargs) -> LegalTextField:
    """Legal text: kept exactly as sent (no trimming), at most `limit` characters."""
    return LegalTextField(max_length=limit, trim_whitespace=False, **kwargs)


def _all(model):
    return lambda user: model.objects.all()


class LoginInput(serializers.Serializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=4096, trim_whitespace=False)


class ProposalListField(serializers.ListField):
    """Proposal codes, looked up in one query; unknown codes are named in the error."""

    child = StrictCharField(max_length=8)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        codes = super().to_internal_value(data)
        found = {p.code: p for p in Proposal.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise serializers.ValidationError(
                _("Unknown proposal code(s): %(codes)s") % {"codes": ", ".join(missing)}
            )
        return [found[code] for code in dict.fromkeys(codes)]


class BillCreateInput(serializers.Serializer):
    title_zh = StrictCharField(max_length=200)
    title_en = StrictCharField(max_length=200)
    target_instrument = CodeRefField(scope=_all(Instrument), name=_("instrument"))
    commencement_date = serializers.DateField(required=False, allow_null=True)
    description = _text(settings.MAX_NOTE, required=False, allow_blank=True)


class AmendmentImportInput(serializers.Serializer):
    """A 修正案 text to start a bill from: one provision per item."""

    text = _text(MAX_AMENDMENT_TEXT)
    target_instrument = CodeRefField(scope=_all(Instrument), name=_("instrument"))
    title_zh = StrictCharField(max_length=200, required=False, allow_blank=True)
    title_en = StrictCharField(max_length=200, required=False, allow_blank=True)


class BillUpdateInput(serializers.Serializer):
    """A bill's settings; a PATCH sends only the fields it changes."""

    title_zh = StrictCharField(max_length=200)
    title_en = StrictCharField(max_length=200)
    commencement_date = serializers.DateField(allow_null=True)
    description = _text(settings.MAX_NOTE, allow_blank=True)


class BillTransitionInput(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Bill.Status.choices)
    note = _text(settings.MAX_NOTE, allow_blank=True, required=False, default="")


class MemberAddInput(serializers.Serializer):
    """An existing active user, named by username, and the role they get."""

    username = StrictCharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)

    def validate_username(self, name: str):
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise serializers.ValidationError(_("There is no user %(name)s.") % {"name": name})
        return user


class MemberRoleInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class ImpactQueryInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["break", "shift", "changed", "term"], required=False)
    provision = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class ReorderInput(serializers.Serializer):
    order = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), max_length=10_000
    )


class ProvisionMetadataInput(serializers.Serializer):
    """The fields of a provision that change without a new revision (PATCH/PUT)."""

    title_en = StrictCharField(max_length=200)
    title_zh = StrictCharField(max_length=200, allow_blank=True, required=False)
    operation = serializers.ChoiceField(choices=Provision.Operation.choices)
    target_article = IdRefField(scope=_all(Article), name=_("article"))
    paragraphs = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=10_000),
        max_length=MAX_PARAGRAPHS,
        required=False,
    )
    insert_count = serializers.IntegerField(min_value=1, max_value=MAX_INSERT, required=False)
    restate_article = serializers.BooleanField(required=False)
    proposals = ProposalListField(required=False)


class ProvisionCreateInput(ProvisionMetadataInput):
    bill = IdRefField(scope=Bill.objects.visible_to, name=_("bill"), perm="drafting.draft_bill")
    text_zh = _text(settings.MAX_PROVISION_TEXT, required=False, allow_blank=True)
    text_en = _text(settings.MAX_PROVISION_TEXT, required=False, allow_blank=True)
    note = _text(settings.MAX_NOTE, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=1, max_value=100_000, required=False)

    def get_fields(self):
        # The bill first, so that a member without the drafter role hears 403 before anything else.
        fields = super().get_fields()
        return {"bill": fields.pop("bill"), **fields}


class RevisionInput(serializers.Serializer):
    base_revision = IdRefField(
        scope=Revision.objects.visible_to,
        name=_("revision"),
        allow_null=True,
        help_text=_("The id of the revision these words were written on (the current one)."),
    )
    text_zh = _text(settings.MAX_PROVISION_TEXT, allow_blank=True)
    text_en = _text(settings.MAX_PROVISION_TEXT, allow_blank=True, required=False, default="")
    note = _text(settings.MAX_NOTE, allow_blank=True, required=False, default="")
    merge = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "If base_revision is stale, merge your changes onto the current revision when they "
            "do not overlap with the changes saved since (409 with the conflicts if they do)."
        ),
    )


class LinkInput(serializers.Serializer):
    obligation = IdOrCodeRefField(scope=_all(Obligation), name=_("obligation"))
    extent = serializers.ChoiceField(choices=Extent.choices)
    rationale = _text(settings.MAX_NOTE)


class UnlinkInput(serializers.Serializer):
    obligation = IdOrCodeRefField(scope=_all(Obligation), name=_("obligation"))


class LinkReviewInput(serializers.Serializer):
    obligation = IdOrCodeRefField(scope=_all(Obligation), name=_("obligation"))
    note = _text(settings.MAX_NOTE, allow_blank=True, required=False, default="")


class AnchorInput(serializers.Serializer):
    language = serializers.ChoiceField(choices=Comment.Language.choices)
    exact = _text(settings.MAX_PROVISION_TEXT)
    prefix = _text(64, allow_blank=True, required=False, default="")
    suffix = _text(64, allow_blank=True, required=False, default="")
    start = serializers.IntegerField(min_value=0, max_value=settings.MAX_PROVISION_TEXT)
    end = serializers.IntegerField(min_value=1, max_value=settings.MAX_PROVISION_TEXT)

    def validate(self, attrs):
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": _("The end comes after the start.")})
        return attrs


class CommentInput(serializers.Serializer):
    """A new thread on exact words (provision, revision, anchor), or a reply (parent only)."""

    parent = IdRefField(
        scope=Comment.objects.for_input,
        name=_("comment"),
        perm="drafting.comment_bill",
        required=False,
        allow_null=True,
    )
    provision = IdRefField(
        scope=Provision.objects.for_input,
        name=_("provision"),
        perm="drafting.comment_bill",
        required=False,
    )
    revision = IdRefField(scope=Revision.objects.visible_to, name=_("revision"), required=False)
    body = _text(settings.MAX_COMMENT_BODY)
    anchor = AnchorInput(required=False)
    suggestion = _text(
        settings.MAX_PROVISION_TEXT, allow_blank=True, required=False, allow_null=True
    )

    def validate(self, attrs):
        errors = {}
        if attrs.get("parent") is not None:
            for name in ("anchor", "suggestion"):
                if attrs.get(name) is not None:
                    errors[name] = _("A reply carries no %(name)s.") % {"name": name}
            parent = attrs["parent"]
            if "provision" in attrs and attrs["provision"].pk != parent.provision_id:
                errors["provision"] = _("The reply must be on its thread's provision.")
            if "revision" in attrs and attrs["revision"].pk != parent.revision_id:
                errors["revision"] = _("A reply is on its thread's revision.")
        else:
            for name in ("provision", "revision", "anchor"):
                if name not in attrs:
                    errors[name] = _("A new thread needs this field.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TransitionInput(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Provision.Status.choices)
    note = _text(settings.MAX_NOTE, allow_blank=True, required=False, default="")


class ProposalInput(serializers.Serializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]{1,8}$", max_length=8)
    title_en = StrictCharField(max_length=300)
    title_zh = StrictCharField(max_length=300)
    summary_en = _text(settings.MAX_NOTE * 5, allow_blank=True, required=False)
    summary_zh = _text(settings.MAX_NOTE * 5, allow_blank=True, required=False)
    drafting_note_en = _text(settings.MAX_NOTE * 5, allow_blank=True, required=False)
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)
