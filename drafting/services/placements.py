"""Re-anchoring computed once per (comment, revision) and stored (CommentPlacement).

A thread written on an earlier revision is placed in the current one by text matching, which
costs time in proportion to the text; the result never changes (revisions are immutable), so
it is computed the first time the pair is shown and read back afterwards.
"""

from django.db import transaction

from drafting.models import Comment, CommentPlacement, Revision
from drafting.services.comments import comment_anchor
from drafting.text.reanchor import Placement, reanchor_many


def _text(revision: Revision, language: str) -> str:
    return revision.text_zh if language == Comment.Language.ZH else revision.text_en


def _as_placement(row: CommentPlacement) -> Placement:
    return Placement(row.start, row.end, row.exact, row.status)  # type: ignore[arg-type]


@transaction.atomic
def _compute(threads: list[Comment], current: Revision) -> dict[int, Placement]:
    """Re-anchor the threads in the current revision and keep the results."""
    found: dict[int, Placement] = {}
    for language in {t.anchor_language for t in threads}:
        group = [t for t in threads if t.anchor_language == language]
        anchors = [comment_anchor(t) for t in group]
        for thread, placement in zip(
            group, reanchor_many(anchors, _text(current, language)), strict=True
        ):
            found[thread.pk] = placement
    CommentPlacement.objects.bulk_create(
        [
            CommentPlacement(
                comment_id=pk,
                revision=current,
                start=p.start,
                end=p.end,
                exact=p.exact,
                status=p.status,
            )
            for pk, p in found.items()
        ],
        ignore_conflicts=True,  # a concurrent request stored the same pairs: the same results
    )
    return found


def placements_in(threads: list[Comment], current: Revision) -> dict[int, Placement]:
    """Where each thread's words stand in `current` (thread pk -> placement); one query when stored."""
    if not threads:
        return {}
    stored = CommentPlacement.objects.filter(
        revision=current, comment_id__in=[t.pk for t in threads]
    )
    found = {row.comment_id: _as_placement(row) for row in stored}
    missing = [t for t in threads if t.pk not in found]
    if missing:
        found |= _compute(missing, current)
    return found
