"""Rendered exports kept by content: one file per (bill, document, format, options) slot."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill


class ExportFile(models.Model):
    """The last rendering of a slot; `etag` is the fingerprint of the bill state it was made from."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="+"
    )
    slot = models.CharField(_("slot"), max_length=200)
    etag = models.CharField(_("ETag"), max_length=64)
    content = models.BinaryField(_("content"))
    content_type = models.CharField(_("content type"), max_length=100)
    filename = models.CharField(_("file name"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("cached export")
        verbose_name_plural = _("cached exports")
        constraints = [
            models.UniqueConstraint(fields=["bill", "slot"], name="export_file_one_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.slot} {self.etag[:12]}"
