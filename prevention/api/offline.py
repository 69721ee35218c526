"""The offline quick entry (the phone's queue), and the routes of prevention's API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from prevention import perms, services
from prevention.api.actions import (
    CollectiveActionViewSet,
    InstanceMeetingViewSet,
    NetworkReceptionViewSet,
)
from prevention.api.records import (
    AccompanimentViewSet,
    ContactViewSet,
    TimeEntryViewSet,
)
from prevention.forms import user_dispositifs
from prevention.models import (
    Activity,
    ContactMode,
)
from reportkit import numbers
from rl_portal.api_base import IntegerField
from rl_portal.audit import Channel, log_person_access
from rl_portal.models import Commune, Dispositif, Person, Quartier, Sex

# --------------------------------------------------------------------------------------------
# Offline quick entry (the phone's queue)
# --------------------------------------------------------------------------------------------

# The youths a phone keeps for offline search: those the éducateur met lately.
OFFLINE_YOUTHS_DAYS = 90
OFFLINE_YOUTHS_MAX = 200


class QueuedYouthSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(max_length=80)
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    age = IntegerField(min_value=3, max_value=30, required=False, allow_null=True)
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True
    )
    # Said by the online form when the user was shown the likely duplicates; offline the user
    # could not be, so every sent youth is created and flagged if it looks like a known one.
    distinct = serializers.BooleanField(required=False)


class QuickEntrySyncSerializer(serializers.Serializer):
    """A quick entry queued on a phone; `client_uuid` is drawn there when it is typed."""

    client_uuid = serializers.UUIDField()
    dispositif = serializers.PrimaryKeyRelatedField(queryset=Dispositif.objects.none())
    date = serializers.DateField()
    hours = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=10), required=False
    )
    hours_online = serializers.CharField(allow_blank=True, required=False, max_length=10)
    # Where the youths were met: no default (issue 15), the service refuses youths without it;
    # an entry of hours alone sends it blank.
    mode = serializers.ChoiceField(choices=ContactMode.choices, allow_blank=True, default="")
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True
    )
    quartier = serializers.PrimaryKeyRelatedField(
        queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    youths = serializers.ListField(child=IntegerField(min_value=1), required=False, max_length=100)
    new_youths = QueuedYouthSerializer(many=True, required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["dispositif"].queryset = user_dispositifs(request.user)

    def validate_hours(self, value):
        unknown = set(value) - set(Activity.values)
        if unknown:
            raise serializers.ValidationError("Activité inconnue.")
        return value


def _submission_answer(submission, created: bool, user) -> dict:
    """What the phone shows for a sent entry: a French message, then the warnings (validated
    report, likely duplicates) — the same for the first sending and a retry."""
    result = submission.result
    hours = numbers.trimmed(Decimal(result.get("hours", "0")))
    met = len(result.get("contacts", []))
    summary = f"{hours} h" + (
        f" et {met} jeune{'s' if met > 1 else ''} rencontré{'s' if met > 1 else ''}" if met else ""
    )
    received = timezone.localtime(submission.received_at)
    message = (
        f"Saisie reçue : {summary}."
        if created
        else f"Saisie déjà reçue le {received:%d/%m/%Y à %H:%M} ({summary}) : rien n'est "
        "enregistré deux fois."
    )
    warnings = [
        f"Cette date tombe dans la période d'un rapport déjà validé : {name}. Le rapport transmis "
        "ne change pas ; la direction verra l'écart."
        for name in result.get("validated_reports", [])
    ]
    names = dict(
        Person.objects.visible_to(user)
        .filter(pk__in=[pk for new, twins in result.get("duplicates", []) for pk in [new, *twins]])
        .values_list("pk", "pseudonym")
    )
    for new, twins in result.get("duplicates", []):
        warnings.append(
            f"Doublon probable : le jeune « {names.get(new, new)} » créé avec cette saisie a le "
            f"même pseudonyme qu'un jeune déjà connu (fiche{'s' if len(twins) > 1 else ''} n° "
            f"{', '.join(str(pk) for pk in twins)}). Les fiches n'ont pas été fusionnées : "
            "vérifiez s'il s'agit de la même personne."
        )
    return {
        "id": submission.pk,
        "client_uuid": str(submission.client_uuid),
        "status": "created" if created else "already_received",
        "message": message,
        "warnings": warnings,
        "time_entries": result.get("time_entries", []),
        "contacts": result.get("contacts", []),
        "new_youths": result.get("new_youths", []),
    }


class QuickEntrySyncViewSet(viewsets.GenericViewSet):
    """The phone's offline queue: `POST` a quick entry typed without network. Idempotent on
    `client_uuid`: the first sending answers 201, any later one 200 « déjà reçue » with what
    was recorded, and nothing is written twice. A refusal (24 h exceeded, youth no longer
    visible…) is a 400 with the French reason; the phone keeps the entry for correction.

    `GET youths/`: the éducateur's youths met in the last 90 days (pseudonym, age, commune
    only), for the search of the quick entry while offline."""

    serializer_class = QuickEntrySyncSerializer
    permission_classes = [permissions.IsAuthenticated]

    def _require_recorder(self, request) -> None:
        if not perms.can_record(request.user):
            raise PermissionDenied("Vous ne saisissez pas pour la prévention.")

    @extend_schema(responses={200: None, 201: None})
    def create(self, request):
        self._require_recorder(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission, created = services.quick_entry_sync(
            client_uuid=data["client_uuid"],
            by=request.user,
            dispositif=data["dispositif"],
            date=data["date"],
            hours_by_activity=data.get("hours", {}),
            online_hours=data.get("hours_online", ""),
            youth_ids=data.get("youths", []),
            new_youths=[
                services.QueuedYouth(
                    pseudonym=youth["pseudonym"],
                    sex=youth.get("sex", Sex.UNKNOWN),
                    age=youth.get("age"),
                    commune=youth.get("commune"),
                )
                for youth in data.get("new_youths", [])
            ],
            mode=data["mode"],
            commune=data.get("commune"),
            quartier=data.get("quartier"),
        )
        return Response(
            _submission_answer(submission, created, request.user),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(responses={200: None})
    @action(detail=False, methods=["get"])
    def youths(self, request):
        self._require_recorder(request)
        since = timezone.localdate() - datetime.timedelta(days=OFFLINE_YOUTHS_DAYS)
        youths = list(
            Person.objects.visible_to(request.user)
            .in_services([d.service_id for d in user_dispositifs(request.user)])
            .filter(
                prevention_contacts__educator=request.user, prevention_contacts__date__gte=since
            )
            .annotate(last_met=Max("prevention_contacts__date"))
            .select_related("commune")
            .order_by("-last_met", "pk")[:OFFLINE_YOUTHS_MAX]
        )
        log_person_access(actor=request.user, persons=youths, channel=Channel.API, request=request)
        return Response(
            {
                "youths": [
                    {
                        "id": youth.pk,
                        "pseudonym": youth.pseudonym,
                        "age": youth.age,
                        "commune": youth.commune.name if youth.commune else "",
                    }
                    for youth in youths
                ]
            }
        )


def register(router) -> None:
    router.register("prevention/time-entries", TimeEntryViewSet, basename="time-entry")
    router.register("prevention/contacts", ContactViewSet, basename="contact")
    router.register("prevention/accompaniments", AccompanimentViewSet, basename="accompaniment")
    router.register(
        "prevention/collective-actions", CollectiveActionViewSet, basename="collective-action"
    )
    router.register(
        "prevention/network-receptions", NetworkReceptionViewSet, basename="network-reception"
    )
    router.register(
        "prevention/instance-meetings", InstanceMeetingViewSet, basename="instance-meeting"
    )
    router.register("prevention/quick-entries", QuickEntrySyncViewSet, basename="quick-entry")
