"""The user's own account pages: their API tokens (listed, revoked one by one)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from rl_portal import tokens


@require_GET
def api_tokens(request):
    """The user's live API tokens: device, issued, expires."""
    context = {
        "tokens": tokens.live_tokens(request.user),
        "ttl_hours": settings.API_TOKEN_TTL_HOURS,
    }
    return render(request, "rl_portal/api_tokens.html", context)


@require_POST
def api_token_revoke(request, pk):
    """Revokes one of the user's tokens; another user's token does not exist here (404)."""
    token = get_object_or_404(tokens.live_tokens(request.user), pk=pk)
    tokens.api_token_revoke(token=token, by=request.user)
    messages.success(request, f"Le jeton de l'appareil « {token.device} » est révoqué.")
    return redirect("account-api-tokens")
