from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from shared import health

admin.site.site_header = "Marketplace · auth service"

urlpatterns = [
    path("admin/auth/", admin.site.urls),
    path("api/v1/auth/", include(("accounts.urls", "accounts"), namespace="accounts")),
    path("", include(health.urlpatterns)),
]

if settings.AUTH_SERVE_MEDIA:
    # Profile pictures reach clients through the gateway's /media/auth/ route.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
