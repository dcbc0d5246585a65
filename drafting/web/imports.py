"""Start a bill from a 修正案 text: pasted, or read from a .txt, .md or .docx file (not stored)."""

import io
import zipfile

import rules
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from drafting import services, tasks
from drafting.web.common import login_required
from proposals.models import Instrument

MAX_FILE = 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file, one per line; ValidationError if it is not one."""
    from docx import Document  # python-docx; imported here, only this page needs it

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValidationError(_("The file is not a Word (.docx) document.")) from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def file_text(upload) -> str:
    """Text of an uploaded .txt, .md (UTF-8) or .docx file, read in memory and never kept."""
    if upload.size > MAX_FILE:
        raise ValidationError(_("The file is larger than 1 MB."))
    name = upload.name.lower()
    data = upload.read()
    if name.endswith(".docx"):
        return docx_text(data)
    if not name.endswith(TEXT_SUFFIXES):
        raise ValidationError(_("Give a .txt, .md or .docx file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error


class AmendmentImportForm(forms.Form):
    target_instrument = forms.ModelChoiceField(
        label=gettext_lazy("Law amended"),
        queryset=Instrument.objects.filter(kind=Instrument.Kind.PRC_LAW),
        to_field_name="code",
    )
    title_zh = forms.CharField(
        label=gettext_lazy("Title (Chinese)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to use the text's own title."),
    )
    title_en = forms.CharField(
        label=gettext_lazy("Title (English)"), max_length=200, required=False
    )
    text = forms.CharField(
        label=gettext_lazy("修正案 text"),
        widget=forms.Textarea(attrs={"rows": 16, "lang": "zh-Hans"}),
        required=False,
        strip=False,
    )
    file = forms.FileField(
        label=gettext_lazy("or a file (.txt, .md, .docx)"),
        required=False,
        help_text=gettext_lazy("Read once to make the bill; the file is not stored."),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                data["text"] = file_text(upload)
            except ValidationError as error:
                self.add_error("file", error)
        elif not (data.get("text") or "").strip():
            self.add_error("text", _("Paste the text or choose a file."))
        return data


def _import_in_background(request: HttpRequest, form, fields: dict) -> HttpResponse:
    """A long text is imported by a task; the user follows it on the job's page."""
    params = fields | {
        "target_instrument": form.cleaned_data["target_instrument"].code,
        "language": get_language(),
    }
    job = services.job_import_start(actor=request.user, params=params)
    tasks.start(tasks.import_amendment, job)
    return redirect(job)


@login_required
def bill_import(request: HttpRequest) -> HttpResponse:
    """GET the form; POST makes the bill (all items or none) and opens it."""
    if not rules.has_perm("drafting.create_bill", request.user):
        raise PermissionDenied
    initial = {"target_instrument": "PRC-CL"}
    form = AmendmentImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("text", "title_zh", "title_en")}
        if len(fields["text"]) >= settings.BACKGROUND_IMPORT_CHARS:
            return _import_in_background(request, form, fields)
        try:
            bill, warnings = services.bill_import_amendment(
                actor=request.user,
                target_instrument=form.cleaned_data["target_instrument"],
                **fields,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The bill was made from %d items.") % bill.provisions.count()
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(bill.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "drafting/bill_import.html", {"form": form}, status=status)
