"""The benchmark's upstream: one Django Ninja endpoint answering a small JSON object behind the
gateway-token guard, as a service would (WSGI, for gunicorn with one sync worker: PERFORMANCE.md's setup)."""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SERVICE_NAME="gig",
    INSTALLED_APPS=["ninja"],
    MIDDLEWARE=["shared.requestid.RequestIdMiddleware", "shared.guard.GatewayTokenMiddleware"],
    DATABASES={},
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import NinjaAPI, Schema  # noqa: E402


class GigOut(Schema):
    id: str
    title: str
    price: str


api = NinjaAPI(urls_namespace="benchmark")


@api.get("/gigs/benchmark", response=GigOut)
def gig(request):
    return {"id": "1", "title": "I will design your logo", "price": "25.00"}


urlpatterns = [path("api/v1/", api.urls)]
application = get_wsgi_application()
