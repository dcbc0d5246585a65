"""Articles of an instrument and their paragraphs."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proposals.models.instruments import Instrument
from proposals.numerals import article_label_zh


class ArticleQuerySet(models.QuerySet):
    def with_paragraphs(self) -> "ArticleQuerySet":
        return self.select_related("instrument").prefetch_related("paragraphs")


class Article(models.Model):
    """An article of an instrument; PRC articles carry their official text in paragraphs (款)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveIntegerField(_("number"))
    sub = models.PositiveSmallIntegerField(
        _("之N suffix"), default=0, help_text=_("2 for 第二百八十七条之二; 0 for none.")
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("How the article is cited, if not 第…条."),
    )
    heading_zh = models.CharField(_("division (Chinese)"), max_length=300, blank=True)
    heading_en = models.CharField(_("heading (English)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "number", "sub"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number", "sub"], name="article_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.citation}"

    @property
    def citation(self) -> str:
        """第二百八十七条之一 for PRC law; the stored label (e.g. "art. 9") elsewhere."""
        return self.label or article_label_zh(self.number, self.sub)

    @property
    def dotted(self) -> str:
        """287-1 style reference used in URLs and data files."""
        return f"{self.number}-{self.sub}" if self.sub else str(self.number)

    @property
    def text_zh(self) -> str:
        return "\n".join(p.text_zh for p in self.paragraphs.all())

    @property
    def text_en(self) -> str:
        return "\n".join(p.text_en for p in self.paragraphs.all() if p.text_en)


class Paragraph(models.Model):
    """One paragraph (款) of an article; its items (项) stay inside it, one per line."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="paragraph_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="paragraph_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.article} ¶{self.number}"
