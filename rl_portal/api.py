"""The persons endpoint: /api/v1/persons/."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from rl_portal import services
from rl_portal.api_base import (
    IntegerField,
    ScopedResponsesMixin,
    ScopedSerializer,
    VersionField,
)
from rl_portal.audit import Channel, log_person_access
from rl_portal.drf import AuditedViewSetMixin, ModelPermissions
from rl_portal.models import CaseFile, Commune, Person, Quartier, Service
from rl_portal.views import visible_case_files

# --------------------------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------------------------


class PersonSerializer(ScopedSerializer):
    version_message = "Indiquez la version de la fiche que vous modifiez."

    services = serializers.SerializerMethodField(
        help_text="Codes des services qui suivent la personne."
    )
    service = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Service.objects.all(),
        write_only=True,
        required=False,
        help_text="À la création : le service qui enregistre la personne (l'un des vôtres).",
    )
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True
    )
    quartier = serializers.PrimaryKeyRelatedField(
        queryset=Quartier.objects.all(), required=False, allow_null=True
    )
    age = IntegerField(read_only=True, allow_null=True)
    distinct = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="À la création : true si la personne ressemble à une fiche connue (même "
        "pseudonyme, âge et commune proches ; refus 400 sinon) mais en est une autre.",
    )
    version = VersionField(
        required=False,
        help_text="Version lue ; obligatoire en modification (409 si la fiche a changé depuis).",
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "pseudonym",
            "last_name",
            "sex",
            "birth_date",
            "birth_year",
            "age",
            "commune",
            "quartier",
            "ase_history",
            "phone",
            "email",
            "services",
            "service",
            "distinct",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_services(self, person: Person) -> list[str]:
        return [case_file.service.code for case_file in person.case_files.all()]

    def validate(self, attrs):
        if self.instance is None and "service" not in attrs:
            request = self.context["request"]
            own = list(request.user.services.all()[:2])
            if len(own) != 1:
                raise DRFValidationError(
                    {"service": "Précisez le service qui enregistre la personne."}
                )
            attrs["service"] = own[0]
        return super().validate(attrs)

    def create(self, validated_data):
        service = validated_data.pop("service")
        validated_data.pop("version", None)
        distinct = validated_data.pop("distinct", False)
        return services.person_create(
            data=validated_data, service=service, by=self.user, distinct=distinct
        )

    def update(self, instance, validated_data):
        validated_data.pop("service", None)
        validated_data.pop("distinct", None)
        version = validated_data.pop("version")
        return services.person_update(
            person=instance, data=validated_data, version=version, by=self.user
        )


class PersonFilter(filters.FilterSet):
    service = filters.CharFilter(method="filter_service", label="Code du service")
    commune = filters.ModelChoiceFilter(queryset=Commune.objects.all())

    class Meta:
        model = Person
        fields = ["service", "commune", "sex"]

    def filter_service(self, queryset, name, value):
        # Only among the user's own services: filtering on another service would tell who it
        # follows.
        files = CaseFile.objects.visible_to(self.request.user).filter(
            person=OuterRef("pk"), service__code=value
        )
        return queryset.filter(Exists(files))


@extend_schema_view(
    list=extend_schema(summary="Personnes visibles par l'utilisateur"),
    retrieve=extend_schema(summary="Une personne"),
    create=extend_schema(summary="Enregistrer une personne"),
    update=extend_schema(summary="Modifier une personne (version obligatoire)"),
    partial_update=extend_schema(summary="Modifier une partie de la fiche (version obligatoire)"),
)
class PersonViewSet(
    ScopedResponsesMixin,
    AuditedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PersonSerializer
    permission_classes = [permissions.IsAuthenticated, ModelPermissions]
    filterset_class = PersonFilter
    queryset = Person.objects.none()  # for the schema; get_queryset scopes every request

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .select_related("commune", "quartier")
            .prefetch_related(visible_case_files(self.request.user))
            .order_by("pseudonym", "pk")
        )

    def journal_reads(self, records) -> None:
        log_person_access(
            actor=self.request.user, persons=records, channel=Channel.API, request=self.request
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        log_person_access(actor=request.user, persons=page, channel=Channel.API, request=request)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        log_person_access(actor=request.user, persons=person, channel=Channel.API, request=request)
        return Response(self.get_serializer(person).data)

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save()

    def perform_update(self, serializer):
        serializer.save()
