"""Form fields shared by the browser pages."""

from django import forms

from drafting.text.normalize import normalize_newlines


class LegalTextField(forms.CharField):
    """Legal text from a textarea: CRLF and CR become LF before any limit is counted; no trimming."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalize_newlines(super().to_python(value))
