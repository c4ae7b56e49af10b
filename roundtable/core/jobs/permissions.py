"""Who may follow a job: the person who started it, and the RTP Secretariat (who answer for the platform)."""

from __future__ import annotations

from roundtable.core.permissions import is_logged_in, is_rtp_secretariat

from .models import Job


def can_see_job(user, job: Job) -> bool:
    if not is_logged_in(user):
        return False
    return job.started_by_id == user.pk or is_rtp_secretariat(user)
