from shared import mongo_apps


class OrdersConfig(mongo_apps.MongoAppConfig):
    name = "orders"
    document_modules = ("orders.documents", "orders.payments.sandbox")
