"""Long work done in the background (a large export, a whole-statute import) and its progress."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill


class BackgroundJob(models.Model):
    """One piece of long work a user asked for: what, for whom, how far it got, how it ended.

    The task (django.tasks) does the work and writes its progress here; the progress page reads it.
    An export's file goes to the export cache (ExportFile), an import's result is the new bill.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("document")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("working")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Step(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        LOADING = "loading", _("Reading the bill")
        BUILDING = "building", _("Putting the document together")
        RENDERING = "rendering", _("Typesetting")
        STORING = "storing", _("Keeping the file")
        PARSING = "parsing", _("Reading the text")
        SAVING = "saving", _("Making the bill")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    bill = models.ForeignKey(
        Bill,
        verbose_name=_("bill"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    slot = models.CharField(_("slot"), max_length=200, blank=True)
    etag = models.CharField(_("ETag"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, default=Step.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    # The import's warnings when done, its reasons when refused (in the language of whoever asked).
    messages = models.JSONField(_("messages"), default=list, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bill", "slot", "etag"], name="job_bill_slot_etag")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slot or ''} {self.status}".strip()

    def get_absolute_url(self) -> str:
        return reverse("drafting:job", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
