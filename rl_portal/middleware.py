"""Session lifetime and cache headers for pages that show personal data."""

import time

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers

SESSION_STARTED_KEY = "rl_portal_session_started"
SESSION_LAST_SEEN_KEY = "rl_portal_last_seen"
# Writing the session at every request would cost a query each time; a minute is precise enough.
LAST_SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """Ends a session idle for SESSION_IDLE_TIMEOUT or older than SESSION_COOKIE_AGE, whatever
    the cookie says (a stolen cookie stops working too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SESSION_STARTED_KEY, now)
            last_seen = session.get(SESSION_LAST_SEEN_KEY, now)
            if (
                now - started > settings.SESSION_COOKIE_AGE
                or now - last_seen > settings.SESSION_IDLE_TIMEOUT
            ):
                # An expired session is not the user logging out: their API tokens stay.
                request.session_expired = True
                logout(request)
                messages.info(request, "Votre session a expiré : reconnectez-vous.")
            elif now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN_KEY not in session:
                session[SESSION_LAST_SEEN_KEY] = now
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Every response to a signed-in user may hold personal data: browsers and proxies must not
    keep it (Cache-Control: no-store)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, with the client address taken the way the login
    throttling takes it (a client cannot choose the address the audit trail records)."""

    @staticmethod
    def _get_remote_addr(request):
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request)


class RejectNulMiddleware:
    """A NUL character in the path, the query string or a form is refused with a 400 before any
    view reads it: PostgreSQL cannot store it, and no one types it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from rl_portal.inputs import NUL_MESSAGE, InputError, has_nul

        form = request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
        if (
            has_nul([request.path])
            or _has_nul_in(request.GET)
            or (form and _has_nul_in(request.POST))
        ):
            raise InputError(NUL_MESSAGE)
        return self.get_response(request)


def _has_nul_in(query) -> bool:
    from rl_portal.inputs import has_nul

    return any("\x00" in key or has_nul(values) for key, values in query.lists())
