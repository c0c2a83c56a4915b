"""Background work (django-tasks): in-process by default, a database queue in production."""

from __future__ import annotations

from django_tasks import task

from notifications import delivery


@task()
def deliver_notifications(notification_ids: list[int]) -> dict[str, int]:
    """Send these notifications by e-mail and LINE to the people who want them at once."""
    return delivery.deliver(notification_ids)


@task()
def send_digests(period: str) -> dict[str, int]:
    """The daily or weekly digest (for a scheduler that enqueues tasks instead of running
    ``manage.py send_digests``)."""
    return delivery.send_digests(period)
