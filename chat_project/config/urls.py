from django.contrib import admin
from django.urls import include, path

from config.api import api
from shared import health

admin.site.site_header = "Marketplace · chat service"

urlpatterns = [
    path("admin/chat/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include(health.urlpatterns)),
]

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
