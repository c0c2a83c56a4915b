from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.demo import DEMO_PASSWORD, demo_email, load_demo


class Command(BaseCommand):
    help = (
        "Load the Lamphun demo (seed 000): about 25 fictional organisations, three demo "
        "villages, one login per role, and the story of the forum of 24 July 2568 from its "
        "needs to a funded pilot. Safe to run again. Loads the areas first if needed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        from accounts.models import Role

        result = load_demo(progress=lambda line: self.stdout.write(f"  {line}"))
        if result.changed:
            made = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded (DEMO, fictional): {made}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")

        labels = dict(Role.choices) | {"citizen": _("Citizen (no role granted)")}
        rows = [(str(labels[login.role]), demo_email(login.local_part), login.can)
                for login in result.logins]
        role_w = max(len(r[0]) for r in rows)
        mail_w = max(len(r[1]) for r in rows)
        self.stdout.write("")
        self.stdout.write(f"Demo logins — password for every one: {DEMO_PASSWORD}")
        self.stdout.write(f"{'role':<{role_w}}  {'e-mail':<{mail_w}}  ทำอะไรได้ (what they can do)")
        self.stdout.write(f"{'-' * role_w}  {'-' * mail_w}  {'-' * 30}")
        for role, email, can in rows:
            self.stdout.write(f"{role:<{role_w}}  {email:<{mail_w}}  {can}")
