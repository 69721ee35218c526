"""API authentication endpoints: /api/v1/auth/token/ (obtain), /auth/logout/ (revoke the token
used) and /auth/tokens/ (the owner's tokens, listed and revoked one by one)."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from knox.auth import TokenAuthentication
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from rl_portal import tokens
from rl_portal.api_base import IntegerField
from rl_portal.models import DEVICE_MAX_LENGTH, ApiToken

LOCKED_OUT = "Connexion bloquée après 5 échecs : réessayez dans 30 minutes."


class ObtainTokenSerializer(serializers.Serializer):
    username = serializers.CharField(label="Identifiant", max_length=150)
    password = serializers.CharField(
        label="Mot de passe", max_length=128, style={"input_type": "password"}, write_only=True
    )
    device = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=DEVICE_MAX_LENGTH,
        help_text="Nom de l'appareil ou du programme (« api » par défaut) : un jeton par "
        "appareil, un nouveau jeton remplace le précédent du même appareil.",
    )

    def validate(self, attrs):
        # authenticate() goes through django-axes: failures count, a locked account is refused.
        user = authenticate(
            request=self.context["request"],
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                "Identifiant ou mot de passe incorrect.", code="authorization"
            )
        attrs["user"] = user
        return attrs


class IssuedTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Le jeton, montré une seule fois.")
    expiry = serializers.DateTimeField(help_text="Fin de validité du jeton.")
    device = serializers.CharField()
    id = IntegerField(read_only=True, help_text="Identifiant du jeton (pour le révoquer).")


class ApiTokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField(
        help_text="Vrai pour le jeton qui authentifie cette requête."
    )

    class Meta:
        model = ApiToken
        fields = ["id", "device", "created", "expiry", "current"]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, ApiToken) and auth.pk == token.pk


DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})


class ObtainTokenView(APIView):
    """POST {"username", "password", "device"} → {"token", "expiry", "device", "id"}. Throttled
    like the login page: once django-axes has locked the account for this address, the answer is
    429 whatever the password."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    serializer_class = ObtainTokenSerializer

    @extend_schema(
        summary="Obtenir un jeton d'API pour un appareil",
        request=ObtainTokenSerializer,
        responses={
            200: IssuedTokenSerializer,
            400: OpenApiResponse(description="Identifiants ou appareil refusés."),
            429: OpenApiResponse(DETAIL, description="Trop d'échecs : connexion bloquée."),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        serializer = ObtainTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False) or getattr(
                request._request, "axes_locked_out", False
            ):
                return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        instance, secret = tokens.api_token_create(
            user=serializer.validated_data["user"],
            device=serializer.validated_data.get("device"),
        )
        return Response(
            {
                "token": secret,
                "expiry": serializers.DateTimeField().to_representation(instance.expiry),
                "device": instance.device,
                "id": instance.pk,
            }
        )


class LogoutView(APIView):
    """Revokes the token that authenticates the request."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Révoquer le jeton utilisé",
        request=None,
        responses={
            204: None,
            401: OpenApiResponse(DETAIL, description="Jeton absent ou invalide."),
        },
    )
    def post(self, request, *args, **kwargs):
        tokens.api_token_revoke(token=request.auth, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Mes jetons d'API en cours de validité"),
    destroy=extend_schema(summary="Révoquer un de mes jetons"),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The requesting user's live tokens; another user's token does not exist (404)."""

    serializer_class = ApiTokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    queryset = ApiToken.objects.none()  # for the schema; get_queryset scopes every request

    def get_queryset(self):
        return tokens.live_tokens(self.request.user)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def perform_destroy(self, instance):
        tokens.api_token_revoke(token=instance, by=self.request.user)
