"""/api/v1/prevention/: the same services and scoping as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Max, Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from prevention import services
from prevention.forms import service_staff, user_dispositifs
from prevention.models import (
    PREVENTION_DISPOSITIFS,
    Accompaniment,
    Activity,
    AgeBand,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    ContactMode,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    TimeEntry,
)
from reportkit import numbers
from rl_portal.api_base import (
    DispositifField,
    HoursField,
    IntegerField,
    PersonReadsMixin,
    ScopedSerializer,
    ServiceViewSet,
    VersionField,
)
from rl_portal.audit import Channel, log_person_access
from rl_portal.models import Commune, Dispositif, Partner, Person, Quartier, Sex, User


class PreventionSerializer(ScopedSerializer):
    def scope_fields(self, user) -> None:
        for name in ("educator", "referent"):
            field = self.fields.get(name)
            if (
                field is not None
                and not field.read_only
                and getattr(user, "is_authenticated", False)
            ):
                # Only the staff of the user's prevention services can be named.
                field.queryset = service_staff(user)


# --------------------------------------------------------------------------------------------
# Time entries
# --------------------------------------------------------------------------------------------


class TimeEntrySerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    educator = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), default=serializers.CurrentUserDefault()
    )
    hours = HoursField()
    version = VersionField(required=False)
    warnings = serializers.SerializerMethodField(
        help_text="Rapports validés dont la période contient la date : le rapport transmis ne "
        "change pas, la direction voit l'écart."
    )
    scoped_fields = {"accompaniment": Accompaniment, "action": CollectiveAction}
    version_message = "Indiquez la version du temps saisi que vous modifiez."

    def get_warnings(self, entry) -> list[str]:
        from reporting.documents import validated_reports_covering

        if self.context.get("view") is None or self.context["view"].action == "list":
            return []
        return [
            f"Cette date tombe dans la période du rapport validé {name}."
            for name in validated_reports_covering(entry.date, entry.dispositif.service.code)
        ]

    class Meta:
        model = TimeEntry
        fields = [
            "id",
            "educator",
            "dispositif",
            "date",
            "hours",
            "activity",
            "commune",
            "quartier",
            "accompaniment",
            "action",
            "note",
            "online",
            "version",
            "warnings",
        ]

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.time_entry_create(by=self.user, **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        return services.time_entry_update(
            entry=instance, data=validated_data, by=self.user, version=version
        )


class TimeEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ServiceViewSet,
):
    """Hours by activity. `educator` defaults to the signed-in user."""

    queryset = TimeEntry.objects.none()
    serializer_class = TimeEntrySerializer
    filterset_fields = ["date", "activity", "educator", "commune", "dispositif__code"]
    related = ("dispositif",)
    ordering = ("-date", "-pk")

    def perform_destroy(self, instance):
        services.time_entry_delete(entry=instance, by=self.request.user)


# --------------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------------


class ContactSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    educator = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), default=serializers.CurrentUserDefault()
    )
    scoped_fields = {"person": Person}

    class Meta:
        model = Contact
        fields = ["id", "person", "dispositif", "date", "mode", "educator", "commune", "quartier"]

    def create(self, validated_data):
        return services.contact_create(by=self.user, **validated_data)


class ContactViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    """Youths met. Recording a contact makes the youth known to the service. A meeting is part
    of the youth's history: it is not deleted through the API."""

    queryset = Contact.objects.none()
    serializer_class = ContactSerializer
    filterset_fields = ["date", "mode", "educator", "commune", "person", "dispositif__code"]
    related = ("dispositif", "person")
    ordering = ("-date", "-pk")

    def get_queryset(self):
        return (
            super().get_queryset().filter(person__in=Person.objects.visible_to(self.request.user))
        )


# --------------------------------------------------------------------------------------------
# Accompaniments
# --------------------------------------------------------------------------------------------


class ReorientationSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Partner.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Reorientation
        fields = ["category", "partner", "partner_name"]


class KindsField(serializers.ListField):
    """The kinds of related rows (co-accompaniments): written as a list of codes, read from the
    rows (prefetched)."""

    def to_representation(self, data):
        return [item.kind for item in data.all()]


class SessionDatesField(serializers.ListField):
    """The dates of an action's sessions: written as a list of dates, read from the sessions."""

    def to_representation(self, data):
        return [self.child.to_representation(session.date) for session in data.all()]


class AccompanimentSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    problematiques = serializers.PrimaryKeyRelatedField(
        queryset=Problematique.objects.filter(is_active=True), many=True, required=False
    )
    co_accompaniments = KindsField(
        child=serializers.ChoiceField(choices=CoAccompaniment.Kind.choices),
        required=False,
        help_text="Types de partenaires co-accompagnant le jeune.",
    )
    reorientations = ReorientationSerializer(many=True, read_only=True)
    version = VersionField(required=False)
    scoped_fields = {"person": Person}
    version_message = "Indiquez la version de l'accompagnement que vous modifiez."

    class Meta:
        model = Accompaniment
        fields = [
            "id",
            "person",
            "dispositif",
            "kind",
            "referent",
            "start",
            "end",
            "end_reason",
            "situation",
            "origin",
            "problematiques",
            "co_accompaniments",
            "reorientations",
            "last_review",
            "version",
        ]
        read_only_fields = ["end", "end_reason", "last_review"]

    def _co(self, validated_data):
        kinds = validated_data.pop("co_accompaniments", None)
        return None if kinds is None else [(kind, None) for kind in kinds]

    def create(self, validated_data):
        validated_data.pop("version", None)
        co = self._co(validated_data) or []
        return services.accompaniment_open(by=self.user, co_accompaniments=co, **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        co = self._co(validated_data)
        if co is not None:
            validated_data["co_accompaniments"] = co
        return services.accompaniment_update(
            accompaniment=instance, data=validated_data, version=version, by=self.user
        )


class AccompanimentCloseSerializer(serializers.Serializer):
    end = serializers.DateField()
    end_reason = serializers.ChoiceField(choices=Accompaniment.EndReason.choices)
    version = VersionField()
    reorientations = ReorientationSerializer(many=True, required=False)


class AccompanimentViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ServiceViewSet,
):
    """ASEP and PAEI. Closing goes through `POST …/{id}/close/` (end, end_reason, version)."""

    queryset = Accompaniment.objects.none()
    serializer_class = AccompanimentSerializer
    filterset_fields = ["kind", "referent", "person", "end_reason", "dispositif__code"]
    related = ("dispositif", "person")
    prefetch = ("problematiques", "co_accompaniments", "reorientations")
    ordering = ("-start", "-pk")

    def get_queryset(self):
        return (
            super().get_queryset().filter(person__in=Person.objects.visible_to(self.request.user))
        )

    @extend_schema(request=AccompanimentCloseSerializer, responses=AccompanimentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        accompaniment = self.get_object()
        serializer = AccompanimentCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.accompaniment_close(
            accompaniment=accompaniment,
            end=data["end"],
            reason=data["end_reason"],
            version=data["version"],
            reorientations=[
                (r["category"], r.get("partner"), r.get("partner_name", ""))
                for r in data.get("reorientations", [])
            ],
            by=request.user,
        )
        return self.scoped_response(accompaniment)


# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


class HeadcountSerializer(serializers.Serializer):
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    sex = serializers.ChoiceField(choices=Sex.choices)
    count = IntegerField(min_value=0)


class CollectiveActionSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    sessions = SessionDatesField(child=serializers.DateField(), allow_empty=False)
    headcounts = HeadcountSerializer(many=True, required=False)
    version = VersionField(required=False)
    scoped_fields = {"participants": Person}
    version_message = "Indiquez la version de l'action que vous modifiez."

    class Meta:
        model = CollectiveAction
        fields = [
            "id",
            "dispositif",
            "title",
            "kind",
            "commune",
            "families",
            "initiated_by_service",
            "description",
            "partners",
            "funders",
            "participants",
            "sessions",
            "headcounts",
            "version",
        ]
        extra_kwargs = {
            "partners": {"required": False},
            "funders": {"required": False},
            "participants": {"required": False},
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["participants"] = [p.pk for p in instance.participants.all()]
        return data

    def _save(self, validated_data, instance=None):
        version = validated_data.pop("version", None)
        session_dates = validated_data.pop("sessions", None)
        if session_dates is None and instance is not None:
            session_dates = [s.date for s in instance.sessions.all()]
        headcounts = validated_data.pop("headcounts", None)
        if headcounts is None and instance is not None:
            headcounts = [
                {"age_band": h.age_band, "sex": h.sex, "count": h.count}
                for h in instance.headcounts.all()
            ]
        return services.collective_action_save(
            by=self.user,
            action=instance,
            version=version,
            session_dates=session_dates or [],
            headcounts=[services.HeadcountLine(**h) for h in headcounts or []],
            participants=validated_data.pop("participants", None),
            partners=validated_data.pop("partners", None),
            funders=validated_data.pop("funders", None),
            data=validated_data,
        )

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class CollectiveActionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ServiceViewSet,
):
    queryset = CollectiveAction.objects.none()
    serializer_class = CollectiveActionSerializer
    filterset_fields = ["kind", "commune", "dispositif__code"]
    related = ("dispositif", "commune")
    ordering = ("-created_at", "-pk")

    def get_queryset(self):
        visible = Person.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "sessions",
                "headcounts",
                "partners",
                "funders",
                Prefetch("participants", queryset=visible),
            )
        )


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


class NetworkReceptionSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    hours = HoursField(max_digits=6, required=False)

    class Meta:
        model = NetworkReception
        fields = [
            "id",
            "dispositif",
            "network",
            "partner",
            "date",
            "youths",
            "days",
            "hours",
            "note",
        ]

    def create(self, validated_data):
        return services.network_reception_create(by=self.user, data=validated_data)


class InstanceMeetingSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)

    class Meta:
        model = InstanceMeeting
        fields = ["id", "dispositif", "instance", "name", "field", "date", "commune"]

    def create(self, validated_data):
        return services.instance_meeting_create(by=self.user, data=validated_data)


class NetworkReceptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ServiceViewSet
):
    queryset = NetworkReception.objects.none()
    serializer_class = NetworkReceptionSerializer
    filterset_fields = ["network", "date", "dispositif__code"]
    related = ("dispositif",)
    ordering = ("-date", "-pk")


class InstanceMeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ServiceViewSet
):
    queryset = InstanceMeeting.objects.none()
    serializer_class = InstanceMeetingSerializer
    filterset_fields = ["instance", "date", "dispositif__code"]
    related = ("dispositif",)
    ordering = ("-date", "-pk")


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
        if not (request.user.works_in_services and user_dispositifs(request.user).exists()):
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
