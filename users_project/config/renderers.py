"""JSON answers with money as a JSON number that keeps its two decimals.

The stdlib encoder (and so Django Ninja's default renderer) turns a Decimal
into a string or a float; API.md promises a number, stored exactly.
simplejson writes a Decimal as its exact digits (``12.50``).
"""
from __future__ import annotations

import simplejson
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

# Everything but Decimal (dates, UUIDs, models) is encoded as Ninja does.
_ninja_default = NinjaJSONEncoder().default


class MoneyJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return simplejson.dumps(data, use_decimal=True, default=_ninja_default)
