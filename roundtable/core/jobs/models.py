from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import Localized


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """One run of background work (e.g. the invitations to a meeting), as its starter sees it.

    The task it runs is recorded (`task_path`, `task_kwargs`) so that a failed job can be queued again:
    the task skips what an earlier run finished (its `JobItem`s).
    """

    Status = JobStatus

    kind = models.CharField(_("kind"), max_length=60)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    message = models.TextField(_("message"), blank=True)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    # Where the person goes back to when the job is done (a path in the starter's language).
    return_path = models.CharField(_("return path"), max_length=500, blank=True)
    task_path = models.CharField(_("task"), max_length=200)
    task_kwargs = models.JSONField(_("task arguments"), default=dict, blank=True)
    # The address of the request that started the job: its emails' links, when SITE_URL is not set.
    origin = models.CharField(_("address"), max_length=200, blank=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    title = Localized("title")

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="core_job_status_valid"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(status__in=[JobStatus.DONE, JobStatus.FAILED]),
                name="core_job_finished_only_when_done_or_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class JobItem(models.Model):
    """One unit of a job that is finished (e.g. the email to one participant): a re-run skips it."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=200)
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="core_jobitem_once_per_job")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.key}"
