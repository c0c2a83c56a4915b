from typing import Any

from django.core.management.base import BaseCommand, CommandError

from evidence import crypto
from evidence.privacy import rotate_keys


class Command(BaseCommand):
    help = ("Re-encrypt every household identity and quarantined row under the first key of "
            "KLANG_EVIDENCE_KEYS. Put the new key first and keep the old ones after it until "
            "this has run; then the old keys can be removed.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500,
                            help="Records re-encrypted per database round trip.")

    def handle(self, *args: Any, batch_size: int = 500, **options: Any) -> None:
        try:
            counts = rotate_keys(batch_size=batch_size)
        except crypto.DecryptionError as error:
            raise CommandError(
                f"A record does not open with any configured key ({error}). Keep every old "
                "key in KLANG_EVIDENCE_KEYS, after the new one, until rotation has run. "
                "Records already re-encrypted stay so; run the command again.") from error
        self.stdout.write(self.style.SUCCESS(
            f"Re-encrypted under key {crypto.current_key_id()!r}: "
            f"{counts['households']} household(s), "
            f"{counts['quarantined_rows']} quarantined row(s)."))
