from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from evidence.crypto import generate_key


class Command(BaseCommand):
    help = ("Print a new entry for KLANG_EVIDENCE_KEYS (id:key). Put it first in the setting, "
            "keep the old keys after it, then run rotate_evidence_keys.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--id", default="", help="Key id (default: k and today's date).")

    def handle(self, *args: Any, id: str = "", **options: Any) -> None:  # noqa: A002
        key_id = id or f"k{timezone.localdate():%Y%m%d}"
        if ":" in key_id or "," in key_id:
            from django.core.management.base import CommandError

            raise CommandError("A key id cannot hold ':' or ','.")
        self.stdout.write(f"{key_id}:{generate_key()}")
