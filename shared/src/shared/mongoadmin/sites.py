"""The registry of Mongo documents and its hooks into a Django ``AdminSite``.

Services keep using ``django.contrib.admin.site`` at ``/admin/<svc>/``; the
first registration wraps that site's ``get_urls`` and ``get_app_list`` so the
documents' pages and index entries appear beside the SQL models.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin as django_admin
from django.contrib.admin.exceptions import AlreadyRegistered, NotRegistered
from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path, re_path, reverse
from django.utils.text import capfirst

from shared.mongoadmin.options import DocumentAdmin


class MongoAdminSite:
    def __init__(self, admin_site=None):
        self._admin_site = admin_site
        self._registry: dict[type, DocumentAdmin] = {}
        self._attached_to = None

    @property
    def admin_site(self):
        return self._admin_site if self._admin_site is not None else django_admin.site

    def register(self, document, admin_class: type[DocumentAdmin] | None = None, **options) -> DocumentAdmin:
        """Show ``document`` in the admin; ``options`` override attributes like ``admin.site.register``."""
        if not apps.is_installed("shared.mongoadmin"):
            raise ImproperlyConfigured('Add "shared.mongoadmin" to INSTALLED_APPS to register Mongo documents.')
        if document in self._registry:
            raise AlreadyRegistered(f"The document {document.__name__} is already registered.")
        admin_class = admin_class or DocumentAdmin
        if options:
            options["__module__"] = __name__
            admin_class = type(f"{document.__name__}Admin", (admin_class,), options)
        document_admin = admin_class(document, self)
        self._check_unique(document_admin)
        self._registry[document] = document_admin
        self._attach()
        return document_admin

    def unregister(self, document) -> None:
        if document not in self._registry:
            raise NotRegistered(f"The document {document.__name__} is not registered.")
        del self._registry[document]

    def is_registered(self, document) -> bool:
        return document in self._registry

    def document_admins(self) -> list[DocumentAdmin]:
        return list(self._registry.values())

    def _check_unique(self, document_admin: DocumentAdmin) -> None:
        key = (document_admin.app_label, document_admin.model_name)
        taken = {(a.app_label, a.model_name) for a in self._registry.values()}
        taken |= {(m._meta.app_label, m._meta.model_name) for m in self.admin_site._registry}
        if key in taken:
            raise ImproperlyConfigured(f"{document_admin!r} would share its admin URL with another registration.")

    def _attach(self) -> None:
        site = self.admin_site
        if self._attached_to is site:
            return
        original_get_urls, original_get_app_list = site.get_urls, site.get_app_list

        def get_urls():
            return self.get_urls() + original_get_urls()

        def get_app_list(request, app_label=None):
            return self.add_to_app_list(request, original_get_app_list(request, app_label), app_label)

        site.get_urls, site.get_app_list = get_urls, get_app_list
        self._attached_to = site

    def get_urls(self) -> list:
        urls = [path(f"{a.app_label}/{a.model_name}/", include(a.urls)) for a in self._registry.values()]
        labels = sorted({a.app_label for a in self._registry.values()})
        if labels:
            # An app holding only documents has no app index of Django's own;
            # a second pattern under the same name lets `admin:app_list` reverse for it.
            urls.append(
                re_path(
                    rf"^(?P<app_label>{'|'.join(labels)})/$",
                    self.admin_site.admin_view(self.admin_site.app_index),
                    name="app_list",
                )
            )
        return urls

    def add_to_app_list(self, request, app_list: list[dict], app_label: str | None = None) -> list[dict]:
        apps_by_label = {app["app_label"]: app for app in app_list}
        for document_admin in self._registry.values():
            if app_label and document_admin.app_label != app_label:
                continue
            entry = self._app_list_entry(request, document_admin)
            if entry is None:
                continue
            app = apps_by_label.get(document_admin.app_label)
            if app is None:
                app = apps_by_label[document_admin.app_label] = self._app_dict(document_admin)
                app_list.append(app)
            app["models"].append(entry)
            app["models"].sort(key=lambda model: model["name"].lower())
        app_list.sort(key=lambda app: app["name"].lower())
        return app_list

    def app_url(self, app_label: str) -> str:
        site_name = self.admin_site.name
        return reverse(f"{site_name}:app_list", kwargs={"app_label": app_label}, current_app=site_name)

    def _app_dict(self, document_admin: DocumentAdmin) -> dict:
        return {
            "name": document_admin.app_config.verbose_name,
            "app_label": document_admin.app_label,
            "app_url": self.app_url(document_admin.app_label),
            "has_module_perms": True,
            "models": [],
        }

    def _app_list_entry(self, request, document_admin: DocumentAdmin) -> dict | None:
        perms = document_admin.get_document_perms(request)
        if not any(perms.values()):
            return None
        return {
            "model": None,
            "document": document_admin.document,
            "name": capfirst(document_admin.verbose_name_plural),
            "object_name": document_admin.object_name,
            "perms": perms,
            "admin_url": document_admin.url("changelist") if perms["view"] or perms["change"] else None,
            "add_url": document_admin.url("add") if perms["add"] else None,
            "view_only": not perms["change"],
        }


site = MongoAdminSite()


def register(*documents, mongo_site: MongoAdminSite | None = None):
    """Class decorator: ``@mongoadmin.register(Buyer)`` above a ``DocumentAdmin`` subclass."""

    def decorator(admin_class):
        for document in documents:
            (mongo_site or site).register(document, admin_class)
        return admin_class

    return decorator
