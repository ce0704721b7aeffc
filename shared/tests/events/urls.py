from django.urls import include, path

from shared import health

urlpatterns = [path("", include(health.urlpatterns))]
