from shared import mongo_apps


class GigsConfig(mongo_apps.MongoAppConfig):
    name = "gigs"
