"""Forms of a bill's own settings: starting one, its titles and dates, its status and members."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from drafting.models import Bill, Role
from proposals.models import Instrument

TITLE_HELP = _("Leave empty to use the title proposed in the NPC's form.")


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Instrument) -> str:
        return f"{obj.title_zh} ({obj.short_title_en})" if obj.title_zh else obj.title_en


class BillNewForm(forms.Form):
    """A new bill: the PRC law it amends, and titles (proposed when left empty)."""

    target_instrument = InstrumentChoiceField(
        label=_("Law amended"),
        queryset=Instrument.objects.filter(kind=Instrument.Kind.PRC_LAW).order_by(
            "position", "code"
        ),
        to_field_name="code",
        empty_label=None,
    )
    title_zh = forms.CharField(
        label=_("Title (Chinese)"), max_length=200, required=False, help_text=TITLE_HELP
    )
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=200, required=False, help_text=TITLE_HELP
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=settings.MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BillSettingsForm(forms.Form):
    """Titles, description and commencement date, guarded by the version the drafter read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    commencement_date = forms.DateField(
        label=_("Commencement date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("YYYY-MM-DD; leave empty while it is not decided."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=settings.MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def for_bill(cls, bill: Bill) -> "BillSettingsForm":
        return cls(
            initial={
                "version": bill.version,
                "title_zh": bill.title_zh,
                "title_en": bill.title_en,
                "commencement_date": bill.commencement_date,
                "description": bill.description,
            }
        )


class BillStatusForm(forms.Form):
    to_status = forms.ChoiceField(choices=Bill.Status)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=settings.MAX_NOTE,
        widget=forms.TextInput(attrs={"size": 40}),
    )


class MemberAddForm(forms.Form):
    """An existing user, named by username, with a role."""

    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role, initial=Role.REVIEWER)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no user %(name)s."), params={"name": username}, code="unknown"
            )
        return user


class MemberRoleForm(forms.Form):
    user = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role)


class MemberRemoveForm(forms.Form):
    user = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
