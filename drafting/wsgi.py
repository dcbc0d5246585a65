"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
application = get_wsgi_application()

from drafting.checks import refuse_insecure_start  # noqa: E402 (needs settings loaded)

refuse_insecure_start()
