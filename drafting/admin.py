"""Admin for bills and their history: staff watch revisions and moderate comments here.

Every write an admin page makes goes through drafting.services, as the product's do; revisions,
review events and obligation links are history, so the admin shows them and never edits them.
"""

from collections.abc import Callable

import rules
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import F, Window
from django.db.models.functions import Lag
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.diff import diff_text, redline_html
from drafting.markdown import render_markdown
from drafting.models import (
    Bill,
    Comment,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
    Role,
)


def excerpt(text: str, length: int = 60) -> str:
    """A one-line preview of long text for change lists."""
    return Truncator(" ".join(text.split())).chars(length)


def error_text(exc: Exception) -> str:
    """The user-facing words of a service refusal."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or gettext("Permission denied.")


def run_per_object(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    call: Callable[[object], object],
    done: str,
) -> None:
    """Call a service for each selected object; a refusal becomes an error message, not a crash."""
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
        except (PermissionDenied, ValidationError) as exc:
            modeladmin.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


class ReadOnlyAdminMixin:
    """History is shown, never added, changed or deleted from the admin."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def with_previous_text(queryset: QuerySet[Revision]) -> QuerySet[Revision]:
    """Annotate each revision with the texts of the revision before it, for redlines."""
    window = {"partition_by": [F("provision_id")], "order_by": F("number").asc()}
    return queryset.annotate(
        previous_text_zh=Window(Lag("text_zh"), **window),
        previous_text_en=Window(Lag("text_en"), **window),
    )


def redline(revision: Revision, language: str) -> SafeString:
    """The redline from the previous revision (or from nothing, for the first)."""
    field = f"text_{language}"
    old = getattr(revision, f"previous_{field}", None) or ""
    ops = diff_text(old, getattr(revision, field), language)
    # Safe only because redline_html escapes every piece of text it emits.
    html = redline_html(ops, id_prefix=f"r{revision.pk}-{language}-chg-")
    return format_html('<div class="redline" lang="{}">{}</div>', language, mark_safe(html))


# --- bills and members ----------------------------------------------------------------------


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
        # A new bill starts with its creator as drafter (bill_create does that).
        current = roles_of(self.instance) if self.instance.pk else {self.actor.pk: Role.DRAFTER}
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


@admin.register(Bill)
class BillAdmin(admin.ModelAdmin):
    """Bills: staff may start one (becoming its drafter); only its drafters change it."""

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

    def get_fields(self, request: HttpRequest, obj: Bill | None = None) -> list[str]:
        if obj is None:
            return ["title_zh", "title_en", "target_instrument", "commencement_date", "description"]
        return [
            *self.EDITABLE[:2],
            "target_instrument",
            *self.EDITABLE[2:],
            "created_by",
            "created_at",
            "updated_at",
        ]

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
class MembershipAdmin(admin.ModelAdmin):
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


# --- provisions and their history -----------------------------------------------------------


class RevisionInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Revision
    fk_name = "provision"
    ordering = ["-number"]
    fields = ["number", "author", "created_at", "note", "redline_zh", "redline_en"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = _("revisions, newest first, marked against the one before")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Revision]:
        return with_previous_text(super().get_queryset(request).select_related("author"))

    @admin.display(description=_("changes (Chinese)"))
    def redline_zh(self, obj: Revision) -> SafeString:
        return redline(obj, "zh")

    @admin.display(description=_("changes (English)"))
    def redline_en(self, obj: Revision) -> SafeString:
        return redline(obj, "en")


def rendered_body(comment: Comment) -> SafeString:
    # render_markdown strips every tag and URL scheme that could run; its output is safe.
    return format_html(
        '<div class="comment-body">{}</div>', mark_safe(render_markdown(comment.body))
    )


class CommentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Comment
    fk_name = "provision"
    ordering = ["created_at"]
    fields = ["author", "revision_number", "anchor_exact", "body_html", "status", "hidden"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).select_related("author", "revision")

    @admin.display(description=_("revision"))
    def revision_number(self, obj: Comment) -> int:
        return obj.revision.number

    @admin.display(description=_("comment"))
    def body_html(self, obj: Comment) -> SafeString:
        return rendered_body(obj)


class ObligationLinkInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProvisionObligation
    fields = ["obligation", "extent", "rationale", "created_by", "created_at", "removed_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProvisionObligation]:
        return super().get_queryset(request).select_related("obligation", "created_by")


class ReviewEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Provision)
class ProvisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Provisions are written and moved through the workflow by bill members, not here."""

    list_display = [
        "__str__",
        "bill",
        "position",
        "operation",
        "target_article",
        "status",
        "version",
        "revision_count",
        "open_comment_count",
        "updated_at",
    ]
    list_filter = ["status", "operation", "bill"]
    search_fields = [
        "title_en",
        "title_zh",
        "bill__title_zh",
        "current_revision__text_zh",
        "current_revision__text_en",
    ]
    list_select_related = ["bill", "target_article__instrument"]
    autocomplete_fields = ["bill", "target_article", "current_revision", "proposals"]
    inlines = [RevisionInline, CommentInline, ObligationLinkInline, ReviewEventInline]
    view_on_site = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provision]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _revision_count=Count("revisions", distinct=True),
                _open_comment_count=Count(
                    "comments",
                    filter=Q(comments__status=Comment.Status.OPEN, comments__parent__isnull=True),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("revisions"), ordering="_revision_count")
    def revision_count(self, obj: Provision) -> int:
        return obj._revision_count

    @admin.display(description=_("open threads"), ordering="_open_comment_count")
    def open_comment_count(self, obj: Provision) -> int:
        return obj._open_comment_count


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Revisions are immutable: the admin shows them and their redline, nothing more."""

    list_display = ["__str__", "provision", "number", "author", "created_at", "text_excerpt"]
    list_filter = ["provision__bill"]
    search_fields = ["text_zh", "text_en", "note", "provision__title_en", "author__username"]
    list_select_related = ["provision", "author"]
    autocomplete_fields = ["provision", "base", "author"]
    fields = [
        "provision",
        "number",
        "base",
        "author",
        "created_at",
        "note",
        "redline_zh",
        "redline_en",
        "text_zh",
        "text_en",
    ]
    readonly_fields = fields
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Revision]:
        return with_previous_text(super().get_queryset(request))

    @admin.display(description=_("text (Chinese)"))
    def text_excerpt(self, obj: Revision) -> str:
        return excerpt(obj.text_zh)

    @admin.display(description=_("changes from the previous revision (Chinese)"))
    def redline_zh(self, obj: Revision) -> SafeString:
        return redline(obj, "zh")

    @admin.display(description=_("changes from the previous revision (English)"))
    def redline_en(self, obj: Revision) -> SafeString:
        return redline(obj, "en")


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The workflow's audit trail: read only."""

    list_display = ["__str__", "provision", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status", "from_status", "provision__bill"]
    search_fields = ["note", "provision__title_en", "actor__username"]
    list_select_related = ["provision", "actor"]
    autocomplete_fields = ["provision", "actor"]
    fields = ["provision", "actor", "from_status", "to_status", "note", "created_at"]
    readonly_fields = fields
    date_hierarchy = "created_at"


class ActiveLinkFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("linked")), ("no", _("unlinked"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(removed_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(removed_at__isnull=False)
        return queryset


@admin.register(ProvisionObligation)
class ProvisionObligationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Links are history: drafters make them in the product; staff may only end one."""

    list_display = [
        "__str__",
        "provision",
        "obligation",
        "extent",
        "active",
        "created_by",
        "created_at",
        "removed_by",
        "removed_at",
    ]
    list_filter = [ActiveLinkFilter, "extent", "obligation__instrument", "provision__bill"]
    search_fields = [
        "obligation__code",
        "provision__title_en",
        "provision__title_zh",
        "rationale",
    ]
    list_select_related = ["provision", "obligation", "created_by", "removed_by"]
    autocomplete_fields = ["provision", "obligation", "created_by", "removed_by"]
    fields = [
        "provision",
        "obligation",
        "extent",
        "rationale",
        "created_by",
        "created_at",
        "removed_by",
        "removed_at",
    ]
    readonly_fields = fields
    actions = ["unlink"]

    @admin.display(description=_("linked"), boolean=True)
    def active(self, obj: ProvisionObligation) -> bool:
        return obj.is_active

    @admin.action(description=_("Unlink the selected obligations (kept as history)"))
    def unlink(self, request: HttpRequest, queryset: QuerySet[ProvisionObligation]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda link: services.obligation_unlink(
                actor=request.user, provision=link.provision, obligation=link.obligation
            ),
            gettext("Unlinked %(count)d obligation link(s)."),
        )


# --- comments and moderation ----------------------------------------------------------------


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Moderation: hide or show comments, close threads; comments are never edited or deleted."""

    list_display = [
        "__str__",
        "provision",
        "author",
        "status",
        "hidden",
        "is_reply",
        "created_at",
    ]
    list_filter = ["hidden", "status", "anchor_language", "provision__bill"]
    search_fields = ["body", "anchor_exact", "suggestion", "author__username"]
    list_select_related = ["provision", "author"]
    autocomplete_fields = ["provision", "revision", "parent", "author"]
    fields = [
        "provision",
        "revision",
        "parent",
        "author",
        "body_html",
        "anchor_language",
        "anchor_exact",
        "suggestion",
        "status",
        "resolved_by",
        "resolved_at",
        "applied_revision",
        "hidden",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["hide", "unhide", "resolve"]
    date_hierarchy = "created_at"
    view_on_site = False

    @admin.display(description=_("reply"), boolean=True)
    def is_reply(self, obj: Comment) -> bool:
        return not obj.is_thread

    @admin.display(description=_("comment"))
    def body_html(self, obj: Comment) -> SafeString:
        return rendered_body(obj)

    @admin.action(description=_("Hide the selected comments from members"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_set_hidden(actor=request.user, comment=c, hidden=True),
            gettext("Hid %(count)d comment(s)."),
        )

    @admin.action(description=_("Show the selected comments to members again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_set_hidden(actor=request.user, comment=c, hidden=False),
            gettext("Showed %(count)d comment(s) again."),
        )

    @admin.action(description=_("Resolve the selected threads"))
    def resolve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_resolve(actor=request.user, comment=c),
            gettext("Resolved %(count)d thread(s)."),
        )
