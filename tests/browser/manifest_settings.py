"""The browser checks' site with production static files: collected, hashed names
(ManifestStaticFilesStorage through WhiteNoise, as in production), DEBUG off.

STATIC_ROOT comes from the environment (cms.settings.base); run collectstatic first.
"""

from cms.settings.test import *  # noqa: F403

DEBUG = False
STORAGES["staticfiles"]["BACKEND"] = "cms.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
