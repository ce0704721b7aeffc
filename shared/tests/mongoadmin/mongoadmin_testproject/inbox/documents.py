from mongoengine import Document, StringField


class Message(Document):
    subject = StringField(required=True)
    body = StringField()

    meta = {"collection": "messages"}
