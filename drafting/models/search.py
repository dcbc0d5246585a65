"""The search index: one row per searchable thing, with its stored tokens (drafting.search)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill
from drafting.models.provisions import Provision
from drafting.models.review import Comment
from proposals.models import Article, Instrument, Obligation, Proposal


class SearchEntry(models.Model):
    """A searchable text; the engine's own index (tsvector or FTS5) is kept beside it by SQL."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("articles")
        INSTRUMENT = "instrument", _("instruments")
        OBLIGATION = "obligation", _("obligations")
        PROPOSAL = "proposal", _("proposals")
        PROVISION = "provision", _("provisions")
        COMMENT = "comment", _("comments")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    tokens = models.TextField(_("tokens"), blank=True)
    url = models.CharField(_("address"), max_length=600)
    binding = models.BooleanField(_("binding on China"), null=True)
    # Exactly the objects the entry stands for; deleting one deletes its entries.
    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, null=True, related_name="+")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, null=True, related_name="+"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, related_name="+")
    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, null=True, related_name="+"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, related_name="+")
    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, null=True, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["kind", "bill"], name="search_kind_bill")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
