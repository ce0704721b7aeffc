from shared import mongo_apps


class ChatsConfig(mongo_apps.MongoAppConfig):
    name = "chats"

    def ensure_collections(self) -> None:
        """Also drops the indexes a wider one replaced: each would cost every message's update for nothing."""
        super().ensure_collections()
        from chats.documents import Conversation
        from shared import mongo

        mongo.drop_indexes(Conversation, Conversation.SUPERSEDED_INDEXES)
