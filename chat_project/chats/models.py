"""No SQL models: chat keeps its data in MongoDB (documents.py).

This module exists so Django runs post_migrate for the app, which creates the
MongoDB collections and indexes (ChatsConfig.ready).
"""
