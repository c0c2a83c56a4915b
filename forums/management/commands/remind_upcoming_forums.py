"""Remind people of forums starting soon; run it daily (cron or the task scheduler).

Each forum is announced once: a second run sends nothing for a forum already announced
(``Forum.reminded_at``), unless its date has changed since.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from forums.services import send_upcoming_forum_reminders


class Command(BaseCommand):
    help = "Notify people of the forums that start within the next few days (once per forum)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3,
                            help="Remind of forums starting within this many days (default 3).")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        sent = send_upcoming_forum_reminders(days)
        self.stdout.write(f"Reminded people of {sent} forum(s).")
