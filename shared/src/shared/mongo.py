"""MongoEngine connection and the small transaction layer MongoEngine lacks.

MongoEngine 0.29 has no sessions, so writes that must commit together (a
document and its outbox event, a processed-event mark and its effect) go
through :func:`atomic` and the helpers below, which pass the session to
PyMongo. Reads and validation stay plain MongoEngine.

Every write is durable before it is acknowledged: the client's default write
concern is ``w: "majority", j: true`` and a transaction commits with the same,
reading at ``snapshot``. MongoDB's own default (``w: 1`` without waiting for
the journal) acknowledges writes a crash then loses (docs/decisions/0010).
Options the URL itself names (``?w=1&journal=false``) win.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

import mongoengine
from pymongo.client_session import ClientSession
from pymongo.read_concern import ReadConcern
from pymongo.uri_parser import parse_uri

_session: ContextVar[ClientSession | None] = ContextVar("mongo_session", default=None)
_after_commit: ContextVar[list | None] = ContextVar("mongo_after_commit", default=None)


DURABLE = {"w": "majority", "journal": True, "readConcernLevel": "majority"}
TRANSACTION_READ_CONCERN = "snapshot"


def durable_options(url: str) -> dict:
    """The client options that make writes durable, less those the URL sets itself."""
    named = {key.lower() for key in parse_uri(url, validate=False, warn=True)["options"]}
    return {key: value for key, value in DURABLE.items() if key.lower() not in named}


def connect(url: str, alias: str = mongoengine.DEFAULT_CONNECTION_NAME, **options):
    """Connect once per process (idempotent); ``url`` names the database."""
    return mongoengine.connect(
        host=url, alias=alias, tz_aware=True, uuidRepresentation="standard", **durable_options(url), **options
    )


def client(alias: str = mongoengine.DEFAULT_CONNECTION_NAME):
    return mongoengine.get_connection(alias)


def database(alias: str = mongoengine.DEFAULT_CONNECTION_NAME):
    return mongoengine.get_db(alias)


def current_session() -> ClientSession | None:
    return _session.get()


@contextmanager
def atomic(alias: str = mongoengine.DEFAULT_CONNECTION_NAME, *, read_concern: str | None = TRANSACTION_READ_CONCERN):
    """A multi-document transaction; nested calls join the outer one.

    ``read_concern=None`` sends none (the server's default): for a transaction that only writes, or
    reads only what never changes. The MongoDB stand-in refuses a read concern on ``bulkWrite``
    (:func:`bulk_write`), which carries it when it is the transaction's first command.
    """
    if _session.get() is not None:
        yield _session.get()
        return
    callbacks: list = []
    connection = client(alias)
    with connection.start_session() as session:
        # The commit waits for the journal of a majority, like every other write of this client;
        # snapshot reads see one committed state, which a majority commit keeps after a failover.
        with session.start_transaction(
            read_concern=ReadConcern(read_concern), write_concern=connection.write_concern
        ):
            token, callbacks_token = _session.set(session), _after_commit.set(callbacks)
            try:
                yield session
            finally:
                _session.reset(token)
                _after_commit.reset(callbacks_token)
    for callback in callbacks:
        callback()


def on_commit(callback) -> None:
    """Run ``callback`` once the current transaction commits (at once outside one)."""
    callbacks = _after_commit.get()
    if callbacks is None:
        callback()
    else:
        callbacks.append(callback)


def save(document, *, validate: bool = True, force_insert: bool = False):
    """Insert or replace a MongoEngine document inside the current transaction, if any.

    ``force_insert`` makes a document with a preset primary key fail with
    DuplicateKeyError when it exists, instead of replacing it.
    """
    if validate:
        document.validate()
    collection = document._get_collection()
    data = document.to_mongo()
    if document.pk is None or force_insert:
        result = collection.insert_one(data, session=current_session())
        document.pk = result.inserted_id
    else:
        collection.replace_one({"_id": document.pk}, data, upsert=True, session=current_session())
    document._clear_changed_fields()
    document._created = False
    return document


def update_one(document_class, query: dict, update: dict, **kwargs):
    """A raw ``update_one`` on the class's collection, inside the current transaction."""
    return document_class._get_collection().update_one(query, update, session=current_session(), **kwargs)


def bulk_write(requests, alias: str = mongoengine.DEFAULT_CONNECTION_NAME):
    """Writes to several collections in one round trip (MongoDB 8's ``bulkWrite``), in order, inside
    the current transaction: pymongo's ``InsertOne`` / ``UpdateOne`` ... each naming its
    ``namespace`` (``collection.full_name``)."""
    from pymongo.errors import ClientBulkWriteException, DuplicateKeyError, PyMongoError, WriteError

    try:
        return client(alias).bulk_write(requests, session=current_session(), ordered=True)
    except ClientBulkWriteException as exc:
        # Raised as a single write raises it, so retry loops see a duplicate key, a write conflict or a
        # TransientTransactionError label where they look for them.
        if isinstance(exc.error, PyMongoError):
            raise exc.error from exc
        if exc.write_errors:
            first = exc.write_errors[0]
            kind = DuplicateKeyError if first.get("code") == 11000 else WriteError
            raise kind(first.get("errmsg", "write error"), first.get("code"), first) from exc
        raise


def delete(document) -> None:
    document._get_collection().delete_one({"_id": document.pk}, session=current_session())


def ensure_collections(*documents) -> None:
    """Create the collections and indexes of ``documents`` and of the event bus up front (idempotent).

    MongoDB refuses to create a collection or an index inside a transaction
    that has already written (WriteConflict), which the first write or event of
    a fresh database would otherwise do. Services call this after ``migrate``,
    when a worker starts and before their tests.
    """
    from shared.events.mongo_documents import OutboxEvent, ProcessedEvent

    db = database()
    existing = set(db.list_collection_names())
    for document in (*documents, OutboxEvent, ProcessedEvent):
        name = document._get_collection_name()
        if name not in existing:
            db.create_collection(name)
            existing.add(name)
        document.ensure_indexes()
