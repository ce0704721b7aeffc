"""The list page's query: search, filters, ordering and paging over a document's queryset."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import mongoengine.fields as me
from django.core.paginator import Paginator
from mongoengine.queryset.visitor import Q

from shared.mongoadmin.display import ListColumn
from shared.mongoadmin.formfields import choices_of

SEARCH_VAR, ORDER_VAR, PAGE_VAR = "q", "o", "p"
DISTINCT_FILTER_LIMIT = 50


class ListFilter:
    """``list_filter`` on one field: its choices, Yes/No for booleans, else its distinct values."""

    def __init__(self, changelist, name: str):
        self.changelist = changelist
        self.name = name
        self.field = changelist.document_admin.document._fields[name]
        self.title = changelist.document_admin.label_for(name).lower()
        self.options = self._options()
        self.selected = changelist.params.get(name)
        self.invalid = self.selected is not None and self.selected not in self.options

    def _options(self) -> dict[str, tuple]:
        """URL value -> (stored value, label)."""
        if isinstance(self.field, me.BooleanField):
            return {"1": (True, "Yes"), "0": (False, "No")}
        choices = choices_of(self.field)
        if choices is None:
            values = self.changelist.document_admin.get_queryset(self.changelist.request).distinct(self.name)
            choices = [(value, value) for value in sorted(values, key=str)[:DISTINCT_FILTER_LIMIT]]
        return {str(value): (value, label) for value, label in choices}

    def apply(self, queryset):
        if self.selected is None or self.invalid:
            return queryset
        return queryset.filter(**{self.name: self.options[self.selected][0]})

    def choices(self) -> list[dict]:
        cl = self.changelist
        links = [
            {
                "display": "All",
                "selected": self.selected is None or self.invalid,
                "query_string": cl.query_string(remove=[self.name]),
            }
        ]
        for key, (_, label) in self.options.items():
            links.append(
                {"display": label, "selected": key == self.selected, "query_string": cl.query_string({self.name: key})}
            )
        return links


class ChangeList:
    def __init__(self, request, document_admin):
        self.request = request
        self.document_admin = document_admin
        self.params = dict(request.GET.items())
        self.query = self.params.get(SEARCH_VAR, "").strip()
        self.columns = [ListColumn(document_admin, name) for name in document_admin.list_display]
        self.filter_specs = [ListFilter(self, name) for name in document_admin.list_filter]
        self.invalid_filters = [spec.title for spec in self.filter_specs if spec.invalid]
        self.ordering_field = self._ordering_field()
        base = document_admin.get_queryset(request)
        queryset = self._search(base)
        for spec in self.filter_specs:
            queryset = spec.apply(queryset)
        queryset = queryset.order_by(*self._ordering())
        self.paginator = Paginator(queryset, document_admin.list_per_page)
        self.page = self.paginator.get_page(self.params.get(PAGE_VAR))
        self.result_count = self.paginator.count
        self.is_filtered = bool(self.query) or any(spec.selected and not spec.invalid for spec in self.filter_specs)
        self.full_count = base.count() if self.is_filtered else self.result_count

    def query_string(self, new: dict | None = None, remove: list[str] | tuple = ()) -> str:
        params = {k: v for k, v in self.params.items() if k not in remove and k != PAGE_VAR}
        params.update(new or {})
        return "?" + urlencode(params)

    def page_links(self) -> list[dict]:
        """The paginator's numbers (elided when there are many); none when one page holds all."""
        if self.paginator.num_pages < 2:
            return []
        params = {k: v for k, v in self.params.items() if k != PAGE_VAR}
        numbers = list(self.paginator.get_elided_page_range(self.page.number))
        return [
            {
                "number": number,
                "current": number == self.page.number,
                "url": "?" + urlencode({**params, PAGE_VAR: number}) if isinstance(number, int) else None,
                "last": number == self.paginator.num_pages,
            }
            for number in numbers
        ]

    # Search ------------------------------------------------------------

    def _search(self, queryset):
        fields = self.document_admin.search_fields
        if not self.query or not fields:
            return queryset
        for term in self.query.split():
            term_q = None
            for spec in fields:
                clause = self._search_clause(spec, term)
                if clause is not None:
                    term_q = clause if term_q is None else term_q | clause
            queryset = queryset.filter(term_q) if term_q is not None else queryset.none()
        return queryset

    def _search_clause(self, spec: str, term: str):
        """``name`` contains, ``^name`` starts with, ``=name`` equals; all case-insensitive."""
        name = spec.lstrip("^=")
        field = self.document_admin.document._fields[name.split("__")[0]]
        if "__" not in name and not _is_textual(field):
            return self._exact_clause(name, field, term)
        pattern = re.escape(term)
        pattern = {"^": f"^{pattern}", "=": f"^{pattern}$"}.get(spec[0], pattern)
        return Q(**{f"{name}__iregex": pattern})

    @staticmethod
    def _exact_clause(name, field, term):
        try:
            value = field.to_python(term)
            field.validate(value)
        except Exception:
            return None
        return Q(**{name: value})

    # Ordering ----------------------------------------------------------

    def _ordering_field(self) -> str | None:
        requested = self.params.get(ORDER_VAR, "")
        sortable = {column.name for column in self.columns if column.is_field}
        return requested if requested.lstrip("-") in sortable else None

    def _ordering(self) -> list[str]:
        ordering = self.document_admin.get_ordering(self.request)
        if self.ordering_field:
            ordering = [self.ordering_field, *[o for o in ordering if o.lstrip("-") != self.ordering_field.lstrip("-")]]
        # Paging needs a total order; the id breaks every tie.
        if not any(o.lstrip("-") in ("pk", "id", self.document_admin.pk_name) for o in ordering):
            ordering.append("pk")
        return ordering

    def headers(self) -> list[dict]:
        headers = []
        for column in self.columns:
            header = {"text": column.header, "sortable": column.is_field, "sorted": None, "url": None}
            if column.is_field:
                current = self.ordering_field or ""
                header["sorted"] = (
                    ("desc" if current.startswith("-") else "asc") if current.lstrip("-") == column.name else None
                )
                flip = f"-{column.name}" if header["sorted"] == "asc" else column.name
                header["url"] = self.query_string({ORDER_VAR: flip})
            headers.append(header)
        return headers

    def rows(self) -> list[dict]:
        admin = self.document_admin
        links = set(admin.list_display_links or [admin.list_display[0]])
        return [
            {
                "url": admin.url("change", obj),
                "cells": [{"value": column.value(obj), "link": column.name in links} for column in self.columns],
            }
            for obj in self.page.object_list
        ]


def _is_textual(field) -> bool:
    if isinstance(field, me.ListField):
        field = field.field
    return isinstance(field, me.StringField)
