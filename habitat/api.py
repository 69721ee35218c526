"""/api/v1/habitat/: housing units, stays, requests, CLLAJ files and support measures, scoped
to the habitat service, written through habitat.services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from habitat import services
from habitat.models import (
    CLLAJ_DISPOSITIFS,
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    CllajFile,
    HousingRequest,
    HousingUnit,
    Stay,
    SupportMeasure,
)
from rl_portal.api_base import (
    DispositifField,
    IntegerField,
    PersonReadsMixin,
    ScopedSerializer,
    ServiceViewSet,
    VersionField,
)
from rl_portal.models import Household, Person, ResourceType


class HabitatSerializer(ScopedSerializer):
    scoped_fields = {"person": Person, "household": Household, "unit": HousingUnit}


class HousingUnitSerializer(HabitatSerializer):
    dispositif = DispositifField(HOUSING_DISPOSITIFS)

    class Meta:
        model = HousingUnit
        fields = [
            "id",
            "label",
            "address",
            "commune",
            "typology",
            "landlord",
            "dispositif",
            "places",
            "lease_start",
            "lease_end",
            "public",
        ]


class HousingUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """The housing stock (read only here: its chefs de service keep it in the habitat pages,
    `/habitat/parc/`, or import it)."""

    queryset = HousingUnit.objects.none()
    serializer_class = HousingUnitSerializer
    filterset_fields = ["commune", "typology", "dispositif__code"]
    related = ("dispositif", "commune", "landlord")
    ordering = ("commune__name", "label")


class StaySerializer(HabitatSerializer):
    version = VersionField(read_only=True)

    class Meta:
        model = Stay
        fields = [
            "id",
            "unit",
            "place",
            "person",
            "household",
            "entry",
            "planned_exit",
            "exit",
            "exit_reason",
            "origin",
            "resources_entry",
            "resource_type_entry",
            "resources_exit",
            "resource_type_exit",
            "majority_on",
            "prolongation_requests",
            "mobility",
            "steps",
            "exit_support",
            "version",
        ]
        read_only_fields = [
            "exit",
            "exit_reason",
            "resources_exit",
            "resource_type_exit",
            "exit_support",
        ]

    def create(self, validated_data):
        return services.stay_create(by=self.user, **validated_data)


class StayExitSerializer(serializers.Serializer):
    exit = serializers.DateField()
    exit_reason = serializers.ChoiceField(choices=Stay.ExitReason.choices)
    version = VersionField()
    resources_exit = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True
    )
    resource_type_exit = serializers.ChoiceField(
        choices=ResourceType.choices, required=False, allow_blank=True
    )
    exit_support = serializers.ChoiceField(
        choices=Stay.ExitSupport.choices, required=False, allow_blank=True
    )
    steps = serializers.ListField(
        child=serializers.ChoiceField(choices=Stay.Step.choices), required=False
    )


class StayViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    """Stays. An exit goes through `POST …/{id}/exit/` (exit, exit_reason, version)."""

    queryset = Stay.objects.none()
    serializer_class = StaySerializer
    filterset_fields = ["unit", "person", "exit_reason"]
    related = ("unit", "person")
    ordering = ("-entry", "-pk")

    @extend_schema(request=StayExitSerializer, responses=StaySerializer)
    @action(detail=True, methods=["post"])
    def exit(self, request, pk=None):
        stay = self.get_object()
        serializer = StayExitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.stay_exit(
            stay=stay,
            exit=data["exit"],
            reason=data["exit_reason"],
            version=data["version"],
            resources_exit=data.get("resources_exit"),
            resource_type_exit=data.get("resource_type_exit", ""),
            exit_support=data.get("exit_support", ""),
            steps=data.get("steps"),
            by=request.user,
        )
        return self.scoped_response(stay)


class HousingRequestSerializer(HabitatSerializer):
    dispositif = DispositifField(HOUSING_DISPOSITIFS)

    class Meta:
        model = HousingRequest
        fields = [
            "id",
            "person",
            "household",
            "dispositif",
            "date",
            "orienteur",
            "orienteur_kind",
            "reason",
            "composition",
            "decision",
            "decided_on",
        ]
        read_only_fields = ["decision", "decided_on"]

    def create(self, validated_data):
        return services.housing_request_create(by=self.user, **validated_data)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=HousingRequest.Decision.choices)
    decided_on = serializers.DateField()


class HousingRequestViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    """Requests and préadmissions; a decision is given once: `POST …/{id}/decide/`."""

    queryset = HousingRequest.objects.none()
    serializer_class = HousingRequestSerializer
    filterset_fields = ["decision", "dispositif__code"]
    related = ("person", "dispositif")
    ordering = ("-date", "-pk")

    @extend_schema(request=DecisionSerializer, responses=HousingRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        housing_request = self.get_object()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = services.housing_request_decide(
            request=housing_request,
            decision=serializer.validated_data["decision"],
            on=serializer.validated_data["decided_on"],
            by=request.user,
        )
        return self.scoped_response(decided)


class CllajFileSerializer(HabitatSerializer):
    dispositif = DispositifField(CLLAJ_DISPOSITIFS)

    class Meta:
        model = CllajFile
        fields = [
            "id",
            "person",
            "dispositif",
            "kind",
            "date",
            "orienteur_kind",
            "housing_situation",
            "employment",
            "resources",
            "problematique",
            "composition",
            "is_qpv",
            "mission_locale",
            "action_logement",
            "outcome",
        ]

    def create(self, validated_data):
        return services.cllaj_file_create(by=self.user, **validated_data)


class CllajFileViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    queryset = CllajFile.objects.none()
    serializer_class = CllajFileSerializer
    filterset_fields = ["kind", "dispositif__code", "is_qpv", "mission_locale"]
    related = ("person", "dispositif")
    ordering = ("-date", "-pk")


class SupportMeasureSerializer(HabitatSerializer):
    dispositif = DispositifField(MEASURE_DISPOSITIFS)
    version = VersionField(read_only=True)

    class Meta:
        model = SupportMeasure
        fields = [
            "id",
            "person",
            "household",
            "dispositif",
            "epci",
            "kind",
            "weight",
            "orienteur_kind",
            "notified_on",
            "start",
            "end",
            "end_reason",
            "reason",
            "annex_difficulties",
            "applications_and_aids",
            "objectives_set",
            "objectives_reached",
            "prolongations",
            "resources",
            "resource_type",
            "composition",
            "housing_origin",
            "initial_objectives",
            "partners_contacted",
            "version",
        ]
        read_only_fields = ["end", "end_reason", "objectives_reached"]
        extra_kwargs = {"epci": {"required": False}, "weight": {"required": False}}

    def create(self, validated_data):
        return services.support_measure_open(by=self.user, **validated_data)


class MeasureCloseSerializer(serializers.Serializer):
    end = serializers.DateField()
    end_reason = serializers.ChoiceField(choices=SupportMeasure.EndReason.choices)
    version = VersionField()
    objectives_reached = IntegerField(required=False, min_value=0)


class SupportMeasureViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ServiceViewSet,
):
    """FSL ASLL and ASL Jeunes ASE measures; `POST …/{id}/close/` ends one."""

    queryset = SupportMeasure.objects.none()
    serializer_class = SupportMeasureSerializer
    filterset_fields = ["kind", "epci", "dispositif__code", "end_reason"]
    related = ("person", "dispositif", "epci")
    ordering = ("-start", "-pk")

    @extend_schema(request=MeasureCloseSerializer, responses=SupportMeasureSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        measure = self.get_object()
        serializer = MeasureCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.support_measure_close(
            measure=measure,
            end=data["end"],
            reason=data["end_reason"],
            version=data["version"],
            objectives_reached=data.get("objectives_reached"),
            by=request.user,
        )
        return self.scoped_response(measure)


def register(router) -> None:
    router.register("habitat/housing-units", HousingUnitViewSet, basename="housing-unit")
    router.register("habitat/stays", StayViewSet, basename="stay")
    router.register("habitat/requests", HousingRequestViewSet, basename="housing-request")
    router.register("habitat/cllaj-files", CllajFileViewSet, basename="cllaj-file")
    router.register("habitat/support-measures", SupportMeasureViewSet, basename="support-measure")
