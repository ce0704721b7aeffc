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


def media(request, path):
    # MEDIA_ROOT read per request, so a changed setting (tests, env) is honoured.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.AUTH_SERVE_MEDIA:
    # Profile pictures reach clients through the gateway's /media/auth/ route.
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media))

handler404 = "shared.errors.not_found"
handler500 = "shared.errors.server_error"
