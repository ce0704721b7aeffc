from django.contrib import admin
from django.db import transaction
from django.urls import include, path
from ninja import NinjaAPI, Query, Schema
from tests.kernel.helpers import completed

from shared import health
from shared.api_ninja import BearerAuth, install_error_handlers
from shared.errors import Conflict
from shared.events import publish
from shared.events.contracts import GigCreated
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


@api.post("/orders/{order_id}/complete")
def complete_order(request, order_id: str, fail: bool = False):
    """Publishes order.completed (which this "review" service consumes) and gig.created, or rolls both back."""
    with transaction.atomic():
        publish(completed(order_id))
        publish(GigCreated(**{**GIG, "gig_id": f"gig-{order_id}"}))
        if fail:
            raise Conflict("Rolled back after publishing.", "rolled_back")
    return {"order_id": order_id}


GIG = dict(gig_id="g", seller_id="s", seller_user_id="8", title="t", price="10.00", category="c")

urlpatterns = [path("admin/review/", admin.site.urls), path("api/", api.urls), path("", include(health.urlpatterns))]
