"""How document values read in lists and read-only pages."""

from __future__ import annotations

import json

from django.contrib.admin.utils import display_for_value
from django.utils.html import format_html
from django.utils.text import capfirst
from mongoengine import EmbeddedDocument

from shared.mongoadmin.formfields import choices_of, json_default


def display_value(value, *, empty: str, boolean: bool = False):
    if isinstance(value, (dict, EmbeddedDocument)) or (
        isinstance(value, list) and any(isinstance(item, (dict, list, EmbeddedDocument)) for item in value)
    ):
        return _json_block(_plain(value))
    if isinstance(value, list):
        return display_for_value([str(item) for item in value], empty)
    return display_for_value(value, empty, boolean=boolean)


def _plain(value):
    if isinstance(value, EmbeddedDocument):
        return value.to_mongo().to_dict()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _json_block(value):
    return format_html("<pre>{}</pre>", json.dumps(value, indent=2, default=json_default, ensure_ascii=False))


class ListColumn:
    """One ``list_display`` entry: a field name, an admin method, a callable or ``__str__``."""

    def __init__(self, document_admin, name):
        self.document_admin = document_admin
        self.name = name
        self.func = self._resolve(name)
        self.is_field = isinstance(name, str) and name in document_admin.document._fields
        field = document_admin.document._fields.get(name) if self.is_field else None
        # A field with choices shows its label, as get_FOO_display does for models.
        self.labels = dict(choices_of(field) or []) if field is not None else {}
        self.boolean = getattr(self.func, "boolean", False) or (
            self.is_field and type(document_admin.document._fields[name]).__name__ == "BooleanField"
        )

    def _resolve(self, name):
        if callable(name):
            return name
        if name == "__str__":
            return str
        if (
            isinstance(name, str)
            and hasattr(self.document_admin, name)
            and name not in self.document_admin.document._fields
        ):
            return getattr(self.document_admin, name)
        return None

    @property
    def header(self) -> str:
        if self.name == "__str__":
            return self.document_admin.verbose_name.capitalize()
        if isinstance(self.name, str):
            return self.document_admin.label_for(self.name)
        label = getattr(self.func, "short_description", None) or self.func.__name__.replace("_", " ")
        return capfirst(str(label))

    def value(self, obj):
        raw = self.func(obj) if self.func is not None else getattr(obj, self.name, None)
        if self.labels and raw in self.labels:
            return self.labels[raw]
        return display_value(raw, empty=self.document_admin.empty_value_display, boolean=self.boolean)
