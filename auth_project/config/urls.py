from accounts import picture_views
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from shared import health

admin.site.site_header = "Marketplace · auth service"

urlpatterns = [
    path("admin/auth/", admin.site.urls),
    path("api/v1/auth/", include(("accounts.urls", "accounts"), namespace="accounts")),
    path("", include(health.urlpatterns)),
]


if settings.AUTH_SERVE_MEDIA:
    # Picture URLs published before /api/v1/auth/pictures/ existed still answer, from the same storage.
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}profile_pictures/<str:name>", picture_views.picture_get))

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
