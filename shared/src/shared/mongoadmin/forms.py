"""The edit form of a document: built from its fields, checked again by MongoEngine."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from mongoengine.errors import ValidationError as MongoValidationError

from shared.mongoadmin.formfields import formfield_for


class DocumentForm(forms.Form):
    """A plain Django form whose fields mirror a document's editable fields."""

    def __init__(self, *args, document_admin, instance, field_names, **kwargs):
        self.document_admin = document_admin
        self.instance = instance
        fields = document_admin.document._fields
        initial = {name: getattr(instance, name, None) for name in field_names}
        super().__init__(*args, initial=initial, **kwargs)
        for name in field_names:
            self.fields[name] = formfield_for(fields[name], label=document_admin.label_for(name))

    def apply(self) -> None:
        """Copy the cleaned values onto the document (call after is_valid)."""
        for name, value in self.cleaned_data.items():
            setattr(self.instance, name, value)

    def validate_document(self) -> bool:
        """Run MongoEngine's own validation and show what it finds on the form."""
        try:
            self.instance.validate()
        except MongoValidationError as exc:
            self.add_document_errors(exc)
            return False
        return True

    def add_document_errors(self, exc: MongoValidationError) -> None:
        errors = exc.to_dict() if exc.errors else {NON_FIELD_ERRORS: exc.message}
        for name, detail in errors.items():
            message = _flatten(detail)
            if name in self.fields:
                self.add_error(name, message)
            elif name == NON_FIELD_ERRORS:
                self.add_error(None, message)
            else:
                self.add_error(None, f"{self.document_admin.label_for(name)}: {message}")


def editable_field_names(document_admin, request, obj) -> tuple[list[str], list[str]]:
    """(editable, read-only) field names of the form, in display order."""
    readonly = set(document_admin.get_readonly_fields(request, obj))
    fields = document_admin.document._fields
    editable, shown_readonly = [], []
    for name in document_admin.get_fields(request, obj):
        if name not in readonly and formfield_for(fields[name], label=name) is not None:
            editable.append(name)
        else:
            shown_readonly.append(name)
    if obj is not None:
        # Methods named in readonly_fields describe a saved document, so the add page leaves them out.
        shown_readonly += [name for name in document_admin.get_readonly_fields(request, obj) if name not in fields]
    return editable, shown_readonly


def _flatten(detail, prefix: str = "") -> str:
    """One readable line from MongoEngine's nested errors (embedded documents, list items)."""
    if isinstance(detail, dict):
        return "; ".join(_flatten(value, f"{prefix}{key}: ") for key, value in detail.items())
    return f"{prefix}{detail}"
