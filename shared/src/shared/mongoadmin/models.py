from django.db import models


class MongoDocument(models.Model):  # noqa: DJ008 - no rows, so nothing to print: a permissions anchor
    """The anchor for Mongo document permissions.

    Django permissions need a ContentType and a ContentType needs a model, and
    a MongoEngine document is neither; every ``mongoadmin.<action>_<app>_<document>``
    permission hangs off this one model instead. It owns no table.
    """

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = "Mongo document"
        verbose_name_plural = "Mongo documents"
