from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Household evidence")

    def ready(self) -> None:
        from evidence import checks  # noqa: F401  (registers the deploy check on the keys)
