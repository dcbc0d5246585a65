"""FilterSets of the API lists; ids are bounded so that no value reaches the database unchecked."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from drafting.models import Bill, Comment, Extent, LinkStatus, Provision, Role
from proposals.models import Article, Instrument, Obligation

MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A whole-number id; larger than a database key is a field error, not a crash."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.NullBooleanField):
    """true or false (also 1 or 0, any case); anything else is a field error, never ignored."""

    TRUE, FALSE = ("true", "1"), ("false", "0")
    widget = forms.TextInput  # the value as sent (the select widgets map unknown values to None)

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class InstrumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Instrument.Kind.choices)
    china_status = django_filters.ChoiceFilter(choices=Instrument.ChinaStatus.choices)

    class Meta:
        model = Instrument
        fields = ["kind", "china_status"]


class ArticleFilter(django_filters.FilterSet):
    instrument = django_filters.CharFilter(field_name="instrument__code", max_length=32)

    class Meta:
        model = Article
        fields = ["instrument"]


class ObligationFilter(django_filters.FilterSet):
    instrument = django_filters.CharFilter(field_name="instrument__code", max_length=32)
    binding = StrictBooleanFilter(field_name="binding_on_china")
    kind = django_filters.ChoiceFilter(choices=Obligation.Kind.choices)
    strength = django_filters.ChoiceFilter(choices=Obligation.Strength.choices)

    class Meta:
        model = Obligation
        fields = ["instrument", "binding", "kind", "strength"]


class BillFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Bill.Status.choices)

    class Meta:
        model = Bill
        fields = ["status"]


class ProvisionFilter(django_filters.FilterSet):
    bill = IdFilter(field_name="bill_id")
    status = django_filters.ChoiceFilter(choices=Provision.Status.choices)
    operation = django_filters.ChoiceFilter(choices=Provision.Operation.choices)

    class Meta:
        model = Provision
        fields = ["bill", "status", "operation"]


class CommentFilter(django_filters.FilterSet):
    provision = IdFilter(field_name="provision_id")
    revision = IdFilter(field_name="revision_id")
    parent = IdFilter(field_name="parent_id")
    status = django_filters.ChoiceFilter(choices=Comment.Status.choices)
    thread = StrictBooleanFilter(
        field_name="parent", lookup_expr="isnull", label="Only threads (true) or only replies"
    )

    class Meta:
        model = Comment
        fields = ["provision", "revision", "parent", "status", "thread"]


# The filters of lists inside a resource (GET /bills/{id}/members/ and the like) name no model:
# their view's queryset is the parent's, which django-filter would otherwise insist on.


class MemberFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment turned into UTC: any offset Python accepts is one the database accepts."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise forms.ValidationError(_("That moment is out of range.")) from exc


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class RevisionFilter(django_filters.FilterSet):
    author = django_filters.CharFilter(field_name="author__username", max_length=150)
    since = UtcDateTimeFilter(
        field_name="created_at", lookup_expr="gte", label="Saved at or after (ISO 8601)"
    )


class LinkFilter(django_filters.FilterSet):
    instrument = django_filters.CharFilter(field_name="obligation__instrument__code", max_length=32)
    binding = StrictBooleanFilter(field_name="obligation__binding_on_china")
    kind = django_filters.ChoiceFilter(
        field_name="obligation__kind", choices=Obligation.Kind.choices
    )
    extent = django_filters.ChoiceFilter(choices=Extent.choices)
    status = django_filters.ChoiceFilter(choices=LinkStatus.choices, method="by_status")

    def by_status(self, queryset, name, value):
        if value == LinkStatus.PROPOSED:
            return queryset.filter(review__isnull=True)
        return queryset.filter(review=value)
