"""Settings of the load test (`make bench`): production settings (DEBUG off, templates cached,
no query log) served over plain HTTP on the loopback, so cookies are not marked Secure and
nothing redirects to HTTPS. Never for a real deployment."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "load-test-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from rl_portal.settings import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
