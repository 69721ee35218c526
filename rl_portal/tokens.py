"""API tokens: issued per device, listed and revoked by their owner, revoked with the session.

django-rest-knox stores only a hash of each token and checks its expiry (REST_KNOX["TOKEN_TTL"],
API_TOKEN_TTL_HOURS). What it leaves to the project is written here: one token per device, and
revocation when the user logs out of the site, changes their password or is deactivated — the
events after which a stolen token must stop working.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_out
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from rl_portal.audit import journal_note
from rl_portal.models import DEVICE_MAX_LENGTH, ApiToken, User

DEFAULT_DEVICE = "api"


def live_tokens(user: User):
    """The user's tokens that have not expired, newest first."""
    return ApiToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created", "-pk")


def clean_device(device: str | None) -> str:
    """The device name as stored: trimmed, « api » when none is given."""
    device = (device or "").strip() or DEFAULT_DEVICE
    if len(device) > DEVICE_MAX_LENGTH:
        raise ValidationError(
            {"device": f"Le nom de l'appareil fait au plus {DEVICE_MAX_LENGTH} caractères."}
        )
    if any(ord(character) < 32 for character in device):
        raise ValidationError({"device": "Le nom de l'appareil contient un caractère invalide."})
    return device


@transaction.atomic
def api_token_create(*, user: User, device: str | None) -> tuple[ApiToken, str]:
    """Issues a token for `device`, replacing the one the device had: returns the stored token
    and the secret, shown once to the caller and never stored."""
    device = clean_device(device)
    with journal_note(actor=user, operation="jeton d'API"):
        ApiToken.objects.filter(user=user, device=device).delete()
        return ApiToken.objects.create(user=user, device=device)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """Revokes one token; only its owner may (the caller fetched it among theirs)."""
    if token.user_id != by.pk:
        raise ValidationError("Vous ne pouvez révoquer que vos propres jetons.")
    with journal_note(actor=by, operation="révocation d'un jeton d'API"):
        token.delete()


def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revokes every token of `user`; returns how many there were."""
    with transaction.atomic(), journal_note(actor=user, operation=reason):
        deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


# --- Revocation on the events that end a user's trust ------------------------------------------


@receiver(user_logged_out, dispatch_uid="rl_portal.tokens.logout")
def revoke_at_logout(sender, request, user, **kwargs):
    """Logging out of the site ends the user's API access too (every device). A session ended
    by the idle timeout is not a logout (SessionLifetimeMiddleware marks the request)."""
    if getattr(request, "session_expired", False):
        return
    if user is not None and user.pk:
        api_tokens_revoke_all(user=user, reason="déconnexion")


@receiver(pre_save, sender=User, dispatch_uid="rl_portal.tokens.user_pre_save")
def _note_credential_change(sender, instance: User, update_fields=None, raw=False, **kwargs):
    instance._revoke_api_tokens = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login at each login: no query
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password:
        instance._revoke_api_tokens = "changement de mot de passe"
    elif before["is_active"] and not instance.is_active:
        instance._revoke_api_tokens = "désactivation du compte"


@receiver(post_save, sender=User, dispatch_uid="rl_portal.tokens.user_post_save")
def revoke_at_credential_change(sender, instance: User, created=False, **kwargs):
    """A new password or a deactivated account revokes every token of the user."""
    reason = getattr(instance, "_revoke_api_tokens", None)
    if reason and not created:
        instance._revoke_api_tokens = None
        api_tokens_revoke_all(user=instance, reason=reason)
