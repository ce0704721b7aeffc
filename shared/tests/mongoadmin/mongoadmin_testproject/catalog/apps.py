from django.apps import AppConfig
from django.conf import settings


class CatalogConfig(AppConfig):
    name = "mongoadmin_testproject.catalog"
    label = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from shared import mongo

        mongo.connect(settings.MONGODB_URL)
