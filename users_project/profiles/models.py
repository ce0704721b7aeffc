"""No SQL models: profiles live in MongoDB (see documents.py).

The module exists because Django sends ``post_migrate`` only to apps that
have one, and that signal is what prepares the MongoDB collections.
"""
