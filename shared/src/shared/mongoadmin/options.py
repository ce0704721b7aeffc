"""DocumentAdmin: how one MongoEngine document shows in the admin (the ModelAdmin of Mongo)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.exceptions import ImproperlyConfigured
from django.urls import path, reverse
from django.utils.text import camel_case_to_spaces, capfirst
from mongoengine.errors import ValidationError as MongoValidationError

from shared.mongoadmin import permissions


class DocumentAdmin:
    """Options and permission checks for one registered document.

    Override like a ``ModelAdmin``: ``list_display``, ``search_fields``,
    ``list_filter``, ``ordering``, ``list_per_page``, ``fields``, ``exclude``,
    ``readonly_fields``, the ``has_*_permission`` checks and the
    ``save_document``/``delete_document`` hooks (send writes through your
    services there when they must publish events).
    """

    list_display: tuple | list = ("__str__",)
    list_display_links: tuple | list | None = None
    search_fields: tuple | list = ()
    search_help_text: str | None = None
    list_filter: tuple | list = ()
    ordering: tuple | list | None = None
    list_per_page: int = 50
    fields: tuple | list | None = None
    exclude: tuple | list = ()
    readonly_fields: tuple | list = ()
    empty_value_display = "-"
    verbose_name: str | None = None
    verbose_name_plural: str | None = None
    app_label: str | None = None

    def __init__(self, document, mongo_site):
        self.document = document
        self.mongo_site = mongo_site
        self.model_name = document.__name__.lower()
        self.object_name = document.__name__
        self.app_label = self.app_label or _app_label_of(document)
        self.verbose_name = self.verbose_name or camel_case_to_spaces(document.__name__)
        self.verbose_name_plural = self.verbose_name_plural or f"{self.verbose_name}s"
        self._check_options()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.app_label}.{self.object_name}>"

    def _check_options(self) -> None:
        """Fail at start-up, not on the first page view, when an option names nothing."""
        known = set(self.document._fields) | {"pk"}
        for option in ("search_fields", "list_filter", "fields", "exclude", "ordering"):
            for name in getattr(self, option) or ():
                if name.lstrip("-^=").split("__")[0] not in known:
                    raise ImproperlyConfigured(
                        f"{self!r}: {option} names {name!r}, which is not a field of the document."
                    )
        for option in ("list_display", "readonly_fields"):
            for name in getattr(self, option) or ():
                if not (callable(name) or name in known or name == "__str__" or callable(getattr(self, name, None))):
                    raise ImproperlyConfigured(f"{self!r}: {option} names {name!r}, neither a field nor a method.")

    # Names and URLs -----------------------------------------------------

    @property
    def admin_site(self):
        return self.mongo_site.admin_site

    @property
    def app_config(self):
        return apps.get_app_config(self.app_label)

    @property
    def pk_name(self) -> str:
        return self.document._meta["id_field"]

    def url_name(self, action: str) -> str:
        return f"{self.app_label}_{self.model_name}_{action}"

    def url(self, action: str, obj=None, *, pk=None) -> str:
        pk = obj.pk if obj is not None else pk
        args = (quote(str(pk)),) if pk is not None else ()
        return reverse(f"{self.admin_site.name}:{self.url_name(action)}", args=args, current_app=self.admin_site.name)

    def get_urls(self) -> list:
        from shared.mongoadmin import views

        def wrap(view):
            def handler(request, *args, **kwargs):
                return view(request, self, *args, **kwargs)

            return self.admin_site.admin_view(handler)

        return [
            path("", wrap(views.changelist_view), name=self.url_name("changelist")),
            path("add/", wrap(views.add_view), name=self.url_name("add")),
            path("<path:object_id>/change/", wrap(views.change_view), name=self.url_name("change")),
            path("<path:object_id>/delete/", wrap(views.delete_view), name=self.url_name("delete")),
            path("<path:object_id>/", wrap(views.object_redirect_view)),
        ]

    @property
    def urls(self) -> list:
        return self.get_urls()

    def opts(self) -> dict:
        """What templates read as ``opts`` (the shape of a model's ``_meta`` they use)."""
        return {
            "app_label": self.app_label,
            "model_name": self.model_name,
            "object_name": self.object_name,
            "verbose_name": self.verbose_name,
            "verbose_name_plural": self.verbose_name_plural,
            "app_config": self.app_config,
        }

    # Permissions ----------------------------------------------------------

    def perm(self, action: str) -> str:
        return f"mongoadmin.{permissions.codename(action, self.app_label, self.model_name)}"

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(self.perm("view")) or self.has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm(self.perm("add"))

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(self.perm("change"))

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(self.perm("delete"))

    def get_document_perms(self, request) -> dict[str, bool]:
        return {
            "view": self.has_view_permission(request),
            "add": self.has_add_permission(request),
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
        }

    # Reads and writes -----------------------------------------------------

    def get_queryset(self, request):
        return self.document.objects

    def get_ordering(self, request) -> list[str]:
        return list(self.ordering or self.document._meta.get("ordering") or ["-pk"])

    def get_object(self, request, object_id: str):
        """The document with this URL id, or None when there is none (or the id cannot be one)."""
        pk_field = self.document._fields[self.pk_name]
        try:
            value = pk_field.to_python(object_id)
            pk_field.validate(value)
            return self.get_queryset(request).filter(pk=value).first()
        except (MongoValidationError, ValueError, TypeError):
            return None

    def save_document(self, request, document, form, change: bool) -> None:
        document.save()

    def delete_document(self, request, document) -> None:
        document.delete()

    def get_fields(self, request, obj=None) -> list[str]:
        names = list(self.fields) if self.fields else [n for n in self.document._fields_ordered if n != "_cls"]
        if obj is None and self.pk_is_automatic:
            names = [name for name in names if name != self.pk_name]
        return [name for name in names if name not in self.exclude]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        # Changing an id would write a second document instead of editing this one.
        return [*self.readonly_fields, *([self.pk_name] if obj is not None else [])]

    @property
    def pk_is_automatic(self) -> bool:
        """True when the database (or a counter) chooses the id, so the add form has none."""
        return type(self.document._fields[self.pk_name]).__name__ in ("ObjectIdField", "SequenceField")

    def label_for(self, name: str) -> str:
        """A field's verbose_name, a method's short_description (``@admin.display``), else the name."""
        field = self.document._fields.get(name)
        if field is not None:
            label = getattr(field, "verbose_name", None)
        else:
            label = getattr(getattr(self, name, None), "short_description", None)
        return capfirst(str(label or name.replace("_", " ")))


def _app_label_of(document) -> str:
    config = apps.get_containing_app_config(document.__module__)
    if config is None:
        raise ImproperlyConfigured(
            f"{document.__name__} is defined in {document.__module__}, outside every installed app; "
            "define it inside an app or give its DocumentAdmin an app_label."
        )
    return config.label
