"""Forms of the provision page: comments, replies, workflow moves and the drafter's edit form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from drafting.models import Comment, Provision, Revision
from drafting.text.anchoring import CONTEXT, Anchor, AnchorError
from drafting.web.fields import LegalTextField
from drafting.web.forms_text import TextForm


class CommentForm(TextForm):
    """A new thread on exact words: offsets from the browser, or pasted words without JavaScript."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the words"), choices=Comment.Language)
    exact = forms.CharField(
        label=_("The exact words you mean"),
        strip=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy them from the text; the first place they stand is used."),
    )
    prefix = forms.CharField(
        required=False, strip=False, max_length=CONTEXT * 2, widget=forms.HiddenInput
    )
    suffix = forms.CharField(
        required=False, strip=False, max_length=CONTEXT * 2, widget=forms.HiddenInput
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Comment"),
        max_length=settings.MAX_COMMENT_BODY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown: *emphasis*, **strong**, lists, links."),
    )
    has_suggestion = forms.BooleanField(label=_("Suggest replacement words"), required=False)
    suggestion = LegalTextField(
        label=_("Replacement words"),
        required=False,
        strip=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to suggest deleting the words."),
    )

    def __init__(self, *args, provision: Provision, **kwargs):
        self.provision = provision
        super().__init__(*args, **kwargs)

    def clean_revision(self) -> Revision:
        revision = Revision.objects.filter(
            pk=self.cleaned_data["revision"], provision=self.provision
        ).first()
        if revision is None:
            raise ValidationError(_("That revision does not belong to this provision."))
        return revision

    def clean(self) -> dict:
        data = super().clean()
        revision, language, exact = data.get("revision"), data.get("language"), data.get("exact")
        if not (revision and language and exact):
            return data
        text = revision.text_zh if language == Comment.Language.ZH else revision.text_en
        start, end = data.get("start"), data.get("end")
        try:
            if start is None or end is None:
                anchor = Anchor.locate(text, exact, language=language)
            else:
                anchor = Anchor(
                    language=language,
                    exact=exact,
                    prefix=data.get("prefix") or "",
                    suffix=data.get("suffix") or "",
                    start=start,
                    end=end,
                )
                anchor.check(text)
        except AnchorError:
            raise ValidationError(
                {"exact": _("These words are not in the text of this revision.")}
            ) from None
        data["anchor"] = anchor
        return data

    @property
    def suggestion_value(self) -> str | None:
        """The suggested words, or None when the comment suggests nothing."""
        if not self.cleaned_data.get("has_suggestion"):
            return None
        return self.cleaned_data.get("suggestion") or ""


class ReplyForm(TextForm):
    body = forms.CharField(
        label=_("Reply"),
        max_length=settings.MAX_COMMENT_BODY,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(TextForm):
    to_status = forms.ChoiceField(choices=Provision.Status)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=settings.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(TextForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=settings.MAX_NOTE)


class RevisionForm(TextForm):
    """New text for a provision, saved on top of the revision the drafter started from."""

    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # After a conflict: the revision the drafter first started from, to check what the final
    # text does to the changes saved since (dropping one needs confirm_drop).
    merge_base = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm_drop = forms.BooleanField(
        label=_("Yes, my text drops or changes my colleague's changes listed above"),
        required=False,
    )
    text_zh = LegalTextField(
        label=_("Text (Chinese)"),
        required=False,
        strip=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "zh-Hans"}),
    )
    text_en = LegalTextField(
        label=_("Working translation (English)"),
        required=False,
        strip=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "en"}),
    )
    note = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=settings.MAX_NOTE,
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def __init__(self, *args, provision: Provision, **kwargs):
        self.provision = provision
        super().__init__(*args, **kwargs)

    def _own_revision(self, name: str) -> Revision | None:
        """The revision the field names, which must belong to this provision."""
        pk = self.cleaned_data[name]
        if pk is None:
            return None
        revision = Revision.objects.filter(pk=pk, provision=self.provision).first()
        if revision is None:
            raise ValidationError(_("That revision does not belong to this provision."))
        return revision

    def clean_base_revision(self) -> Revision | None:
        return self._own_revision("base_revision")

    def clean_merge_base(self) -> Revision | None:
        return self._own_revision("merge_base")

    def clean_text_zh(self) -> str:
        text = self.cleaned_data["text_zh"]
        if self.provision.has_text and not text.strip():
            raise ValidationError(_("The Chinese text is required."))
        return text
