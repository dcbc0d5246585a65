from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "drafting"
    verbose_name = _("Drafting")
    default_auto_field = "django.db.models.BigAutoField"
