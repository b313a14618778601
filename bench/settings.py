"""The production settings, plus the bare view the HTTP benchmark measures pages against."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
