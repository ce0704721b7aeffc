"""auth's own OpenAPI document (``python -m shared.openapi`` prints it; the gateway merges it).

drf-spectacular reads the views (``@documented`` in accounts/apis.py and two_step_apis.py) and
their serializers; what it cannot see is added here from the code that decides it: the
password rules (settings.AUTH_PASSWORD_VALIDATORS), the 401 of every signed-in view, and
the picture route (a plain Django view, so streams and 304s pass untouched).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings

from shared.openapi import IMAGE, IMAGE_SIZE

ERROR = {"$ref": "#/components/schemas/ErrorOut"}
PICTURES = {
    "get": {
        "operationId": "auth_pictures_retrieve",
        "summary": "A profile picture (the user's profile_picture URL)",
        "description": IMAGE + " Buyer and seller profiles carry the same URL.",
        "tags": ["auth"],
        "parameters": [
            {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}},
            IMAGE_SIZE,
        ],
        "responses": {
            "200": {
                "description": "The image.",
                "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
            },
            "304": {"description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is current."},
            "400": {"description": "Bad Request", "content": {"application/json": {"schema": ERROR}}},
            "404": {"description": "Not Found", "content": {"application/json": {"schema": ERROR}}},
        },
    }
}
PASSWORD_FIELDS = {
    "SignupJsonIn": "password",
    "SignupIn": "password",
    "ResetPasswordIn": "password",
    "ChangePasswordIn": "new_password",
}


def _password_min_length() -> int | None:
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith(".MinimumLengthValidator"):
            return validator.get("OPTIONS", {}).get("min_length", 8)
    return None


def document() -> dict:
    with patched_settings({"OAS_VERSION": "3.1.0"}):  # as Ninja writes the other services' documents
        schema = SchemaGenerator(title="auth service", version="1").get_schema(request=None, public=True)
    for operations in schema["paths"].values():
        for operation in operations.values():
            if operation.get("security") and {"BearerAuth": []} in operation["security"]:
                operation["security"] = [{"BearerAuth": []}]  # signed in only: spectacular adds {} for AllowAny views
                operation["responses"].setdefault(
                    "401", {"description": "Unauthorized", "content": {"application/json": {"schema": ERROR}}}
                )
    schema["paths"]["/api/v1/auth/pictures/{name}"] = PICTURES
    minimum = _password_min_length()
    for component, field in PASSWORD_FIELDS.items():
        if minimum and component in schema["components"]["schemas"]:
            schema["components"]["schemas"][component]["properties"][field]["minLength"] = minimum
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("In"):  # the inputs: a CharField refuses "" (allow_blank is never set here)
            for field in component.get("properties", {}).values():
                if field.get("type") == "string" and "format" not in field:
                    field.setdefault("minLength", 1)
    # An upload, not the URL spectacular describes for an ImageField in an answer.
    schema["components"]["schemas"]["SignupIn"]["properties"]["profile_picture"] = {
        "type": "string",
        "format": "binary",
        "description": "Optional JPEG, PNG, WebP or GIF.",
    }
    return schema
