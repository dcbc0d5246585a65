from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "drafting"
    verbose_name = _("Drafting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from drafting import (
            checks,  # noqa: F401 (registers the start-up checks)
            immutability,  # noqa: F401 (SQLite: the triggers' helper function)
        )
        from drafting.search.index import on_reference_changed
        from proposals.signals import reference_changed

        reference_changed.connect(on_reference_changed, dispatch_uid="drafting.search")
