from django.db import models


class Note(models.Model):
    """A SQL model, so the index shows documents beside models in one app."""

    text = models.CharField(max_length=100)

    def __str__(self):
        return self.text
