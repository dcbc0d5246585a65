"""Bills and their members in the admin."""

import rules
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.admin._common import OverseenAdmin
from drafting.admin.oversight import oversight_view
from drafting.models import (
    Bill,
    Membership,
    Role,
)
from proposals.models import Instrument


def manages(user, bill: Bill | None) -> bool:
    """Whether the services will let this user change the bill: the rules, not superuser status."""
    return bill is None or rules.has_perm("drafting.manage_bill", user, bill)


def check_keeps_drafter(current: dict[int, str | None], changes: dict[int, str | None]) -> None:
    """Refuse a membership change that would leave the bill without a drafter."""
    roles = current | changes
    if Role.DRAFTER not in roles.values():
        raise ValidationError(gettext("A bill needs at least one drafter."))


def roles_of(bill: Bill) -> dict[int, str | None]:
    return dict(Membership.objects.filter(bill=bill).values_list("user_id", "role"))


class MembershipFormSet(forms.BaseInlineFormSet):
    """Members of a bill, checked as membership_set and membership_remove will check them."""

    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        changes: dict[int, str | None] = {}
        for form in self.forms:
            deleting = self._should_delete_form(form)
            if not form.has_changed() and not deleting:
                continue
            if form.instance.pk:
                changes[form.instance.user_id] = None
            if not deleting and form.cleaned_data.get("user"):
                changes[form.cleaned_data["user"].pk] = form.cleaned_data["role"]
        # A new bill starts with the first drafter chosen on its form (bill_create adds them).
        current = roles_of(self.instance) if self.instance.pk else {0: Role.DRAFTER}
        check_keeps_drafter(current, changes)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).select_related("user", "bill")


