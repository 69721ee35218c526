"""Test settings: the project's settings as production reads them (DEBUG off), with a test
secret, plain HTTP for the test client and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DATABASE_POOL"] = "0"

from rl_portal.settings import *  # noqa: E402,F403
from rl_portal.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client and the browser tests talk plain HTTP to the live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic in tests: whitenoise serves straight from the apps' static folders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
