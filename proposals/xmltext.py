"""Characters that XML 1.0 cannot hold: refused at every way in, stripped from every export.

Word (DOCX) and Akoma Ntoso are XML, and lxml refuses such a character, so one stored control
character would break every export of a bill. Tab, line feed and carriage return are allowed
(line endings are the normaliser's business, not this module's). Lone surrogates are refused too:
no encoding can store them. This module lives in `proposals`, the bottom layer, so that both apps'
models can use it.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The complement of XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD]
# | [#x10000-#x10FFFF]).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def first_illegal(value: str) -> tuple[int, str] | None:
    """The position (from 1) and character of the first character XML cannot hold, or None."""
    match = XML_ILLEGAL.search(value)
    return None if match is None else (match.start() + 1, match.group())


def illegal_message(position: int, char: str) -> str:
    """Why the text is refused, naming the character and where it is."""
    return _(
        "The text contains a control character that documents cannot hold "
        "(U+%(code)04X at position %(position)d). Remove it and try again."
    ) % {"code": ord(char), "position": position}


@deconstructible
class XmlTextValidator:
    """Refuses text with a character XML 1.0 does not allow."""

    code = "xml_illegal_character"

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = first_illegal(value)
        if found is not None:
            raise ValidationError(illegal_message(*found), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, XmlTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_xml_text = XmlTextValidator()


def strip_illegal(value: str) -> tuple[str, int]:
    """The text without the characters XML cannot hold, and how many were removed."""
    return XML_ILLEGAL.subn("", value)


def guard_text_fields() -> None:
    """Add the validator to every CharField and TextField of every installed model.

    Run once when the apps are ready, so that a table added later is covered without a line of
    its own; the validator is not part of the fields' migration state (`field._validators`).
    """
    from django.apps import apps
    from django.db import models

    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and (
                validate_xml_text not in field.validators
            ):
                field.validators.append(validate_xml_text)


def clean_stored_rows(apps, app_label: str) -> int:
    """Strip characters XML cannot hold from every text column of an app's tables (a migration)."""
    from django.db import models

    total = 0
    for model in apps.get_app_config(app_label).get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._base_manager.values("pk", *names).iterator():
            changes = {}
            for name in names:
                if isinstance(row[name], str):
                    cleaned, count = strip_illegal(row[name])
                    if count:
                        changes[name] = cleaned
            if changes:
                model._base_manager.filter(pk=row["pk"]).update(**changes)
                total += 1
    return total
