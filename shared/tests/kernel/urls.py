from django.urls import include, path
from ninja import NinjaAPI, Query, Schema

from shared import health
from shared.api_ninja import BearerAuth, install_error_handlers
from shared.errors import Conflict
from shared.validation import PageNumber, SingleLineText, Text

api = NinjaAPI(urls_namespace="kernel-test")
install_error_handlers(api)


@api.get("/whoami", auth=BearerAuth())
def whoami(request):
    return {"id": request.auth.id, "username": request.auth.username}


@api.post("/conflict")
def conflict(request):
    raise Conflict("Already there.", "duplicate")


class EchoIn(Schema):
    title: SingleLineText
    body: Text = ""
    count: int = 0


class PageQuery(Schema):
    page: PageNumber = 1


@api.post("/echo")
def echo(request, payload: EchoIn):
    return payload.dict()


@api.get("/pages")
def pages(request, query: Query[PageQuery]):
    return {"page": query.page}


urlpatterns = [path("api/", api.urls), path("", include(health.urlpatterns))]
