"""Writes to the reference data: upserts by natural key, each returning (object, changed).

The loaders (proposals/loading.py) upsert; the API adds and changes proposals one at a time as staff.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from proposals.models import (
    Article,
    Assessment,
    Instrument,
    Jurisdiction,
    Obligation,
    Paragraph,
    Proposal,
    ProposalTarget,
)
from proposals.signals import announce


def _upsert[M: models.Model](
    model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[M, bool]:
    """update_or_create by natural key, validated, and without a write when nothing differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if not changed:
        return obj, False
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save(update_fields=changed)
    return obj, True


def _announced[M: models.Model](result: tuple[M, bool]) -> tuple[M, bool]:
    """Pass an upsert's result on, telling the receivers (the search index) of a change."""
    obj, changed = result
    if changed:
        announce(type(obj), [obj.pk])
    return result


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    """Compare foreign keys by id, so that an unchanged row costs no extra query."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (None if value is None else value.pk)
    return getattr(obj, name) != value


@transaction.atomic
def jurisdiction_upsert(
    *, code: str, name_en: str, name_zh: str, position: int = 0
) -> tuple[Jurisdiction, bool]:
    """Create or update a jurisdiction by its code."""
    return _upsert(
        Jurisdiction,
        lookup={"code": code},
        values={"name_en": name_en, "name_zh": name_zh, "position": position},
    )


@transaction.atomic
def instrument_upsert(
    *,
    code: str,
    kind: str,
    title_en: str,
    short_title_en: str,
    china_status: str,
    title_zh: str = "",
    short_title_zh: str = "",
    adopting_body: str = "",
    adopted_on: date | None = None,
    promulgated_on: date | None = None,
    opened_for_signature_on: date | None = None,
    in_force_on: date | None = None,
    jurisdiction: Jurisdiction | None = None,
    china_signed_on: date | None = None,
    china_approved_on: date | None = None,
    china_approved_confidence: str = "K",
    china_deposited_on: date | None = None,
    china_deposited_confidence: str = "K",
    china_in_force_on: date | None = None,
    declarations: str = "",
    hong_kong: str = Instrument.HongKong.NOT_APPLICABLE,
    hong_kong_confidence: str = "K",
    interprets: Instrument | None = None,
    summary_en: str = "",
    source_url: str = "",
    confidence: str = "K",
    position: int = 0,
) -> tuple[Instrument, bool]:
    """Create or update an instrument by its code."""
    values = {
        "kind": kind,
        "title_en": title_en,
        "title_zh": title_zh,
        "short_title_en": short_title_en,
        "short_title_zh": short_title_zh,
        "adopting_body": adopting_body,
        "adopted_on": adopted_on,
        "promulgated_on": promulgated_on,
        "opened_for_signature_on": opened_for_signature_on,
        "in_force_on": in_force_on,
        "jurisdiction": jurisdiction,
        "china_status": china_status,
        "china_signed_on": china_signed_on,
        "china_approved_on": china_approved_on,
        "china_approved_confidence": china_approved_confidence,
        "china_deposited_on": china_deposited_on,
        "china_deposited_confidence": china_deposited_confidence,
        "china_in_force_on": china_in_force_on,
        "declarations": declarations,
        "hong_kong": hong_kong,
        "hong_kong_confidence": hong_kong_confidence,
        "interprets": interprets,
        "summary_en": summary_en,
        "source_url": source_url,
        "confidence": confidence,
        "position": position,
    }
    return _announced(_upsert(Instrument, lookup={"code": code}, values=values))


@transaction.atomic
def instrument_rederive_binding(*, instrument: Instrument) -> int:
    """Bring the stored binding_on_china of an instrument's obligations in step with it.

    Obligation.derived_binding is the one rule; this only stores its answer where it changed.
    """
    changed = []
    for obligation in Obligation.objects.filter(instrument=instrument):
        obligation.instrument = instrument
        binding = obligation.derived_binding()
        if obligation.binding_on_china != binding:
            obligation.binding_on_china = binding
            changed.append(obligation)
    return Obligation.objects.bulk_update(changed, ["binding_on_china"])


@transaction.atomic
def article_upsert(
    *,
    instrument: Instrument,
    number: int,
    sub: int = 0,
    label: str = "",
    heading_zh: str = "",
    heading_en: str = "",
    summary_en: str = "",
    paragraphs: Sequence[tuple[str, str]] = (),
) -> tuple[Article, bool]:
    """Create or update an article and make its paragraphs (zh, en) exactly the ones given."""
    article, changed = _upsert(
        Article,
        lookup={"instrument": instrument, "number": number, "sub": sub},
        values={
            "label": label,
            "heading_zh": heading_zh,
            "heading_en": heading_en,
            "summary_en": summary_en,
        },
    )
    for index, (text_zh, text_en) in enumerate(paragraphs, start=1):
        _, paragraph_changed = _upsert(
            Paragraph,
            lookup={"article": article, "number": index},
            values={"text_zh": text_zh, "text_en": text_en},
        )
        changed = changed or paragraph_changed
    stale = article.paragraphs.filter(number__gt=len(paragraphs))
    if stale.exists():
        stale.delete()
        changed = True
    return _announced((article, changed))


@transaction.atomic
def obligation_upsert(
    *,
    code: str,
    instrument: Instrument,
    article_ref: str,
    statement_en: str,
    kind: str,
    strength: str,
    statement_zh: str = "",
    article: Article | None = None,
    binding_note: str = "",
    reservable_under: str = "",
    confidence: str = "K",
    position: int = 0,
) -> tuple[Obligation, bool]:
    """Create or update an obligation; binding_on_china is derived, never given."""
    probe = Obligation(instrument=instrument, strength=strength)
    values = {
        "instrument": instrument,
        "article": article,
        "article_ref": article_ref,
        "statement_en": statement_en,
        "statement_zh": statement_zh,
        "kind": kind,
        "strength": strength,
        "binding_on_china": probe.derived_binding(),
        "binding_note": binding_note,
        "reservable_under": reservable_under,
        "confidence": confidence,
        "position": position,
    }
    return _announced(_upsert(Obligation, lookup={"code": code}, values=values))


@transaction.atomic
def assessment_upsert(
    *,
    jurisdiction: Jurisdiction,
    obligation: Obligation,
    level: str,
    citation: str = "",
    relies_on: Sequence[Article] = (),
    note_en: str = "",
    note_zh: str = "",
    confidence: str = "K",
) -> tuple[Assessment, bool]:
    """Create or update one jurisdiction's assessment against one obligation."""
    assessment, changed = _upsert(
        Assessment,
        lookup={"jurisdiction": jurisdiction, "obligation": obligation},
        values={
            "level": level,
            "citation": citation,
            "note_en": note_en,
            "note_zh": note_zh,
            "confidence": confidence,
        },
    )
    wanted = {article.pk for article in relies_on}
    if set(assessment.relies_on.values_list("pk", flat=True)) != wanted:
        assessment.relies_on.set(wanted)
        changed = True
    return assessment, changed


