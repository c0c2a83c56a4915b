"""Send the daily or weekly digest of notifications.

Run it from the scheduler of the deployment, e.g. cron::

    0 7 * * *  manage.py send_digests --period daily
    0 7 * * 1  manage.py send_digests --period weekly

Running it twice sends nothing the second time: each notification is sent once per channel.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from notifications.delivery import send_digests
from notifications.models import Frequency


class Command(BaseCommand):
    help = "Send one digest to each person who chose a daily or weekly summary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True,
                            choices=[Frequency.DAILY.value, Frequency.WEEKLY.value],
                            help="Whose digests to send: those who chose daily or weekly.")

    def handle(self, *args: Any, period: str, **options: Any) -> None:
        sent = send_digests(period)
        summary = ", ".join(f"{count} by {channel}" for channel, count in sorted(sent.items()))
        self.stdout.write(f"{period} digests sent: {summary or 'none'}")
