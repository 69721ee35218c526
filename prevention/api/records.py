"""API of the time entries, contacts and accompaniments."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from prevention import services
from prevention.api.common import (
    PreventionSerializer,
)
from prevention.models import (
    PREVENTION_DISPOSITIFS,
    Accompaniment,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    Problematique,
    Reorientation,
    TimeEntry,
)
from rl_portal.api_base import (
    DispositifField,
    HoursField,
    PersonReadsMixin,
    ServiceViewSet,
    VersionField,
)
from rl_portal.models import Partner, Person, User
from rl_portal.validations import validated_reports_covering

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
    version = VersionField(required=False)
    scoped_fields = {"person": Person}
    version_message = "Indiquez la version de la rencontre que vous modifiez."

    class Meta:
        model = Contact
        fields = [
            "id",
            "person",
            "dispositif",
            "date",
            "mode",
            "educator",
            "commune",
            "quartier",
            "version",
        ]

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.contact_create(by=self.user, **validated_data)

    def update(self, instance, validated_data):
        """A correction changes the date, mode and place; a meeting recorded for the wrong
        youth (or dispositif, or éducateur) is deleted and recorded again."""
        version = validated_data.pop("version")
        for name in ("person", "dispositif", "educator"):
            if name in validated_data and validated_data.pop(name) != getattr(instance, name):
                raise serializers.ValidationError(
                    {
                        name: "Une rencontre corrigée garde son jeune, son dispositif et son "
                        "éducateur : supprimez-la et enregistrez-la à nouveau."
                    }
                )
        return services.contact_update(
            contact=instance, data=validated_data, by=self.user, version=version
        )


class ContactViewSet(
    PersonReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ServiceViewSet,
):
    """Youths met. Recording a contact makes the youth known to the service. Its éducateur (or
    a chef de service of its service) corrects its date, mode and place (PUT/PATCH with the
    `version` read) or deletes a meeting recorded by mistake (the youth's file stays)."""

    queryset = Contact.objects.none()
    serializer_class = ContactSerializer
    filterset_fields = ["date", "mode", "educator", "commune", "person", "dispositif__code"]
    related = ("dispositif", "person")
    ordering = ("-date", "-pk")

    def get_queryset(self):
        return (
            super().get_queryset().filter(person__in=Person.objects.visible_to(self.request.user))
        )

    def perform_destroy(self, instance):
        services.contact_delete(contact=instance, by=self.request.user)


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
