"""One-off: stored legal text gets LF line endings, and comments are re-anchored to match.

Revisions are immutable; this is the one sanctioned rewrite, and it changes line endings only
(CRLF and lone CR become LF). Comment offsets shift by the CRs dropped before them.
"""

from django.db import migrations

from drafting.text.anchoring import CONTEXT
from drafting.text.normalize import normalize_newlines, offset_after_normalizing

TEXT_FIELDS = ("text_zh", "text_en")


def normalize_revisions(apps, schema_editor) -> None:
    """Rewrite the line endings of every revision (and suggestion) that has a CR in it."""
    Revision = apps.get_model("drafting", "Revision")
    Comment = apps.get_model("drafting", "Comment")
    # The base manager: the default one refuses updates to keep revisions immutable.
    revisions = Revision._base_manager.all()
    for revision in revisions.filter(text_zh__contains="\r") | revisions.filter(
        text_en__contains="\r"
    ):
        old = {name: getattr(revision, name) for name in TEXT_FIELDS}
        new = {name: normalize_newlines(text) for name, text in old.items()}
        Revision._base_manager.filter(pk=revision.pk).update(**new)
        for comment in Comment._base_manager.filter(revision_id=revision.pk):
            _reanchor(Comment, comment, old, new)
    for comment in Comment._base_manager.filter(suggestion__contains="\r"):
        Comment._base_manager.filter(pk=comment.pk).update(
            suggestion=normalize_newlines(comment.suggestion)
        )


def _reanchor(Comment, comment, old: dict[str, str], new: dict[str, str]) -> None:
    """Move the comment's offsets to the normalised text and refresh its quote and context."""
    field = {"zh": "text_zh", "en": "text_en"}.get(comment.anchor_language)
    if field is None or comment.anchor_start is None or comment.anchor_end is None:
        return
    before, after = old[field], new[field]
    if before == after:
        return
    start = offset_after_normalizing(before, comment.anchor_start)
    end = offset_after_normalizing(before, comment.anchor_end)
    if end <= start:  # a quote of a lone line ending: nothing left to point at
        return
    Comment._base_manager.filter(pk=comment.pk).update(
        anchor_start=start,
        anchor_end=end,
        anchor_exact=after[start:end],
        anchor_prefix=after[max(0, start - CONTEXT) : start],
        anchor_suffix=after[end : end + CONTEXT],
    )


class Migration(migrations.Migration):
    dependencies = [("drafting", "0002_bill_drafts")]

    operations = [migrations.RunPython(normalize_revisions, migrations.RunPython.noop)]
