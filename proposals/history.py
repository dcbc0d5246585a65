"""Reference data about a statute's own text: its cross-reference graph and its amendment history.

Both are derived (the graph from the articles' text, the history from the NPC's 修正案 texts) and
rebuilt whole by the drafting app's import commands; proposals only stores and reads them.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proposals.models.articles import Article
from proposals.models.instruments import Instrument
from proposals.numerals import article_label_zh, paragraph_label_zh, to_chinese

# What an amendment item did to an article (the operations of drafting.operations, as history).
OPERATION_LABELS = {
    "replace_article": _("article amended"),
    "replace_paragraphs": _("paragraphs amended"),
    "insert_articles": _("article added"),
    "insert_paragraph": _("paragraphs added"),
    "repeal_article": _("article deleted"),
    "repeal_paragraphs": _("paragraphs deleted"),
}
OPERATIONS = tuple(OPERATION_LABELS)


class CrossReferenceQuerySet(models.QuerySet):
    def for_article_page(self) -> "CrossReferenceQuerySet":
        return self.select_related("source", "target").order_by(
            "source__number", "source__sub", "paragraph", "start"
        )


class CrossReference(models.Model):
    """One citation in a paragraph of an article, and one thing it points at (a row per target)."""

    source = models.ForeignKey(
        Article,
        verbose_name=_("citing article"),
        on_delete=models.CASCADE,
        related_name="references_out",
    )
    paragraph = models.PositiveSmallIntegerField(_("paragraph"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.CharField(_("words cited"), max_length=200)
    target = models.ForeignKey(
        Article,
        verbose_name=_("article cited"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="references_in",
    )
    target_paragraph = models.PositiveSmallIntegerField(_("paragraph cited"), null=True, blank=True)
    target_item = models.PositiveSmallIntegerField(_("item cited"), null=True, blank=True)
    external_title = models.CharField(_("other law"), max_length=200, blank=True)
    applies = models.BooleanField(
        _("applies the rule cited"),
        default=False,
        help_text=_("依照/按照/适用…的规定: the citing article applies the cited rule."),
    )
    problem = models.CharField(_("unresolved"), max_length=300, blank=True)

    objects = CrossReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["source", "paragraph", "start"]
        verbose_name = _("cross-reference")
        verbose_name_plural = _("cross-references")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="xref_span"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ¶{self.paragraph}: {self.text}"

    @property
    def target_label(self) -> str:
        """第一百五十二条第二款第三项, or the words themselves when nothing is resolved."""
        if self.target is None:
            return self.text
        label = article_label_zh(self.target.number, self.target.sub)
        if self.target_paragraph:
            label += paragraph_label_zh(self.target_paragraph)
        if self.target_item:
            label += f"第{to_chinese(self.target_item)}项"
        return label

    @property
    def where_label(self) -> str:
        """Where the citation stands: 第一百五十二条第三款."""
        return article_label_zh(self.source.number, self.source.sub) + paragraph_label_zh(
            self.paragraph
        )


class Amendment(models.Model):
    """An enacted amending act of a law (刑法修正案（九）), imported from its official text."""

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("law amended"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force on"), null=True, blank=True)
    text_zh = models.TextField(_("text (Chinese)"))
    slips = models.JSONField(_("slips of the official text"), default=list, blank=True)

    class Meta:
        ordering = ["instrument", "adopted_on", "title_zh"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "title_zh"], name="amendment_unique"),
        ]

    def __str__(self) -> str:
        return self.title_zh


class ArticleChangeQuerySet(models.QuerySet):
    def for_history(self) -> "ArticleChangeQuerySet":
        return self.select_related("amendment").order_by(
            "amendment__in_force_on", "amendment__adopted_on", "item", "clause"
        )


class ArticleChange(models.Model):
    """What one item of an amendment did to one article: the article's history, row by row."""

    amendment = models.ForeignKey(
        Amendment,
        verbose_name=_("amendment"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    item = models.PositiveSmallIntegerField(_("item"))
    clause = models.PositiveSmallIntegerField(_("clause"), default=0)
    operation = models.CharField(_("operation"), max_length=20)
    number = models.PositiveIntegerField(_("article number"))
    sub = models.PositiveSmallIntegerField(_("之N suffix"), default=0)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    paragraphs = models.JSONField(_("paragraphs"), default=list, blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)

    objects = ArticleChangeQuerySet.as_manager()

    class Meta:
        ordering = ["amendment", "item", "clause", "number", "sub"]
        verbose_name = _("article change")
        verbose_name_plural = _("article changes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "item", "clause", "number", "sub"],
                name="article_change_unique",
            ),
            models.CheckConstraint(
                condition=Q(operation__in=OPERATIONS), name="article_change_operation_valid"
            ),
            models.CheckConstraint(condition=Q(item__gte=1), name="article_change_item_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amendment} item {self.item}: {self.label}"

    @property
    def label(self) -> str:
        return article_label_zh(self.number, self.sub)

    @property
    def description(self) -> str:
        """'paragraphs amended: 第二款' — the operation and the paragraphs it names."""
        text = str(OPERATION_LABELS.get(self.operation, self.operation))
        if self.paragraphs:
            text += "：" + "、".join(paragraph_label_zh(n) for n in self.paragraphs)
        return text
