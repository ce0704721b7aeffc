"""A delivered file as the order keeps it: an upload in storage, or a link the seller gave.

Records written before files had ids hold plain strings (a storage name or a
link); the field reads those as files too, with an id derived from the
string, so old deliveries stay downloadable under a stable URL.
"""

from __future__ import annotations

import hashlib
import uuid

import mongoengine as me

LINK_PREFIXES = ("http://", "https://")


class DeliveryFile(me.EmbeddedDocument):
    file_id = me.StringField(required=True)
    name = me.StringField(required=True)  # shown and offered as the download's file name
    path = me.StringField(default="")  # the storage name; "" for a link
    link = me.StringField(default="")
    size = me.IntField(null=True, default=None)
    content_type = me.StringField(default="")

    @property
    def is_link(self) -> bool:
        return bool(self.link)


def new_file_id() -> str:
    return uuid.uuid4().hex[:16]


def delivery_file_of(value) -> DeliveryFile:
    """A DeliveryFile for what a delivery holds (a DeliveryFile, or a string from older records and links)."""
    if isinstance(value, DeliveryFile):
        return value
    text = str(value)
    file_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    name = text.rstrip("/").rsplit("/", 1)[-1] or "file"
    if text.startswith(LINK_PREFIXES):
        return DeliveryFile(file_id=file_id, name=name, link=text)
    # A stored name "orders/<id>/deliveries/<random>_<client name>".
    return DeliveryFile(file_id=file_id, name=name.split("_", 1)[-1], path=text)


class DeliveryFileField(me.EmbeddedDocumentField):
    """An embedded DeliveryFile that also accepts the plain strings of links and older records."""

    def __init__(self, **kwargs):
        super().__init__(DeliveryFile, **kwargs)

    def to_python(self, value):
        return super().to_python(delivery_file_of(value) if isinstance(value, str) else value)

    def to_mongo(self, value, *args, **kwargs):
        return super().to_mongo(delivery_file_of(value), *args, **kwargs)

    def validate(self, value, clean=True):
        super().validate(delivery_file_of(value), clean)
