from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Reference data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from proposals.xmltext import guard_text_fields

        guard_text_fields()  # every model is loaded before any ready() runs
        from proposals.edition import watch_reference_models

        watch_reference_models()
