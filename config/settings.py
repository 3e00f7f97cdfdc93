"""Settings for the CCIN network hub, read from the environment in one place.

With no environment at all the site runs embedded: SQLite, the in-memory
channel layer, console email and immediate tasks. Production sets
DJANGO_DEBUG=false and must then provide a secret key.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET = "insecure-development-key-only-for-local-use"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "core",
    "members",
    "accounts",
    "notifications",
    "cms",
    "ideasbank",
    "forum",
    "mentoring",
    "liveblogs",
    "events",
    "wagtail.contrib.routable_page",
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
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "channels",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "core.throttle.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "config.security.HubCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person's row from the cache (core/auth.py).
    "core.auth.CachedAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.throttle.SignInRateLimitMiddleware",
    "core.throttle.RequestThrottleMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.errors.ServiceErrorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "members.context_processors.roles",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = None
ASGI_APPLICATION = "config.asgi.application"

# Databases ---------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Under daphne every sync request runs in its own thread; a pool keeps the
    # number of PostgreSQL connections bounded (see PERFORMANCE-NOTES).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": env.int("DATABASE_POOL_SIZE", default=20),
        "timeout": 10,
    }
else:
    # Django's SQLite backend, keeping closed connections for the next request:
    # a new connection parses the whole schema on its first query (core/db/sqlite3).
    DATABASES["default"]["ENGINE"] = "core.db.sqlite3"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # Write-ahead logging: readers never wait for the writer, and a commit
            # appends to the log without syncing the disk (the log is synced at
            # each checkpoint). A crash of the process loses nothing; a power cut
            # can lose the last commits, never the database. Posting a liveblog
            # entry took 10.5 ms with the default rollback journal, 7.5 ms with
            # this (bench/liveblog_post.py). The file must be on a local disk.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    # Browser tests run the site in a second process, so the test database
    # must live on disk rather than in memory.
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / env.str("HUB_TEST_DB", default=".test-db.sqlite3"))
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

# Cache, channels and sessions --------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CHANNEL_LAYER_CAPACITY = env.int("CHANNEL_LAYER_CAPACITY", default=1000)
if REDIS_URL:
    from redis.asyncio.retry import Retry as AsyncRetry
    from redis.backoff import NoBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.retry import Retry

    # After a Redis restart every pooled connection is stale: its first command
    # (or the PING of health_check_interval) fails on the closed socket. Try
    # once more on a fresh connection, so the first request after Redis returns
    # succeeds instead of failing once per pooled connection. Only connection
    # errors are retried: the old server is gone, so nothing ran twice.
    _REDIS_RETRY = {"retry": Retry(NoBackoff(), 1), "retry_on_error": [RedisConnectionError]}
    _REDIS_ASYNC_RETRY = {
        "retry": AsyncRetry(NoBackoff(), 1),
        "retry_on_error": [RedisConnectionError],
    }
    CACHES = {
        "default": {
            # Redis's RedisCache, except that with Redis away a call is logged
            # and answered as a miss (core/cache.py): nothing cached is the only
            # copy, so pages and committed writes never fail for want of Redis.
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="hub"),
            "OPTIONS": {
                # Fail fast when Redis is away rather than hold the request.
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
                # A pooled connection idle this long is checked (PING) before use,
                # so one left stale by a Redis restart is replaced.
                "health_check_interval": 10,
                **_REDIS_RETRY,
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # redis-py refuses connections past the pool size; a
                        # conference audience connects in a burst.
                        "max_connections": env.int("REDIS_MAX_CONNECTIONS", default=2000),
                        # channels-redis reads with a 5 s blocking BZPOPMIN; redis-py 8's
                        # default socket timeout is also 5 s, so every idle receive
                        # raised TimeoutError and quiet sockets died. Wait well past it.
                        "socket_timeout": env.float("REDIS_LAYER_SOCKET_TIMEOUT", default=30.0),
                        "socket_connect_timeout": 5,
                        # A pooled connection idle this long is checked (PING) before
                        # use, so one left stale by a Redis restart is replaced.
                        "health_check_interval": 10,
                        **_REDIS_ASYNC_RETRY,
                    }
                ],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="hub"),
                "capacity": CHANNEL_LAYER_CAPACITY,
                "expiry": 60,
                "group_expiry": 86400,
            },
        }
    }
    # The database is the sessions' source of truth and Redis only a cache in
    # front of it: with Redis down, signed-in members stay signed in.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": CHANNEL_LAYER_CAPACITY, "expiry": 60},
        }
    }
    # The embedded setup is one process: sessions are read from its memory and
    # written through to the database, sparing every signed-in request a query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Tasks (email sending) ---------------------------------------------------
# Immediate while developing; in production emails queue in the database and
# `manage.py db_worker` sends them, so a slow mail server never slows a request.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default=(
                "django_tasks.backends.immediate.ImmediateBackend"
                if DEBUG
                else "django_tasks_db.DatabaseBackend"
            ),
        )
    }
}

# Email -------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CCIN network hub <hub@councils.coop>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupExtraForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CCIN] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so a reader sees them.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Rate limits (allauth's and the hub's) key on the client's real address: behind a
# reverse proxy, list its addresses or networks; core.throttle.ClientAddressMiddleware
# then takes the client from X-Forwarded-For, and believes it from them only.
HUB_TRUSTED_PROXIES = env.list("HUB_TRUSTED_PROXIES", default=[])

# Sign in with Microsoft 365 (Entra ID) over OpenID Connect; tenants come from
# the environment (accounts/oidc_config.py) or the Django admin's social apps.
from accounts.oidc_config import openid_connect_apps  # noqa: E402

SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
# allauth's emails in the hub's voice, HTML and text, with absolute links.
ACCOUNT_ADAPTER = "notifications.account_adapter.AccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "accounts.forms.SocialSignupForm"}
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        # allauth's provider with the ID token's signature and nonce always checked.
        "provider_class": "accounts.oidc.CheckedOIDCProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": openid_connect_apps(env),
    }
}
SOCIALACCOUNT_EMAIL_REQUIRED = True
# A verified work address signs in to the account that has it and links the
# two; unverified addresses are refused in the adapter.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False

# Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Co-operative Councils Innovation Network"
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database backend (core/search_backend.py weights titles on SQLite).
# PostgreSQL stems English words ("ideas" finds "idea"); SQLite does through core migration 0004.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backend", "SEARCH_CONFIG": "english"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
# Every download goes through Django, so a document used only by members-only
# pages is refused to those who cannot open them (cms/documents.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
TAGGIT_CASE_INSENSITIVE = True
# One rule for themes everywhere: a comma separates them (core/themes.py).
TAGGIT_TAGS_FROM_STRING = "core.themes.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "core.themes.string_from_tags"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "cms/password_required.html"
# Restricted pages send visitors to the site's own sign-in, not Wagtail's.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Hub behaviour -----------------------------------------------------------
# Posting limits for members; bursts above these get a clear message.
HUB_POST_RATE = env.str("HUB_POST_RATE", default="10/m")
# A test server (HUB_TESTING_SERVER) browses and posts faster than a person.
_TESTING_SERVER = env.bool("HUB_TESTING_SERVER", default=False)
# Seconds between any two posts of one member, across features (Discourse: 5 s).
HUB_POST_INTERVAL = env.int("HUB_POST_INTERVAL", default=0 if _TESTING_SERVER else 5)
# Requests per client address (static files aside); Decidim allows 100 a minute.
HUB_REQUEST_RATE = env.str("HUB_REQUEST_RATE", default="100000/m" if _TESTING_SERVER else "100/m")
HUB_VOTE_RATE = env.str("HUB_VOTE_RATE", default="60/m")
# Live-bloggers post faster than members do.
HUB_LIVEBLOG_POST_RATE = env.str("HUB_LIVEBLOG_POST_RATE", default="30/m")
# Events: how long a member has to accept a freed place before it passes on,
# and how long before an event its reminder goes out.
EVENTS_OFFER_HOURS = env.int("EVENTS_OFFER_HOURS", default=48)
EVENTS_REMINDER_HOURS = env.int("EVENTS_REMINDER_HOURS", default=48)
# Personal data: how long a data export can be downloaded, and how long
# unverified sign-ups and read notifications are kept (manage.py apply_retention).
HUB_DATA_EXPORT_HOURS = env.int("HUB_DATA_EXPORT_HOURS", default=72)
HUB_RETENTION_UNVERIFIED_DAYS = env.int("HUB_RETENTION_UNVERIFIED_DAYS", default=30)
HUB_RETENTION_READ_NOTIFICATIONS_DAYS = env.int(
    "HUB_RETENTION_READ_NOTIFICATIONS_DAYS", default=180
)

# Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

# Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security ----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): nothing inline, nothing from another
# host. The liveblog's JSON-LD is data (type="application/ld+json"), which
# script-src does not govern. WebSockets: CSP3 browsers match ws(s) of the
# page's own origin with 'self'; the site's own ws(s) origin is listed as well
# for those that do not. The map's tile server (MAP_TILE_URL), if any, and
# the origins in CSP_EXTRA_IMG_SRC are the only other sources, for images.
_site = SITE_URL.split("://", 1)
_ws_origin = ("wss://" if _site[0] == "https" else "ws://") + _site[-1].split("/", 1)[0]
_tiles = env.str("MAP_TILE_URL", default="").split("://", 1)
_tile_origin = [f"{_tiles[0]}://{_tiles[1].split('/', 1)[0]}"] if len(_tiles) == 2 else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_origin, *env.list("CSP_EXTRA_IMG_SRC", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'", _ws_origin],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin (and Django's) put inline <script> and style="" in their own
# pages, build widgets with eval-free but inline handlers, show image previews
# from blob: URLs and frame their own page previews: they get this policy, and
# only under these prefixes (config/security.py). Still no third-party source.
ADMIN_URL_PREFIXES = ["/admin/", "/django-admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", _ws_origin],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# No avatars fetched from gravatar.com and no upgrade check against
# releases.wagtail.org in the admin: both third-party sources.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "core.logfilters.RefusalLogFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's default config gives "django" a console handler of its own (under
        # DEBUG) and the records also reach the root's: every 4xx was printed twice.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # A 403 is one WARNING line without a traceback (core/logfilters.py).
        "django.request": {"filters": ["refusals"]},
    },
}

# The council map draws the UK outline shipped in static/data with no tiles. A tile
# server URL (e.g. https://tiles.example.org/{z}/{x}/{y}.png) adds a background map;
# its origin must then be in CSP_EXTRA_IMG_SRC.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
