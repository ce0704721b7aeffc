from ninja import NinjaAPI
from reviews.apis import router as reviews_router

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="review service", version="1", urls_namespace="review-api")
install_error_handlers(api)
api.add_router("/reviews", reviews_router)
