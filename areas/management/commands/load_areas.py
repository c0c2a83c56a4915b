from typing import Any

from django.core.management.base import BaseCommand

from areas.loader import load_areas


class Command(BaseCommand):
    help = "Load Thailand's planning areas (nation to sub-district) and abolished codes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Reload even if up to date.")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        result = load_areas(force=force, progress=lambda line: self.stdout.write(f"  {line}"))
        if result.skipped:
            self.stdout.write("Areas are up to date.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Areas loaded: {result.created} new, {result.updated} updated, "
                f"{result.aliases} abolished codes kept as aliases."
            ))
