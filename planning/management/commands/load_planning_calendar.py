"""Load the template planning calendar (planning/data/calendar_template.csv); safe to re-run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planning.calendar import CalendarError, fiscal_year_of, today
from planning.calendar_data import load_template


class Command(BaseCommand):
    help = ("Load the national template of planning cycles and milestones for --years fiscal "
            "years from --year (B.E.). Re-running updates the same milestones in place.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None,
                            help="First fiscal year (B.E.), e.g. 2569. Default: the current one.")
        # A cycle for year Y starts up to two calendar years before Y's money is spent, so the
        # pulse of today needs the cycles of this year and the next two.
        parser.add_argument("--years", type=int, default=3,
                            help="How many fiscal years to load (default 3).")

    def handle(self, *args: Any, year: int | None, years: int, **options: Any) -> None:
        year = year or fiscal_year_of(today())
        if not 2500 <= year <= 2700 or not 1 <= years <= 20:
            raise CommandError("--year is a B.E. fiscal year such as 2569; --years 1 to 20.")
        try:
            saved = load_template(year, years)
        except CalendarError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Loaded {saved} milestones for fiscal years {year}–{year + years - 1}.")