@transaction.atomic
def proposal_upsert(
    *,
    code: str,
    title_en: str,
    title_zh: str,
    summary_en: str = "",
    summary_zh: str = "",
    drafting_note_en: str = "",
    position: int = 0,
    targets: Sequence[tuple[Obligation, bool]] = (),
) -> tuple[Proposal, bool]:
    """Create or update a proposal and make its targets exactly the (obligation, primary) given."""
    proposal, changed = _upsert(
        Proposal,
        lookup={"code": code},
        values={
            "title_en": title_en,
            "title_zh": title_zh,
            "summary_en": summary_en,
            "summary_zh": summary_zh,
            "drafting_note_en": drafting_note_en,
            "position": position,
        },
    )
    for obligation, primary in targets:
        _, target_changed = _upsert(
            ProposalTarget,
            lookup={"proposal": proposal, "obligation": obligation},
            values={"primary": primary},
        )
        changed = changed or target_changed
    stale = proposal.targets.exclude(obligation__in=[obligation for obligation, _ in targets])
    if stale.exists():
        stale.delete()
        changed = True
    return _announced((proposal, changed))


# --- one proposal at a time, by staff (the API) ---------------------------------------------

PROPOSAL_FIELDS = frozenset(
    {"code", "title_en", "title_zh", "summary_en", "summary_zh", "drafting_note_en", "position"}
)


def _require_staff(actor) -> None:
    # The rules set itself, as in drafting.services: staff keep the reference data.
    if not rules.has_perm("proposals.change_reference", actor):
        raise PermissionDenied(_("Only staff change reference data."))


@transaction.atomic
def proposal_create(
    *,
    actor,
    code: str,
    title_en: str,
    title_zh: str,
    summary_en: str = "",
    summary_zh: str = "",
    drafting_note_en: str = "",
    position: int = 0,
) -> Proposal:
    """Add a reform proposal (staff)."""
    _require_staff(actor)
    proposal = Proposal(
        code=code,
        title_en=title_en,
        title_zh=title_zh,
        summary_en=summary_en,
        summary_zh=summary_zh,
        drafting_note_en=drafting_note_en,
        position=position,
    )
    proposal.full_clean()
    proposal.save()
    announce(Proposal, [proposal.pk])
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, **fields: Any) -> Proposal:
    """Change a proposal's code, titles, summaries, note or position (staff)."""
    _require_staff(actor)
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    announce(Proposal, [proposal.pk])
    return proposal
