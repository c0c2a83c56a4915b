"""``record()``: the one way to write to the audit log."""

from __future__ import annotations

from typing import Any

from audit.models import AuditEvent


def record(actor: Any, action: str, *, object_type: str, object_label: str,
           organisation_id: int | None = None, reason: str = "",
           detail: dict[str, Any] | None = None) -> AuditEvent:
    authenticated = getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.email if authenticated else "system"),
        action=action, object_type=object_type, object_label=object_label,
        organisation_id=organisation_id, reason=reason[:500], detail=detail or {},
    )


def record_many(actor: Any, action: str, *, object_type: str, labels: list[str],
                organisation_id: int | None = None, reason: str = "",
                detail: dict[str, Any] | None = None) -> int:
    """One event per record (e.g. an export of 3,000 households): each stays findable."""
    authenticated = getattr(actor, "is_authenticated", False)
    events = [AuditEvent(actor=actor if authenticated else None,
                         actor_label=(actor.email if authenticated else "system"),
                         action=action, object_type=object_type, object_label=label,
                         organisation_id=organisation_id, reason=reason[:500],
                         detail=detail or {}) for label in labels]
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)
