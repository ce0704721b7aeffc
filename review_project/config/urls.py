from django.contrib import admin
from django.urls import include, path

from config.api import api
from shared import health

admin.site.site_header = "Marketplace · review service"

urlpatterns = [
    path("admin/review/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include(health.urlpatterns)),
]

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
