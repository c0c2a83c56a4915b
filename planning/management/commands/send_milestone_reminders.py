"""Remind followers of an area's planning pulse before each milestone; run it daily.

Each person hears of a milestone once (``MilestoneReminder``), however often this runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from planning.reminders import send_milestone_reminders


class Command(BaseCommand):
    help = "Notify followers of milestones starting within their chosen number of days (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_milestone_reminders()
        self.stdout.write(f"Sent {sent} milestone reminder(s).")
