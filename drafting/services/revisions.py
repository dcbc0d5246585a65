"""Revisions: the immutable texts of a provision."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Provision,
    Revision,
)
from drafting.search import index as search_index
from drafting.services._common import MergeConflictError, StaleRevisionError, Status, require
from drafting.services.provisions import check_text
from drafting.services.workflow import record_transition
from drafting.text.merge import merge3
from drafting.text.normalize import normalize_newlines


@transaction.atomic
def revision_create(
    *,
    actor,
    provision: Provision,
    base_revision: Revision | None,
    text_zh: str,
    text_en: str,
    note: str = "",
    merge: bool = False,
) -> Revision:
    """Save new text on top of base_revision; if someone saved in between, refuse or (merge=True)
    merge the two sides' changes when they do not overlap."""
    require(actor, "drafting.draft_bill", provision)
    text_zh, text_en = normalize_newlines(text_zh), normalize_newlines(text_en)
    check_text(text_zh=text_zh, text_en=text_en, note=note)
    if provision.has_text and not text_zh.strip():
        raise ValidationError({"text_zh": _("The new text is required.")})
    if base_revision is not None and base_revision.provision_id != provision.pk:
        raise ValidationError({"base_revision": _("That revision belongs to another provision.")})
    try:
        return write_revision(
            actor=actor,
            provision=provision,
            base=base_revision,
            text_zh=text_zh,
            text_en=text_en,
            note=note,
        )
    except StaleRevisionError as stale:
        if not merge or base_revision is None or stale.current is None:
            raise
        texts = merged_texts(base_revision, stale.current, {"zh": text_zh, "en": text_en})
        return write_revision(
            actor=actor,
            provision=provision,
            base=stale.current,
            text_zh=texts["zh"],
            text_en=texts["en"],
            note=note,
        )


def merged_texts(base: Revision, current: Revision, mine: dict[str, str]) -> dict[str, str]:
    """Both languages merged three-way; MergeConflictError names the overlapping stretches."""
    merged, conflicts = {}, {}
    for language, text in mine.items():
        field = f"text_{language}"
        result = merge3(getattr(base, field), getattr(current, field), text, language)
        merged[language] = result.text
        if result.conflicts:
            conflicts[field] = [asdict(conflict) for conflict in result.conflicts]
    if conflicts:
        raise MergeConflictError(current, conflicts)
    return merged


def write_revision(
    *, actor, provision: Provision, base: Revision | None, text_zh: str, text_en: str, note: str
) -> Revision:
    """Claim the provision with one conditional UPDATE, then store the revision."""
    text_zh, text_en = normalize_newlines(text_zh), normalize_newlines(text_en)
    base_id = base.pk if base else None
    claimed = (
        Provision.objects.filter(pk=provision.pk, current_revision_id=base_id)
        .exclude(status=Status.WITHDRAWN)
        .update(version=F("version") + 1, updated_at=timezone.now())
    )
    if not claimed:
        current = Provision.objects.select_related("current_revision").get(pk=provision.pk)
        if current.status == Status.WITHDRAWN:
            raise ValidationError(_("A withdrawn provision cannot be revised; reopen it first."))
        raise StaleRevisionError(current.current_revision)
    number = (provision.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            revision = Revision.objects.create(
                provision=provision,
                number=number,
                base=base,
                text_zh=text_zh,
                text_en=text_en,
                note=note,
                author=actor,
            )
    except IntegrityError as exc:
        raise StaleRevisionError(provision.current_revision) from exc
    Provision.objects.filter(pk=provision.pk).update(current_revision=revision)
    provision.refresh_from_db(fields=["current_revision", "version", "updated_at", "status"])
    search_index.index_provision(provision)
    if provision.status == Status.APPROVED:
        # New words need a new review: an approval covers the text it saw.
        record_transition(
            actor=actor,
            provision=provision,
            to_status=Status.IN_REVIEW,
            note=_("Revised after approval (revision %(n)d).") % {"n": number},
        )
    return revision
