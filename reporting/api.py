"""/api/v1/reports/: the list of reports and each report's tables as JSON numbers."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from reporting.documents import get_definition
from reporting.perms import can_read_report
from reporting.views import readable_definitions
from reportkit.periods import parse_period
from rl_portal.drf import AuditedViewSetMixin

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "year", OpenApiTypes.INT, description="Année civile (par défaut : l'an dernier)"
    ),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Début d'une période (avec end)"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Fin d'une période (avec start)"),
    OpenApiParameter(
        "annee_scolaire",
        OpenApiTypes.INT,
        description="Année scolaire par sa première année (septembre → août)",
    ),
    OpenApiParameter(
        "annee_convention",
        OpenApiTypes.INT,
        description="Année de convention FSL / ASL par sa première année (octobre → septembre)",
    ),
    OpenApiParameter("commune", OpenApiTypes.STR, description="EMPS : une commune"),
]


class ReportViewSet(AuditedViewSetMixin, viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"
    lookup_value_regex = "[a-z0-9-]+"

    @extend_schema(
        responses=OpenApiTypes.OBJECT, summary="Rapports disponibles", operation_id="reports_list"
    )
    def list(self, request):
        return Response(
            {
                "results": [
                    {
                        "report": d.slug,
                        "title": d.title,
                        "template": d.template,
                        "url": request.build_absolute_uri(f"/api/v1/reports/{d.slug}/"),
                    }
                    for d in readable_definitions(request.user)
                ]
            }
        )

    @extend_schema(
        parameters=PERIOD_PARAMETERS, responses=OpenApiTypes.OBJECT, summary="Un rapport"
    )
    def retrieve(self, request, slug=None):
        definition = get_definition(slug)
        if definition is None:
            raise NotFound("Rapport inconnu.")
        if not can_read_report(request.user, definition):
            raise PermissionDenied("Ce rapport ne vous est pas ouvert.")
        try:
            period = parse_period(request.query_params, default_year=timezone.localdate().year - 1)
        except ValidationError as error:
            raise DRFValidationError({"period": error.messages}) from None
        options = {}
        if request.query_params.get("commune"):
            options["commune"] = request.query_params["commune"]
        return Response(definition.build(period, options, viewer=request.user).as_dict())
