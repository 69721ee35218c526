"""The installable web app (quick entry and roll call usable without network): its manifest,
its service worker served from the site's root, and a logout that wipes what the phone kept.

What the phone keeps and for how long is told in README.md (« Saisie hors ligne »)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# The pages a phone keeps for offline use (their URL patterns, read by the service worker).
OFFLINE_PAGES = (r"^/prevention/saisie/$", r"^/scolaire/programmes/\d+/appel/$")


@require_GET
@login_not_required
def service_worker(request):
    """The service worker, at the root so that its scope is the whole site. It holds no
    personal data (the same script for everyone), hence no login; static files are named
    through `static` so that a new deployment is a new script and the phone updates."""
    script = render_to_string(
        "offline/sw.js", {"offline_pages": OFFLINE_PAGES, "fallback": reverse("offline-page")}
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    # Browsers check for a new version at most once a day anyway; never keep it longer.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@login_not_required
def offline_page(request):
    """What the service worker shows for a page that needs the network while there is none
    (kept at its installation: the same page for everyone, no personal data)."""
    response = render(request, "offline/page.html")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@login_not_required
def manifest(request):
    """The web app manifest: installed, the app opens on the user's entry page (app_start)."""
    icon = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    maskable = [
        {
            "src": static(f"img/icon-maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    data = {
        "name": "RL Portal — saisie de terrain",
        "short_name": "RL Saisie",
        "description": "Saisie du jour de la prévention et appel de l'accompagnement scolaire, "
        "même sans réseau.",
        "lang": "fr",
        "dir": "ltr",
        "start_url": reverse("app-start"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "icons": icon + maskable,
        "shortcuts": [
            {"name": "Saisie du jour", "url": reverse("prevention:quick-entry")},
            {"name": "Accompagnement scolaire", "url": reverse("scolaire:programmes")},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def app_start(request):
    """Where the installed app opens: the quick entry for the prevention teams, the programmes
    (and their roll calls) for the scolaire team, the home page for everyone else. Offline, the
    service worker answers with a page it kept."""
    from prevention.views import can_record as records_prevention
    from scolaire.views import can_record as records_scolaire

    if records_prevention(request.user):
        return redirect("prevention:quick-entry")
    if records_scolaire(request.user):
        return redirect("scolaire:programmes")
    return redirect("home")


class LogoutView(auth_views.LogoutView):
    """Django's logout, and the browser told to forget this site's caches and storage (the
    offline queue, the youths kept for offline search, the cached pages, the service worker).
    The page's script has already sent what it could and asked before dropping the rest."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
