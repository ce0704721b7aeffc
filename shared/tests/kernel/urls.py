from django.urls import include, path
from ninja import NinjaAPI

from shared import health
from shared.api_ninja import BearerAuth, install_error_handlers
from shared.errors import Conflict

api = NinjaAPI(urls_namespace="kernel-test")
install_error_handlers(api)


@api.get("/whoami", auth=BearerAuth())
def whoami(request):
    return {"id": request.auth.id, "username": request.auth.username}


@api.post("/conflict")
def conflict(request):
    raise Conflict("Already there.", "duplicate")


urlpatterns = [path("api/", api.urls), path("", include(health.urlpatterns))]
