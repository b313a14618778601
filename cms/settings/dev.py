"""Local development: DEBUG on, a literal key that is never used in production."""

from .base import *  # noqa: F403

DEBUG = True
SERVE_IMAGES = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The benchmarks' commands (synthetic_pages, bench_search, bench_import; `make bench`).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