class BillAddForm(forms.ModelForm):
    """A new bill in the admin: staff choose its first drafter instead of silently becoming one."""

    first_drafter = forms.ModelChoiceField(
        label=_("first drafter"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text=_("Becomes the bill's drafter; they add the other members."),
    )

    class Meta:
        model = Bill
        fields = ["title_zh", "title_en", "target_instrument", "commencement_date", "description"]

    def clean_target_instrument(self):
        instrument = self.cleaned_data["target_instrument"]
        if instrument.kind != Instrument.Kind.PRC_LAW:
            raise ValidationError(gettext("A bill amends a PRC law."))
        return instrument


@admin.register(Bill)
class BillAdmin(OverseenAdmin):
    """Bills: overseers may start one for a first drafter they choose; only its drafters change it."""

    bill_path = ""
    list_display = [
        "title_zh",
        "title_en",
        "target_instrument",
        "status",
        "created_by",
        "member_count",
        "provision_count",
        "created_at",
    ]
    list_filter = ["status", "target_instrument"]
    search_fields = ["title_zh", "title_en", "description", "created_by__username"]
    list_select_related = ["target_instrument", "created_by"]
    autocomplete_fields = ["target_instrument", "created_by"]
    inlines = [MembershipInline]
    date_hierarchy = "created_at"
    # The product shows a bill to its members only; staff who are not members would get a 404.
    view_on_site = False
    EDITABLE = ["title_zh", "title_en", "status", "commencement_date", "description"]

    def get_urls(self) -> list:
        """The oversight page lives beside the bills: /admin/drafting/bill/oversight/."""
        view = self.admin_site.admin_view(oversight_view)
        return [path("oversight/", view, name="drafting_oversight"), *super().get_urls()]

    def get_fields(self, request: HttpRequest, obj: Bill | None = None) -> list[str]:
        if obj is None:
            return [*BillAddForm.Meta.fields, "first_drafter"]
        return [
            *self.EDITABLE[:2],
            "target_instrument",
            *self.EDITABLE[2:],
            "created_by",
            "created_at",
            "updated_at",
        ]

    def get_form(self, request: HttpRequest, obj: Bill | None = None, **kwargs):
        if obj is None:
            kwargs["form"] = BillAddForm
            form = super().get_form(request, obj, **kwargs)
            form.base_fields["first_drafter"].initial = request.user.pk
            return form
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Bill | None = None) -> list[str]:
        return (
            [] if obj is None else ["target_instrument", "created_by", "created_at", "updated_at"]
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bill]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _member_count=Count("memberships", distinct=True),
                _provision_count=Count("provisions", distinct=True),
            )
        )

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj: Bill) -> int:
        return obj._member_count

    @admin.display(description=_("provisions"), ordering="_provision_count")
    def provision_count(self, obj: Bill) -> int:
        return obj._provision_count

    def has_change_permission(self, request: HttpRequest, obj: Bill | None = None) -> bool:
        return super().has_change_permission(request, obj) and manages(request.user, obj)

    def get_formset_kwargs(self, request: HttpRequest, obj, inline, prefix: str) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, MembershipInline):
            kwargs["actor"] = request.user
        return kwargs

    def save_model(self, request: HttpRequest, obj: Bill, form, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            created = services.bill_create(
                actor=request.user,
                title_zh=data["title_zh"],
                title_en=data["title_en"],
                target_instrument=data["target_instrument"],
                commencement_date=data.get("commencement_date"),
                description=data.get("description", ""),
                first_drafter=data["first_drafter"],
            )
            # The form's instance stands for the created bill: inlines and the log use it.
            obj.pk, obj.created_by, obj.created_at = (
                created.pk,
                created.created_by,
                created.created_at,
            )
            obj._state.adding = False
            return
        changed = {name: data[name] for name in form.changed_data if name in self.EDITABLE}
        if changed:
            services.bill_update(actor=request.user, bill=obj, **changed)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        bill = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        removals = []
        for sub in formset.forms:
            deleting = formset._should_delete_form(sub)
            old = sub.instance if sub.instance.pk else None
            if old and (deleting or "user" in sub.changed_data):
                removals.append(old)
            if deleting or not sub.has_changed():
                continue
            membership = services.membership_set(
                actor=request.user,
                bill=bill,
                user=sub.cleaned_data["user"],
                role=sub.cleaned_data["role"],
            )
            if old and "user" not in sub.changed_data:
                formset.changed_objects.append((membership, sub.changed_data))
            else:
                formset.new_objects.append(membership)
        # Removals last, so a drafter added in the same save already counts.
        for old in removals:
            services.membership_remove(actor=request.user, bill=bill, user=old.user)
            formset.deleted_objects.append(old)


class MembershipForm(forms.ModelForm):
    """Checked as membership_set checks: the actor drafts the bill, and a drafter remains."""

    actor = None

    class Meta:
        model = Membership
        fields = ["bill", "user", "role"]

    def clean(self) -> dict:
        data = super().clean()
        bill = data.get("bill") or (self.instance.bill if self.instance.pk else None)
        user = data.get("user") or (self.instance.user if self.instance.pk else None)
        if bill is None or user is None or not data.get("role"):
            return data
        if not manages(self.actor, bill):
            raise ValidationError(
                gettext("Only the bill's drafters manage its members; ask one of them.")
            )
        check_keeps_drafter(roles_of(bill), {user.pk: data["role"]})
        return data


@admin.register(Membership)
class MembershipAdmin(OverseenAdmin):
    bill_path = "bill"
    form = MembershipForm
    list_display = ["__str__", "bill", "user", "role", "created_at"]
    list_filter = ["role", "bill"]
    search_fields = ["bill__title_zh", "bill__title_en", "user__username", "user__email"]
    list_select_related = ["bill", "user"]
    autocomplete_fields = ["bill", "user"]

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # Who and where are fixed once added; a different person is a new membership.
        return ["bill", "user", "created_at"] if obj else ["created_at"]

    def has_change_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        return super().has_change_permission(request, obj) and manages(
            request.user, obj and obj.bill
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Removing a member checks the last-drafter rule: do it on the bill's page.
        return False

    def save_model(self, request: HttpRequest, obj: Membership, form, change: bool) -> None:
        saved = services.membership_set(
            actor=request.user, bill=obj.bill, user=obj.user, role=obj.role
        )
        obj.pk, obj.created_at = saved.pk, saved.created_at
