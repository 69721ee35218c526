"""/api/v1/scolaire/: programmes, enrolments and sessions, scoped to the scolaire service."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from rl_portal import inputs
from rl_portal.api_base import PersonReadsMixin, ScopedSerializer, ServiceViewSet, VersionField
from rl_portal.audit import Channel, log_person_access
from rl_portal.models import Person
from rl_portal.versioning import ConcurrentEditError
from scolaire import perms, services
from scolaire.models import Attendance, Enrolment, Programme, Session


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "name", "kind", "site", "commune", "public", "funders", "school_year"]


class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    queryset = Programme.objects.none()
    serializer_class = ProgrammeSerializer
    filterset_fields = ["school_year", "kind", "commune"]
    related = ("commune",)
    prefetch = ("funders",)
    ordering = ("-school_year", "name")


class EnrolmentSerializer(ScopedSerializer):
    scoped_fields = {"child": Person, "programme": Programme}

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "child",
            "programme",
            "level",
            "school",
            "funder",
            "start",
            "end",
            "leaving_reason",
        ]
        read_only_fields = ["end", "leaving_reason"]

    def create(self, validated_data):
        return services.enrolment_create(by=self.user, **validated_data)


class EnrolmentEndSerializer(serializers.Serializer):
    end = serializers.DateField()
    leaving_reason = serializers.ChoiceField(choices=Enrolment.LeavingReason.choices)
    version = VersionField()


class EnrolmentViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    """Enrolments. A child leaves a programme through `POST …/{id}/end/` (end, leaving_reason,
    version), as on the programme's page."""

    queryset = Enrolment.objects.none()
    serializer_class = EnrolmentSerializer
    filterset_fields = ["programme", "level"]
    related = ("child", "programme")
    ordering = ("programme", "child__pseudonym")
    person_attribute = "child"

    @extend_schema(request=EnrolmentEndSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        enrolment = self.get_object()
        serializer = EnrolmentEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.enrolment_end(
            enrolment=enrolment,
            end=data["end"],
            reason=data["leaving_reason"],
            version=data["version"],
            by=request.user,
        )
        return self.scoped_response(enrolment)


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["enrolment", "status"]


class SessionSerializer(ScopedSerializer):
    attendances = AttendanceSerializer(many=True, required=False)
    scoped_fields = {"programme": Programme}

    class Meta:
        model = Session
        fields = [
            "id",
            "programme",
            "date",
            "start_time",
            "end_time",
            "place",
            "staff",
            "attendances",
            "version",
        ]
        read_only_fields = ["version"]

    def create(self, validated_data):
        statuses = {a["enrolment"].pk: a["status"] for a in validated_data.pop("attendances", [])}
        return services.session_save(by=self.user, statuses=statuses, **validated_data)


class SessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ServiceViewSet
):
    """Sessions with their roll call; creating one records the attendance of every child
    enrolled that day, each given a status (none is absent by default: a roll call that leaves
    a child out is refused with a 400 naming them)."""

    queryset = Session.objects.none()
    serializer_class = SessionSerializer
    filterset_fields = ["programme", "date"]
    related = ("programme",)
    prefetch = ("attendances",)
    ordering = ("-date", "start_time")


# --------------------------------------------------------------------------------------------
# Roll calls taken offline (the phone's queue)
# --------------------------------------------------------------------------------------------


class RollCallSyncSerializer(serializers.Serializer):
    """A roll call queued on a phone: the day's session as the phone read it (`version`, absent
    if it saw none) and each child's status; `client_uuid` is drawn on the phone."""

    client_uuid = serializers.UUIDField()
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.none())
    date = serializers.DateField()
    version = VersionField(required=False, allow_null=True)
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    statuses = serializers.DictField(child=serializers.ChoiceField(Attendance.Status.choices))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["programme"].queryset = Programme.objects.visible_to(request.user)

    def validate_statuses(self, value):
        # Keys are enrolment ids: bounded like every id (« ² » or thirty digits are not ids).
        try:
            return {
                inputs.parse_int(str(key), label="L'inscription", minimum=1): status
                for key, status in value.items()
            }
        except inputs.InputError:
            raise serializers.ValidationError("Inscription inconnue.") from None


def _side_by_side(request, programme, date, statuses) -> tuple[int | None, list[dict]]:
    """The roll call saved by a colleague beside the phone's: one row per child (a read of the
    children's records, journalled)."""
    user = request.user
    session = Session.objects.filter(programme=programme, date=date).order_by("start_time").first()
    theirs = dict(session.attendances.values_list("enrolment_id", "status")) if session else {}
    labels = dict(Attendance.Status.choices)
    enrolments = (
        Enrolment.objects.visible_to(user)
        .filter(pk__in=set(statuses) | set(theirs))
        .select_related("child")
        .order_by("child__pseudonym")
    )
    log_person_access(
        actor=user, persons=[e.child for e in enrolments], channel=Channel.API, request=request
    )
    rows = [
        {
            "label": enrolment.child.pseudonym,
            "mine": labels.get(statuses.get(enrolment.pk), "—"),
            "theirs": labels.get(theirs.get(enrolment.pk), "—"),
        }
        for enrolment in enrolments
    ]
    return (session.version if session else None), rows


class RollCallSyncViewSet(viewsets.GenericViewSet):
    """The phone's offline queue: `POST` a roll call taken without network. Idempotent on
    `client_uuid` (201 the first time, 200 « déjà reçue » after). If a colleague saved the day's
    session since the phone read it: 409 with both roll calls side by side (`rows`) and the
    session's current `version`; nothing is written over the colleague's."""

    serializer_class = RollCallSyncSerializer
    permission_classes = [permissions.IsAuthenticated]

    def create(self, request):
        if not perms.can_record(request.user):
            raise PermissionDenied("Vous ne faites pas l'appel de l'accompagnement scolaire.")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            submission, created = services.roll_call_sync(
                client_uuid=data["client_uuid"],
                by=request.user,
                programme=data["programme"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                statuses=data["statuses"],
                version=data.get("version"),
            )
        except ConcurrentEditError:
            version, rows = _side_by_side(
                request, data["programme"], data["date"], data["statuses"]
            )
            return Response(
                {
                    "detail": "Un collègue a enregistré l'appel de cette séance pendant que vous "
                    "étiez hors ligne. Votre appel n'a pas été enregistré : comparez, puis "
                    "gardez le sien ou remplacez-le par le vôtre.",
                    "code": "conflict",
                    "version": version,
                    "rows": rows,
                },
                status=status.HTTP_409_CONFLICT,
            )
        present = sum(1 for s in data["statuses"].values() if s == Attendance.Status.PRESENT)
        summary = f"{present} présent(s) sur {len(data['statuses'])}"
        received = timezone.localtime(submission.received_at)
        message = (
            f"Appel reçu : {summary}."
            if created
            else f"Appel déjà reçu le {received:%d/%m/%Y} : rien n'est enregistré deux fois."
        )
        return Response(
            {
                "id": submission.pk,
                "client_uuid": str(submission.client_uuid),
                "status": "created" if created else "already_received",
                "message": message,
                "warnings": [],
                "session": submission.result.get("session"),
            },
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def register(router) -> None:
    router.register("scolaire/programmes", ProgrammeViewSet, basename="programme")
    router.register("scolaire/enrolments", EnrolmentViewSet, basename="enrolment")
    router.register("scolaire/sessions", SessionViewSet, basename="scolaire-session")
    router.register("scolaire/roll-calls", RollCallSyncViewSet, basename="roll-call")
