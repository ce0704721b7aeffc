"""JSON answers where money is a JSON number that keeps its two decimals (``12.50``).

Django Ninja's default encoder turns a Decimal into a string; API.md promises
a number, stored exactly. simplejson writes a Decimal as its exact digits.
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
