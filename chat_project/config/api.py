from chats.apis import router as chats_router
from chats.attachment_apis import router as attachments_router
from ninja import NinjaAPI

from config.renderers import MoneyJSONRenderer
from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="chat service", version="1", urls_namespace="chat-api", renderer=MoneyJSONRenderer())
install_error_handlers(api)
api.add_router("", chats_router)
api.add_router("", attachments_router)
