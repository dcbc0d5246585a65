"""The annexes of a statute (附件一, 附件二), kept beside its articles because articles cite them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.models.instruments import Instrument


class Annex(models.Model):
    """An annex of a statute (附件一, 附件二), which its articles may cite (Criminal Law art. 452)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="annexes"
    )
    label = models.CharField(_("label"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_zh = models.TextField(_("text (Chinese)"), help_text=_("One line per entry."))

    class Meta:
        ordering = ["instrument", "position"]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "label"], name="annex_unique_label"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.label}"

    @property
    def lines(self) -> list[str]:
        return self.text_zh.split("\n")
