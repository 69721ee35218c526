import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rl_portal.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY


@receiver(user_logged_in, dispatch_uid="rl_portal.session_started")
def start_session_clock(sender, request, user, **kwargs):
    # Django has already given the user a new session key at login (no session fixation);
    # the absolute lifetime counts from here.
    now = int(time.time())
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_LAST_SEEN_KEY] = now
