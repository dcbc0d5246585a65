"""The base of every form that takes text: characters no document can hold are refused."""

from django import forms

from proposals.xmltext import validate_xml_text


class TextForm(forms.Form):
    """A form whose text fields refuse characters XML 1.0 does not allow (tab and newline stay)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators = [*field.validators, validate_xml_text]
