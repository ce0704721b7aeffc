from django.urls import path
from proxy import health

from config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("health", health.health),
    path("health/ready", health.health_ready),
]

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
