"""Downloading a delivered file: the order's buyer and seller only, streamed as an attachment."""

from __future__ import annotations

from ninja import Router

from orders import selectors
from orders.files import delivery_file_download
from shared.api_ninja import BearerAuth
from shared.openapi import DOWNLOAD, file_answer

router = Router(tags=["orders"], auth=BearerAuth())


@router.get(
    "/orders/{order_id}/files/{file_id}",
    summary="A delivered file (buyer or seller of the order)",
    description=DOWNLOAD,
    openapi_extra=file_answer(
        content_type="application/octet-stream", description="The file's bytes.", errors=(403, 404)
    ),
)
def delivery_file_get(request, order_id: str, file_id: str):
    order, _role = selectors.order_get_for_party(order_id=order_id, user=request.auth)
    return delivery_file_download(order=order, file_id=file_id)
