"""The pages of one document: list, add, change (or view), delete."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from mongoengine.errors import NotUniqueError
from mongoengine.errors import ValidationError as MongoValidationError

from shared.mongoadmin.changelist import SEARCH_VAR, ChangeList
from shared.mongoadmin.display import display_value
from shared.mongoadmin.forms import DocumentForm, editable_field_names
from shared.mongoadmin.models import MongoDocument


def changelist_view(request, admin):
    if not admin.has_view_permission(request):
        raise PermissionDenied
    cl = ChangeList(request, admin)
    for title in cl.invalid_filters:
        messages.warning(request, f"The filter on {title} has no such value; showing every value instead.")
    can_change = admin.has_change_permission(request)
    verb = "change" if can_change else "view"
    context = {
        **_context(request, admin, title=f"Select {admin.verbose_name} to {verb}"),
        "cl": cl,
        "search_var": SEARCH_VAR,
        "has_add_permission": admin.has_add_permission(request),
        "add_url": admin.url("add"),
    }
    return TemplateResponse(request, "mongoadmin/change_list.html", context)


def add_view(request, admin):
    if not admin.has_add_permission(request):
        raise PermissionDenied
    return _form_view(request, admin, admin.document(), add=True)


def change_view(request, admin, object_id):
    obj = admin.get_object(request, unquote(object_id))
    if obj is None:
        return _missing(request, admin, object_id)
    if not admin.has_view_permission(request, obj):
        raise PermissionDenied
    if request.method == "POST" and not admin.has_change_permission(request, obj):
        raise PermissionDenied
    return _form_view(request, admin, obj, add=False)


def object_redirect_view(request, admin, object_id):
    return HttpResponseRedirect(admin.url("change", pk=unquote(object_id)))


def delete_view(request, admin, object_id):
    obj = admin.get_object(request, unquote(object_id))
    if obj is None:
        return _missing(request, admin, object_id)
    if not admin.has_delete_permission(request, obj):
        raise PermissionDenied
    if request.method == "POST":
        label = str(obj)
        _log(request, admin, obj, DELETION, "")
        admin.delete_document(request, obj)
        messages.success(request, f"The {admin.verbose_name} “{label}” was deleted successfully.")
        return HttpResponseRedirect(admin.url("changelist"))
    context = {
        **_context(request, admin, title="Are you sure?"),
        "object": obj,
        "object_url": admin.url("change", obj),
    }
    return TemplateResponse(request, "mongoadmin/delete_confirmation.html", context)


def _form_view(request, admin, obj, *, add: bool):
    can_change = add or admin.has_change_permission(request, obj)
    editable, readonly = editable_field_names(admin, request, None if add else obj)
    if not can_change:
        editable, readonly = [], [*editable, *readonly]
    form_kwargs = {"document_admin": admin, "instance": obj, "field_names": editable}
    form = DocumentForm(request.POST if request.method == "POST" else None, **form_kwargs)
    if request.method == "POST" and _save(request, admin, form, add=add):
        return _after_save(request, admin, obj, add=add)
    verb = "Add" if add else ("Change" if can_change else "View")
    context = {
        **_context(request, admin, title=f"{verb} {admin.verbose_name}"),
        "form": form,
        "original": None if add else obj,
        "add": add,
        "change": not add,
        "can_change": can_change,
        "readonly": [(admin.label_for(name), _readonly_value(admin, obj, name)) for name in readonly],
        "has_delete_permission": not add and admin.has_delete_permission(request, obj),
        "has_add_permission": admin.has_add_permission(request),
        "delete_url": None if add else admin.url("delete", obj),
    }
    return TemplateResponse(request, "mongoadmin/change_form.html", context)


def _save(request, admin, form, *, add: bool) -> bool:
    if not form.is_valid():
        return False
    form.apply()
    if not form.validate_document():
        return False
    try:
        admin.save_document(request, form.instance, form, not add)
    except NotUniqueError:
        form.add_error(None, f"Another {admin.verbose_name} already has one of these unique values.")
        return False
    except MongoValidationError as exc:
        form.add_document_errors(exc)
        return False
    message = [{"added": {}}] if add else ([{"changed": {"fields": form.changed_data}}] if form.changed_data else [])
    _log(request, admin, form.instance, ADDITION if add else CHANGE, json.dumps(message))
    return True


def _after_save(request, admin, obj, *, add: bool):
    link = format_html('<a href="{}">{}</a>', admin.url("change", obj), obj)
    done = "added" if add else "changed"
    if "_continue" in request.POST:
        messages.success(
            request,
            format_html(
                "The {} “{}” was {} successfully. You may edit it again below.", admin.verbose_name, link, done
            ),
        )
        return HttpResponseRedirect(admin.url("change", obj))
    if "_addanother" in request.POST:
        messages.success(
            request,
            format_html("The {} “{}” was {} successfully. You may add another below.", admin.verbose_name, link, done),
        )
        return HttpResponseRedirect(admin.url("add"))
    messages.success(request, format_html("The {} “{}” was {} successfully.", admin.verbose_name, link, done))
    return HttpResponseRedirect(admin.url("changelist"))


def _missing(request, admin, object_id):
    messages.warning(
        request, f"The {admin.verbose_name} with id “{unquote(object_id)}” doesn’t exist. Perhaps it was deleted?"
    )
    return HttpResponseRedirect(admin.url("changelist"))


def _readonly_value(admin, obj, name):
    func = getattr(admin, name, None) if name not in admin.document._fields else None
    value = func(obj) if callable(func) else getattr(obj, name, None)
    return display_value(value, empty=admin.empty_value_display)


def _context(request, admin, *, title: str) -> dict:
    return {
        **admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": admin.opts(),
        "document_admin": admin,
        "changelist_url": admin.url("changelist"),
        "app_url": admin.mongo_site.app_url(admin.app_label),
        "has_view_permission": admin.has_view_permission(request),
    }


def _log(request, admin, obj, action_flag: int, message: str) -> None:
    """An entry in the admin's history; the object id names the document, as no ContentType can."""
    LogEntry.objects.create(
        user_id=request.user.pk,
        content_type=ContentType.objects.get_for_model(MongoDocument),
        object_id=f"{admin.app_label}.{admin.model_name}:{obj.pk}",
        object_repr=str(obj)[:200],
        action_flag=action_flag,
        change_message=message,
    )
