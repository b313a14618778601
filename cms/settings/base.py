"""Settings shared by every environment; safe for production (no secrets, DEBUG off).

Everything that differs between machines comes from the environment.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "home.translation",
    "home.two_factor",
    "home.visits",
    "news",
    "library",
    "publications",
    "providers",
    "search",
    "community",
    "cms",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales (same app label)
    "wagtailgeowidget",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "allauth",
    "allauth.account",  # the "background" task queue (TASKS below)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.CompressionMiddleware",  # gzip for text; cached pages come compressed
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304, cached pages' too
    "home.page_cache.PageCacheMiddleware",  # anonymous pages from the shared cache
    "cms.middleware.SecurityHeadersMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, plus the admin's policy
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "home.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.translation.permissions.TranslationLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: answers a locked-out login with the lock-out page (AXES_* below).
    "axes.middleware.AxesMiddleware",
]

# First: refuses a locked-out login before any backend checks the password. AxesBackend
# (not the standalone one) also answers get_user(), which the session and tests rely on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # members sign in by e-mail
]
# Guessing passwords: after 5 failures for one username from one address, that pair is
# refused for 30 minutes, on the admin login and the front-end login alike. Behind a
# proxy, TRUSTED_PROXY_COUNT (usually 1) lets the client's own address count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# How many proxies of ours stand in front of the site (1 behind one nginx); their
# X-Forwarded-For entries are believed, nothing a client adds (home.client).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "home.client.client_address"

# Two-step verification (home.two_factor): an authenticator app plus recovery codes,
# available to every staff account. Where required (production), moderators,
# administrators and whoever manages accounts must set it up before using the admin.
# Wrong codes are throttled per device: each failure doubles the wait (1 s, 2 s, 4 s…).
TWO_FACTOR_REQUIRED = os.environ.get("TWO_FACTOR_REQUIRED", "false").lower() == "true"
TWO_FACTOR_PROTECTED_PREFIXES = ["/admin/", "/django-admin/"]
OTP_TOTP_ISSUER = "Regional Network for Social Cohesion"

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite (development, the tests' served site) has writers in several threads and in the
    # task worker. A transaction that read first and then writes is refused at once
    # ("database is locked") when another writes meanwhile, whatever the timeout; saving a
    # page half-way then leaves it without its revision. So a transaction takes the write
    # lock as it starts, waiting for it up to 20 s; with WAL, reads never wait for a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: Redis in production (CACHE_URL=redis://…); a folder (file:///path) when
# several local processes must agree, as the development server and its worker do.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://")):
    CACHES["default"] = {
        "BACKEND": "cms.cache.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }
elif os.environ.get("CACHE_URL", "").startswith("file://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["CACHE_URL"].removeprefix("file://"),
        # Django culls a third of the files past 300: the page cache keeps more than that.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }

# Anonymous pages from the shared cache, purged by what they show (home.page_cache).
# SECONDS bounds an entry's life in the site's cache (the footer's visit counter is at
# most that old); SHARED_SECONDS is the s-maxage a CDN or proxy in front may keep a page.
PAGE_CACHE = {
    "ENABLED": os.environ.get("PAGE_CACHE", "on").lower() not in ("off", "0", "false"),
    "SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", 10 * 60)),
    "SHARED_SECONDS": int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", 5 * 60)),
    "MAX_BYTES": 4 * 1024 * 1024,
}

# A CDN in front, purged when pages are published (home.purging), from the environment:
# Cloudflare (CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN), CloudFront
# (CLOUDFRONT_DISTRIBUTION_ID; needs boto3) or an HTTP PURGE to Varnish (FRONTEND_PURGE_URL).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("FRONTEND_PURGE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_PURGE_URL"],
    }
# Each language's addresses are its own (slugs are translated): purge what is named.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bulgarian is the default and usual source language.
LANGUAGE_CODE = "bg"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("bg", "Български"),
    ("ro", "Română"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Sofia"
USE_TZ = True
# Dates and numbers as each language writes them (cms/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["cms.formats"]
# The footer's visit count starts here: the date the old site's counter counted from.
VISITS_SINCE = datetime.date(2017, 2, 12)

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet and its clustering plugin come from pinned XStatic packages, not a CDN.
    ("xstatic/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("xstatic/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Images (never documents) straight from MEDIA_ROOT by the site itself: in development and on
# the browser checks' site. In production the proxy or the bucket serves them (README).
SERVE_IMAGES = False
# Web workers hand back to the system the memory a heavy request used (cms/memory.py): on in
# production (gunicorn's single-threaded workers), not under the threaded development server.
TRIM_WORKER_MEMORY = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers. HTTPS-only settings live in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# The public site runs no inline script or style. The admin has a policy of its own below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# The Wagtail and Django admins have their own policy (cms.middleware), as strict as
# Wagtail 8 allows; tests/browser/test_admin_csp.py measures it on the admin's screens.
# Each relaxation against the public policy, and why:
# - script-src 'unsafe-inline': Wagtail renders inline <script> blocks that must run and
#   carry no nonce: date and time widgets, InlinePanel, listing filters, wagtail-localize's
#   editor, and the HTML fragments its modals and uploads insert. No 'unsafe-eval'.
# - script-src-attr 'none': inline event handlers (onclick=…) stay refused; the admin
#   has none. Only Jcrop (image focal point) tries one, to detect touch screens; that
#   probe fails harmlessly.
# - style-src 'unsafe-inline': the rich-text editor, its tooltips and wagtail-localize's
#   editor add <style> elements while they run.
# - img-src data: blob:: an image inlined in Wagtail's CSS (the tag fields' suggestion
#   menu) and the preview of an image before its upload; plus the map tile server
#   (MAP_TILE_URL, added below) for the provider map widget.
# - connect-src: the geocoder of the provider address field (MAP_GEOCODER, added below);
#   everything else the admin fetches is its own.
# - frame-src 'self': the editor's live preview is an iframe of an admin address.
# - frame-ancestors: 'self' only on the views Wagtail lets its own editor frame (the
#   preview; they send X-Frame-Options: SAMEORIGIN), 'none' everywhere else.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Regional Network for Social Cohesion"
# The front-end sign-in, in the visitor's language (members' pages, restricted pages,
# private documents): allauth's, with e-mail verification and the lock-out. Admin views
# refuse with Wagtail's own "permission denied" message instead.
LOGIN_URL = WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# The site's one public address (scheme and host, no trailing slash): every absolute URL
# it gives out (feeds, sitemap, structured data, canonical links, e-mails) starts with it,
# whatever host a request came in on (home.utils.public_url).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "simple",
    }
}
if os.environ.get("SEARCH_URL"):
    # Scale-out: Elasticsearch or OpenSearch with per-language analyzers (search.cluster).
    from search.cluster import backend_settings

    WAGTAILSEARCH_BACKENDS["default"] = backend_settings(
        os.environ["SEARCH_URL"], os.environ.get("SEARCH_ENGINE", "opensearch3")
    )
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "epub"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.SafeDocumentForm"
# Documents always go through Wagtail's view (privacy checks, nosniff), never from disk.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSNIPPETS_MENU_SHOW_ALL = False
# No avatars from gravatar.com: the admin makes no requests to third parties.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor to releases.wagtail.org (the upgrade notice): updates come through requirements/.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# wagtail-localize
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A new translation is a draft in the source language until a moderator publishes it:
# otherwise wagtail-localize publishes it at once when the source is live, and /ro/
# would list Bulgarian text (Mozilla's bedrock turns it off for the same reason).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}

# Background tasks (django-tasks). "default" takes Wagtail's own tasks — search and
# reference index updates, focal points, file deletion — one small task per saved object:
# they stay immediate, so the admin sees their effect at once and nothing depends on a
# worker. "background" is a database queue for the long jobs (provider imports of more
# than a few hundred rows, search rebuilds queued with --background); the worker
# `manage.py db_worker --backend background` runs them (README "Background tasks").
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Machine pre-translation is off unless configured: MACHINE_TRANSLATOR=deepl (DEEPL_AUTH_KEY)
# or libretranslate (LIBRETRANSLATE_URL, optional LIBRETRANSLATE_API_KEY).
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "").lower()
if MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ.get("DEEPL_AUTH_KEY", "")},
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ.get("LIBRETRANSLATE_URL", ""),
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }

SITE_NAME = _("Regional Network for Social Cohesion")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Maps: tiles and geocoder come from settings. The maps draw the site's own base layer
# (providers/static/providers/base-layer.geojson); tiles are laid over it only when
# MAP_TILE_URL names a tile server (OpenStreetMap's tile policy asks sites not to use its own).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION, "maxZoom": 18}
MAP_GEOCODER = os.environ.get("MAP_GEOCODER", "nominatim")  # wagtailgeowidget.geocoders
GEO_WIDGET_EMPTY_LOCATION = True
GEO_WIDGET_DEFAULT_LOCATION = {"lat": 43.9, "lng": 25.6}  # the Danube between Ruse and Giurgiu
GEO_WIDGET_ZOOM = 7


def _tile_origin(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


if _tile_origin(MAP_TILE_URL):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_origin(MAP_TILE_URL))
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_origin(MAP_TILE_URL))
# The address field's geocoder runs in the editor's browser. Google's geocoders load
# Google's scripts, which the admin policy does not allow.
_GEOCODER_ORIGINS = {
    "nominatim": "https://nominatim.openstreetmap.org",
    "mapbox": "https://api.mapbox.com",
}
if MAP_GEOCODER in _GEOCODER_ORIGINS:
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"].append(
        _GEOCODER_ORIGINS[MAP_GEOCODER]
    )

# Members' accounts (django-allauth). Anyone may apply for the community of practice:
# sign-up with e-mail, password and profile (community.account_forms), e-mail verified
# before anything else, then a moderator decides (community.Member, "pending" until then).
# Members sign in by e-mail and are never staff (community.adapter).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account; a new one replaces it only once verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_ADAPTER = "community.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "community.account_forms.MemberSignupForm"}
ACCOUNT_USER_DISPLAY = "community.adapter.user_display"  # the full name, not a username
# A field people never see; a robot that fills it in gets "check your e-mail" and no account.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "account_login"
# A small community: a few resets per address are plenty; sign-ups allow a workshop's room
# behind one address. Beyond, a 429 page (templates/429.html). Wrong passwords are axes'
# job (5 per e-mail and address, above): allauth's own per-account limit stays above it,
# so the lock-out page is what people see.
ACCOUNT_RATE_LIMITS = {
    "signup": "20/h/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,20/h/key",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key,10/h/ip",
    "change_password": "5/m/user",
    "manage_email": "10/h/user",
}
# A changed password signs out every other session (a stolen one included); this one stays.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Axes counts allauth's sign-ins by the e-mail address typed (allauth passes email=…).
AXES_USERNAME_CALLABLE = "community.adapter.axes_username"
# Where sign-in and sign-out lead when nothing else is asked for; the adapter sends members
# to their profile and everyone to the home page of their own language.
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Media on S3-compatible storage (AWS S3, MinIO, …) when MEDIA_BUCKET names a bucket, so
# that several app servers share it. Images and their renditions are public objects with
# plain addresses (cached pages keep them); documents and the community's files are
# private objects the site's own views stream after their checks (privacy, counting).
# Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
if MEDIA_BUCKET:
    from urllib.parse import urlsplit as _urlsplit

    MEDIA_ENDPOINT_URL = os.environ.get("MEDIA_ENDPOINT_URL", "")  # MinIO and other services
    MEDIA_CUSTOM_DOMAIN = os.environ.get("MEDIA_CUSTOM_DOMAIN", "")  # a CDN before the bucket
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": MEDIA_ENDPOINT_URL or None,
            "region_name": os.environ.get("MEDIA_REGION") or None,
            "custom_domain": MEDIA_CUSTOM_DOMAIN or None,
            "querystring_auth": False,  # images' addresses: documents never leave by URL
            "default_acl": None,  # the bucket's policy decides what is public
            "file_overwrite": False,
        },
    }
    if MEDIA_CUSTOM_DOMAIN:
        _media_origins = [f"https://{MEDIA_CUSTOM_DOMAIN}"]
    elif MEDIA_ENDPOINT_URL:
        _endpoint = _urlsplit(MEDIA_ENDPOINT_URL)
        _media_origins = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    else:
        _media_origins = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"]
        if os.environ.get("MEDIA_REGION"):
            _media_origins.append(
                f"https://{MEDIA_BUCKET}.s3.{os.environ['MEDIA_REGION']}.amazonaws.com"
            )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += _media_origins
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += _media_origins
