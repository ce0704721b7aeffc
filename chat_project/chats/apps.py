from shared import mongo_apps


class ChatsConfig(mongo_apps.MongoAppConfig):
    name = "chats"
