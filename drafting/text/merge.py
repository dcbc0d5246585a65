"""Three-way merge of legal text: base, theirs and mine (Chinese by character, English by word).

Each side's edits are found with diff-match-patch (through text.diff) as replacements of base
ranges. Edits of the two sides that do not overlap are all applied to base; an edit of mine that
overlaps one of theirs is a conflict, reported with the three versions of that stretch. Offsets
are Python str indices (code points).
"""

from dataclasses import dataclass, field
from typing import Literal

from drafting.text.diff import diff_text

Side = Literal["theirs", "mine", "both"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Base text [start, end) replaced by `text`."""

    start: int
    end: int
    text: str

    def overlaps(self, other: "Edit") -> bool:
        """Whether the two edits touch the same base characters or insert at the same place."""
        if self.start == self.end and other.start == other.end:
            return self.start == other.start
        if self.start == self.end:
            return other.start < self.start < other.end
        if other.start == other.end:
            return self.start < other.start < self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Conflict:
    """One stretch both sides changed differently, in base coordinates."""

    start: int
    end: int
    base: str
    theirs: str
    mine: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A changed stretch of the merged text and whose change it is."""

    start: int
    end: int
    side: Side
    deleted: str = ""  # the base words this change removed


@dataclass
class Merge:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def edits(base: str, other: str, language: str) -> list[Edit]:
    """The replacements that turn base into other, in base order."""
    found: list[Edit] = []
    position, start, inserted = 0, None, []
    for op in diff_text(base, other, language):
        if op.kind == "equal":
            if start is not None:
                found.append(Edit(start, position, "".join(inserted)))
                start, inserted = None, []
            position += len(op.text)
            continue
        if start is None:
            start = position
        if op.kind == "delete":
            position += len(op.text)
        else:
            inserted.append(op.text)
    if start is not None:
        found.append(Edit(start, position, "".join(inserted)))
    return found


def merge3(base: str, theirs: str, mine: str, language: str) -> Merge:
    """Mine's edits applied onto theirs where they do not overlap; the rest as conflicts."""
    their_edits, my_edits = edits(base, theirs, language), edits(base, mine, language)
    conflicts = []
    chosen: list[tuple[Edit, Side]] = [(edit, "theirs") for edit in their_edits]
    for edit in my_edits:
        clashing = [t for t in their_edits if t.overlaps(edit)]
        if not clashing:
            chosen.append((edit, "mine"))
        elif len(clashing) == 1 and clashing[0] == edit:
            chosen = [(e, "both" if e == edit else s) for e, s in chosen]  # the same change twice
        else:
            conflicts.append(_conflict(base, theirs, mine, edit, clashing, their_edits))
    if conflicts:
        return Merge(text=theirs, conflicts=conflicts)
    return _apply(base, sorted(chosen, key=lambda pair: (pair[0].start, pair[0].end)))


def _apply(base: str, chosen: list[tuple[Edit, Side]]) -> Merge:
    pieces, marks, position, length = [], [], 0, 0
    for edit, side in chosen:
        pieces.append(base[position : edit.start])
        length += edit.start - position
        pieces.append(edit.text)
        marks.append(Mark(length, length + len(edit.text), side, base[edit.start : edit.end]))
        length += len(edit.text)
        position = edit.end
    pieces.append(base[position:])
    return Merge(text="".join(pieces), marks=marks)


def _conflict(
    base: str, theirs: str, mine: str, my_edit: Edit, clashing: list[Edit], their_edits: list[Edit]
) -> Conflict:
    start = min(my_edit.start, *(t.start for t in clashing))
    end = max(my_edit.end, *(t.end for t in clashing))
    return Conflict(
        start=start,
        end=end,
        base=base[start:end],
        theirs=_project(base, their_edits, start, end),
        mine=_project(base, [my_edit], start, end),
    )


def _project(base: str, side_edits: list[Edit], start: int, end: int) -> str:
    """base[start:end] as one side left it (the side's edits inside the stretch applied)."""
    inside = [
        (Edit(e.start - start, e.end - start, e.text), "mine")
        for e in side_edits
        if start <= e.start and e.end <= end
    ]
    return _apply(base[start:end], inside).text  # type: ignore[arg-type]


def touched_changes(base: str, theirs: str, final: str, language: str) -> list[str]:
    """Their changes (base -> theirs) that the final text undoes or alters, as theirs' words."""
    touched = []
    final_edits = edits(theirs, final, language)
    offset = 0
    for edit in edits(base, theirs, language):
        start = edit.start + offset  # where the change stands in theirs
        span = Edit(start, start + len(edit.text), edit.text)
        offset += len(edit.text) - (edit.end - edit.start)
        if any(_hits(f, span) for f in final_edits):
            touched.append(edit.text or base[edit.start : edit.end])
    return touched


def _hits(final_edit: Edit, span: Edit) -> bool:
    """Whether a later edit changes a stretch (or, for a deletion, the place it was)."""
    if span.start == span.end:  # their deletion: re-inserting text exactly there undoes it
        return final_edit.start == span.start and bool(final_edit.text)
    return final_edit.start < span.end and span.start < final_edit.end
