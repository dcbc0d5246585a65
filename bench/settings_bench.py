"""Settings for bench/api.py: the project's settings plus a URLconf with a bare DRF view."""

from drafting.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
