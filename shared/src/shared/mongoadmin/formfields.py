"""Django form fields for MongoEngine fields.

``formfield_for(field)`` answers the form field that edits one document
field, or None when the field is shown read-only (files, generic references,
geo types). Every form field here takes the document's own value as initial
and cleans to a value the document field accepts.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import json
import uuid

import mongoengine.fields as me
from bson import DBRef, Decimal128, ObjectId
from bson.errors import InvalidId
from django import forms
from mongoengine.base.fields import ObjectIdField
from mongoengine.errors import FieldDoesNotExist
from mongoengine.errors import ValidationError as MongoValidationError

SCALAR_FIELDS = (me.StringField, me.IntField, me.FloatField, me.DecimalField, ObjectIdField, me.UUIDField, me.EnumField)


def json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (ObjectId, uuid.UUID, decimal.Decimal, Decimal128)):
        return str(value)
    if isinstance(value, DBRef):
        return str(value.id)
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class JSONValueField(forms.CharField):
    """An embedded document, a dict or a list of complex values, edited as JSON."""

    widget = forms.Textarea(attrs={"rows": 8, "cols": 80, "class": "vLargeTextField", "spellcheck": "false"})

    def __init__(self, *, model_field, **kwargs):
        self.model_field = model_field
        if isinstance(model_field, (me.EmbeddedDocumentField, me.DictField)):
            self.shape, self.empty = dict, None if isinstance(model_field, me.EmbeddedDocumentField) else {}
        else:
            self.shape, self.empty = list, []
        kwargs["help_text"] = kwargs.get("help_text") or f"JSON ({'an object' if self.shape is dict else 'a list'})."
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return json.dumps(self.model_field.to_mongo(value), indent=2, default=json_default, ensure_ascii=False)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return self.empty
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"Enter valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).", code="invalid"
            ) from exc
        if not isinstance(parsed, self.shape):
            expected = "an object" if self.shape is dict else "a list"
            raise forms.ValidationError(f"Enter {expected} in JSON.", code="invalid")
        try:
            return self.model_field.to_python(parsed)
        except (FieldDoesNotExist, MongoValidationError, ValueError, TypeError) as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class ListItemsField(forms.CharField):
    """A list of simple values: one per line, or comma separated on a single line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def __init__(self, *, item_field: forms.Field, **kwargs):
        self.item_field = item_field
        kwargs["help_text"] = kwargs.get("help_text") or "One per line, or separated by commas on a single line."
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        items = [str(self.item_field.prepare_value(item)) for item in value]
        text = "\n".join(items)
        # A trailing newline keeps a lone item holding a comma from splitting on the next save.
        return text + "\n" if len(items) == 1 and "," in text else text

    def to_python(self, value):
        by_line = isinstance(value, str) and "\n" in value  # looked at before the strip drops a trailing newline
        text = super().to_python(value) or ""
        parts = text.splitlines() if by_line else text.split(",")
        items, errors = [], []
        for position, part in enumerate((p.strip() for p in parts if p.strip()), start=1):
            try:
                items.append(self.item_field.clean(part))
            except forms.ValidationError as exc:
                errors.append(f"Item {position} ({part}): {' '.join(exc.messages)}")
        if errors:
            raise forms.ValidationError(errors)
        return items

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ObjectIdFormField(forms.CharField):
    def prepare_value(self, value):
        return str(value) if isinstance(value, ObjectId) else value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return ObjectId(text)
        except (InvalidId, TypeError):
            raise forms.ValidationError("Enter a valid id (24 hexadecimal characters).", code="invalid") from None


