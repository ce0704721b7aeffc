from gigs.apis import router as gigs_router
from gigs.cover_apis import router as covers_router
from ninja import NinjaAPI

from shared.api_ninja import MoneyJSONRenderer, install_error_handlers

api = NinjaAPI(title="gig service", version="1", urls_namespace="gig-api", renderer=MoneyJSONRenderer())
install_error_handlers(api)
api.add_router("", covers_router)  # before gigs: /gigs/covers/... is no gig id
api.add_router("", gigs_router)
