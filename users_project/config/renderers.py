"""JSON answers with money as a JSON number that keeps its two decimals.

The stdlib encoder (and so Django Ninja's default renderer) turns a Decimal
into a string or a float; API.md promises a number, stored exactly.
simplejson writes a Decimal as its exact digits (``12.50``).
"""
from __future__ import annotations

import simplejson
from django.core.serializers.json import DjangoJSONEncoder
from ninja.renderers import BaseRenderer

_django_default = DjangoJSONEncoder().default


class MoneyJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return simplejson.dumps(data, use_decimal=True, default=_django_default)