class ReferenceIdField(forms.CharField):
    """A reference to another document, entered as that document's id."""

    def __init__(self, *, document_type, **kwargs):
        self.document_type = document_type
        kwargs["help_text"] = kwargs.get("help_text") or f"The id of a {document_type.__name__}."
        super().__init__(**kwargs)

    def prepare_value(self, value):
        pk = getattr(value, "pk", None) or getattr(value, "id", None)
        return str(pk) if pk is not None else value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        pk_field = self.document_type._fields[self.document_type._meta["id_field"]]
        try:
            pk = pk_field.to_python(text)
            pk_field.validate(pk)
            found = self.document_type.objects(pk=pk).first()
        except (MongoValidationError, ValueError, TypeError):
            found = None
        if found is None:
            raise forms.ValidationError(
                f"There is no {self.document_type.__name__} with id {text}.", code="invalid_choice"
            )
        return found


def _regex_validator(pattern):
    # MongoEngine anchors its regex at the start (re.match); the form must agree with it.
    def validate(value):
        if pattern.match(value) is None:
            raise forms.ValidationError("Enter a value in the expected format.", code="invalid")

    return validate


def choices_of(field) -> list[tuple] | None:
    if isinstance(field, me.EnumField):
        return [(member.value, member.name.replace("_", " ").capitalize()) for member in field._enum_cls]
    if not field.choices:
        return None
    return [tuple(c) if isinstance(c, (list, tuple)) else (c, c) for c in field.choices]


def _choice_field(field, choices, common: dict) -> forms.Field:
    coerce = {me.IntField: int, me.FloatField: float}.get(type(field), str)
    if isinstance(field, me.EnumField):
        enum_cls = field._enum_cls
        coerce = lambda value: enum_cls(type(next(iter(enum_cls)).value)(value))  # noqa: E731
    blank = [] if common["required"] else [("", "---------")]
    return forms.TypedChoiceField(choices=blank + choices, coerce=coerce, empty_value=None, **common)


def _scalar_field(field, common: dict) -> forms.Field | None:
    limits = {"min_value": getattr(field, "min_value", None), "max_value": getattr(field, "max_value", None)}
    if isinstance(field, me.EmailField):
        return forms.EmailField(max_length=field.max_length, empty_value=None, **common)
    if isinstance(field, me.URLField):
        return forms.URLField(max_length=field.max_length, empty_value=None, assume_scheme="https", **common)
    if isinstance(field, me.ComplexDateTimeField):
        return forms.DateTimeField(**common)
    if isinstance(field, me.StringField):
        validators = [_regex_validator(field.regex)] if field.regex else []
        return forms.CharField(
            max_length=field.max_length, min_length=field.min_length, empty_value=None, validators=validators, **common
        )
    if isinstance(field, me.IntField):
        return forms.IntegerField(**limits, **common)
    if isinstance(field, me.FloatField):
        return forms.FloatField(**limits, **common)
    if isinstance(field, me.DecimalField):
        return forms.DecimalField(decimal_places=field.precision, **limits, **common)
    if isinstance(field, me.BooleanField):
        return forms.BooleanField(**{**common, "required": False})
    if isinstance(field, me.DateField):
        return forms.DateField(**common)
    if isinstance(field, me.DateTimeField):
        return forms.DateTimeField(**common)
    if isinstance(field, ObjectIdField):
        return ObjectIdFormField(**common)
    if isinstance(field, me.UUIDField):
        return forms.UUIDField(**common)
    return None


def formfield_for(field, *, label: str) -> forms.Field | None:
    common = {"required": bool(field.required), "label": label, "help_text": getattr(field, "help_text", "") or ""}
    choices = choices_of(field)
    if choices is not None:
        return _choice_field(field, choices, common)
    if isinstance(field, me.ReferenceField):
        return ReferenceIdField(document_type=field.document_type, **common)
    if isinstance(field, me.ListField) and isinstance(field.field, SCALAR_FIELDS):
        item_field = formfield_for(field.field, label=label)
        item_field.required = True
        return ListItemsField(item_field=item_field, **common)
    if isinstance(field, (me.EmbeddedDocumentField, me.DictField, me.ListField)):
        return JSONValueField(model_field=field, **common)
    return _scalar_field(field, common)
