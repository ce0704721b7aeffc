from django.urls import path, re_path
from proxy import health
from proxy.django_adapter import relay
from proxy.routes import API_SEGMENTS

from config.api import api

# Every other public API path is a service's: relayed through the same core when Django serves it directly.
SERVICE_PATHS = r"^api/v1/(?:{})(?:/.*)?$".format("|".join(sorted(API_SEGMENTS)))

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(SERVICE_PATHS, relay),
    path("health", health.health),
    path("health/ready", health.health_ready),
]

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
