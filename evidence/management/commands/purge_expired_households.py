from typing import Any

from django.core.management.base import BaseCommand

from evidence.privacy import expired, purge_expired


class Command(BaseCommand):
    help = ("Delete household records older than their survey's retention period (run it "
            "daily). Each purged household leaves a 'purge' event in the audit log.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Only count the households that would be purged.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if dry_run:
            self.stdout.write(f"{expired().count()} household(s) are past their retention "
                              "period.")
            return
        purged = purge_expired()
        self.stdout.write(self.style.SUCCESS(f"Purged {purged} household(s)."))
