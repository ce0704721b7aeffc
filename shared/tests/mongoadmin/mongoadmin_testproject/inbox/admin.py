from mongoadmin_testproject.inbox.documents import Message
from shared import mongoadmin

mongoadmin.site.register(Message)
