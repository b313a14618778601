"""The production settings, plus the bare view the HTTP benchmark measures pages against."""

import os

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
# The address the benchmark's server answers on (plain HTTP on the loopback), so that
# canonical and hreflang links point at the pages Lighthouse audits.
PUBLIC_BASE_URL = os.environ.get("BENCH_PUBLIC_BASE_URL", PUBLIC_BASE_URL)  # noqa: F405
