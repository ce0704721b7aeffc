"""JSON answers where money is a JSON number that keeps its two decimals (``12.50``).

Django Ninja's default encoder turns a Decimal into a string; API.md promises
a number, stored exactly. The socket frames use the same encoding (chats.realtime).
"""

from __future__ import annotations

from chats.realtime import encode
from ninja.renderers import BaseRenderer


class MoneyJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return encode(data)
