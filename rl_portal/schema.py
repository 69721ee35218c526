"""The OpenAPI schema says every answer an operation can give, errors included (drf-spectacular
documents only the success by itself). Integrators rely on it, and tests/test_api_schema_fuzz.py
checks every answer against it.

Which errors each operation can give follows from how the API works, not from a list kept by
hand:
- 400: any request (a query parameter, a body, a NUL character — rl_portal.inputs);
- 401 and 403: any operation that needs authentication (no or bad token; role or service);
- 404: an operation on one record (an id outside what the user may see) or a page of a list
  (past the last page);
- 409: a write that carries the version read (a concurrent edit, rl_portal.versioning);
- 429: the token endpoint once django-axes has locked the account (rl_portal.api_auth).
"""

from __future__ import annotations

WRITE_METHODS = {"post", "put", "patch", "delete"}

ERROR = {
    "type": "object",
    "description": "Une erreur, décrite en français.",
    "properties": {
        "detail": {"type": "string", "description": "Le message, en français."},
        "code": {"type": "string", "description": "Le code de l'erreur (« conflict »…)."},
    },
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Requête refusée : `detail` pour la requête entière, ou, pour chaque champ refusé, "
        "la liste de ses messages en français (`non_field_errors` pour l'ensemble)."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {},
}
RESPONSES = {
    "400": ("ValidationError", "Requête invalide : messages en français."),
    "401": ("Error", "Authentification absente ou invalide (jeton expiré ou révoqué)."),
    "403": ("Error", "Action non permise à votre rôle ou hors de vos services."),
    "404": ("Error", "Introuvable, ou hors de ce que vous pouvez voir."),
    "409": ("Error", "La fiche a été modifiée depuis votre lecture : rien n'est enregistré."),
}


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return components.get(ref.rsplit("/", 1)[1], {})
    return schema


def _carries_version(operation: dict, components: dict) -> bool:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        body = _resolve(media.get("schema", {}), components)
        if "version" in body.get("properties", {}):
            return True
    return False


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: adds the error answers to every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    components.setdefault("ValidationError", VALIDATION_ERROR)
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400"]
            parameters = {parameter.get("name") for parameter in operation.get("parameters", [])}
            if "{" in path or "page" in parameters:
                codes.append("404")
            # drf-spectacular lists the schemes of an authenticated operation, none otherwise.
            if any(operation.get("security") or []):
                codes += ["401", "403"]
            if method in WRITE_METHODS and _carries_version(operation, components):
                codes.append("409")
            responses = operation["responses"]
            for code in codes:
                if code in responses:
                    continue
                name, description = RESPONSES[code]
                responses[code] = {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    },
                }
            operation["responses"] = dict(sorted(responses.items()))
    return result
