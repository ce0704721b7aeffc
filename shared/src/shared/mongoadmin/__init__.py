"""MongoEngine documents in the Django admin (django-mongoengine does not run on Django 5).

One line per document in a service's ``<app>/admin.py``::

    from shared import mongoadmin
    mongoadmin.site.register(Buyer, list_display=["username", "email"], search_fields=["username"])

See README.md in this folder for options and the permission convention.
"""

from shared.mongoadmin.options import DocumentAdmin
from shared.mongoadmin.sites import MongoAdminSite, register, site

__all__ = ["DocumentAdmin", "MongoAdminSite", "register", "site"]
