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

from shared.openapi import IMAGE, IMAGE_SIZE, image_parts

ERROR = {"$ref": "#/components/schemas/ErrorOut"}
UNPROCESSABLE = {
    "description": "A control character, a lone surrogate or a number no store can hold (`fields` names it).",
    "content": {"application/json": {"schema": ERROR}},
}
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


# accounts.services.phone.phone_normalize: "+" and a number its country's numbering plan has (phonenumbers);
# the document states the E.164 form API.md names, and the plan in words (no pattern holds one).
PHONE = {
    "pattern": r"^\+[1-9][0-9]{6,14}$",
    "examples": ["+4791234567"],
    "description": "E.164, e.g. +4791234567 (spaces, dashes, dots and parentheses between the digits are read too). "
    "A number its country does not assign answers 400 invalid_phone.",
}


def _password_min_length() -> int | None:
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith(".MinimumLengthValidator"):
            return validator.get("OPTIONS", {}).get("min_length", 8)
    return None


def _password_rules() -> dict:
    """What settings.AUTH_PASSWORD_VALIDATORS refuse (400 weak_password), as far as a schema can say it."""
    names = {validator["NAME"].rsplit(".", 1)[-1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
    rules: dict[str, object] = {}
    words = []
    if "NumericPasswordValidator" in names:
        rules["not"] = {"pattern": r"^[0-9]*$"}
        words.append("not only digits")
    if "CommonPasswordValidator" in names:
        words.append("not one of the 20,000 most common passwords")
    if "UserAttributeSimilarityValidator" in names:
        words.append("not too like the username or e-mail")
    if words:
        rules["description"] = "At least the minimum length; " + ", ".join(words) + " (400 weak_password)."
    return rules


def document() -> dict:
    with patched_settings({"OAS_VERSION": "3.1.0"}):  # as Ninja writes the other services' documents
        schema = SchemaGenerator(title="auth service", version="1").get_schema(request=None, public=True)
    for operations in schema["paths"].values():
        for operation in operations.values():
            if "requestBody" in operation:  # shared.validation: text and numbers no store can hold
                operation["responses"].setdefault("422", {**UNPROCESSABLE})
            if operation.get("security") and {"BearerAuth": []} in operation["security"]:
                operation["security"] = [{"BearerAuth": []}]  # signed in only: spectacular adds {} for AllowAny views
                operation["responses"].setdefault(
                    "401", {"description": "Unauthorized", "content": {"application/json": {"schema": ERROR}}}
                )
    schema["paths"]["/api/v1/auth/pictures/{name}"] = PICTURES
    minimum = _password_min_length()
    for component, field in PASSWORD_FIELDS.items():
        if component in schema["components"]["schemas"]:
            password = schema["components"]["schemas"][component]["properties"][field]
            password.update(_password_rules())
            if minimum:
                password["minLength"] = minimum
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
    schema["components"]["schemas"]["PhoneIn"]["properties"]["phone"].update(PHONE)
    signup = schema["paths"]["/api/v1/auth/signup"]["post"]["requestBody"]["content"]["multipart/form-data"]
    signup["encoding"] = image_parts("profile_picture")
    return schema
