from django.apps import AppConfig


class InboxConfig(AppConfig):
    """An app holding only documents (like most service apps), to test its app index."""

    name = "mongoadmin_testproject.inbox"
    label = "inbox"
    verbose_name = "Inbox"
