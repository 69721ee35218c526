"""/api/v1/scolaire/: programmes, enrolments and sessions, scoped to the scolaire service."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from rl_portal.api_base import PersonReadsMixin, ScopedSerializer, ServiceViewSet, VersionField
from rl_portal.models import Person
from scolaire import services
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
    enrolled that day (absent unless given)."""

    queryset = Session.objects.none()
    serializer_class = SessionSerializer
    filterset_fields = ["programme", "date"]
    related = ("programme",)
    prefetch = ("attendances",)
    ordering = ("-date", "start_time")


def register(router) -> None:
    router.register("scolaire/programmes", ProgrammeViewSet, basename="programme")
    router.register("scolaire/enrolments", EnrolmentViewSet, basename="enrolment")
    router.register("scolaire/sessions", SessionViewSet, basename="scolaire-session")
