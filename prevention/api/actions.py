"""API of the collective actions, network receptions and territorial bodies' meetings."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import mixins, serializers

from prevention import services
from prevention.api.common import (
    PreventionSerializer,
)
from prevention.api.records import (
    SessionDatesField,
)
from prevention.models import (
    PREVENTION_DISPOSITIFS,
    AgeBand,
    CollectiveAction,
    InstanceMeeting,
    NetworkReception,
)
from rl_portal.api_base import (
    DispositifField,
    HoursField,
    IntegerField,
    ServiceViewSet,
    VersionField,
)
from rl_portal.models import Person, Sex

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
    version = VersionField(required=False)
    version_message = "Indiquez la version de l'accueil que vous modifiez."

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
            "version",
        ]

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.network_reception_create(by=self.user, data=validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        return services.network_reception_update(
            reception=instance, data=validated_data, by=self.user, version=version
        )


class InstanceMeetingSerializer(PreventionSerializer):
    dispositif = DispositifField(PREVENTION_DISPOSITIFS)
    version = VersionField(required=False)
    version_message = "Indiquez la version de la réunion que vous modifiez."

    class Meta:
        model = InstanceMeeting
        fields = ["id", "dispositif", "instance", "name", "field", "date", "commune", "version"]

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.instance_meeting_create(by=self.user, data=validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        return services.instance_meeting_update(
            meeting=instance, data=validated_data, by=self.user, version=version
        )


class _CorrectableRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ServiceViewSet,
):
    """Corrected (PUT/PATCH with the `version` read) or deleted by whoever entered the record
    or a chef de service of its service, through the services."""

    related = ("dispositif",)
    ordering = ("-date", "-pk")


class NetworkReceptionViewSet(_CorrectableRecordViewSet):
    queryset = NetworkReception.objects.none()
    serializer_class = NetworkReceptionSerializer
    filterset_fields = ["network", "date", "dispositif__code"]

    def perform_destroy(self, instance):
        services.network_reception_delete(reception=instance, by=self.request.user)


class InstanceMeetingViewSet(_CorrectableRecordViewSet):
    queryset = InstanceMeeting.objects.none()
    serializer_class = InstanceMeetingSerializer
    filterset_fields = ["instance", "date", "dispositif__code"]

    def perform_destroy(self, instance):
        services.instance_meeting_delete(meeting=instance, by=self.request.user)
