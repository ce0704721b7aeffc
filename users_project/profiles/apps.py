from shared import mongo_apps


class ProfilesConfig(mongo_apps.MongoAppConfig):
    name = "profiles"
