"""MongoEngine connection and the small transaction layer MongoEngine lacks.

MongoEngine 0.29 has no sessions, so writes that must commit together (a
document and its outbox event, a processed-event mark and its effect) go
through :func:`atomic` and the helpers below, which pass the session to
PyMongo. Reads and validation stay plain MongoEngine. Outside ``shared`` no
code reaches a raw collection (``Document._get_collection()``): it uses
:func:`collection`, whose operations join the current transaction (a test
in the shared suite holds every project to it).

    with mongo.atomic():           # one transaction (nested blocks join it)
        ...
    @mongo.atomic                  # the same, run again when a concurrent one conflicted
    def write(): ...

Every write is durable before it is acknowledged: the client's default write
concern is ``w: "majority", j: true`` and a transaction commits with the same,
reading at ``snapshot``. MongoDB's own default (``w: 1`` without waiting for
the journal) acknowledges writes a crash then loses (docs/decisions/0010).
Options the URL itself names (``?w=1&journal=false``) win.
"""

from __future__ import annotations

import functools
import random
import time
from contextlib import contextmanager
from contextvars import ContextVar

import mongoengine
from pymongo.client_session import ClientSession
from pymongo.errors import PyMongoError
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


WRITE_CONFLICT = 112  # a concurrent transaction wrote the same document first
ATTEMPTS = 6  # commits of a transaction whose outcome was unknown
# Runs of a retried transaction. Writers of one hot document (gig search's sequence counter) conflict
# until they take turns: with 6 runs and short pauses, 4 sellers creating gigs at once on a busy machine
# ran out of runs and answered 500. Like the drivers' with_transaction, retry for a while instead.
RUNS = 12
RETRY_SECONDS = 10.0  # no new run starts after this long


def is_transient(exc: BaseException) -> bool:
    """Whether the whole transaction may succeed when run again (MongoDB labels these)."""
    return isinstance(exc, PyMongoError) and (
        exc.has_error_label("TransientTransactionError") or getattr(exc, "code", None) == WRITE_CONFLICT
    )


def _commit(session: ClientSession) -> None:
    """Commit, again while the outcome is unknown (a commit is idempotent; MongoDB's documented loop)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            session.commit_transaction()
            return
        except PyMongoError as exc:
            if attempt == ATTEMPTS or not exc.has_error_label("UnknownTransactionCommitResult"):
                raise


@contextmanager
def _transaction(alias: str, read_concern: str | None = TRANSACTION_READ_CONCERN):
    if _session.get() is not None:  # nested: joins the outer transaction, which commits
        yield _session.get()
        return
    callbacks: list = []
    connection = client(alias)
    with connection.start_session() as session:
        # The commit waits for the journal of a majority, like every other write of this client;
        # snapshot reads see one committed state, which a majority commit keeps after a failover.
        session.start_transaction(read_concern=ReadConcern(read_concern), write_concern=connection.write_concern)
        token, callbacks_token = _session.set(session), _after_commit.set(callbacks)
        try:
            yield session
        except BaseException:
            if session.in_transaction:
                session.abort_transaction()
            raise
        finally:
            _session.reset(token)
            _after_commit.reset(callbacks_token)
        _commit(session)
    for callback in callbacks:
        callback()


def _backoff(attempt: int) -> float:
    """Exponential with full jitter (5 ms, 10 ms, ... up to 200 ms): racing writers spread out instead of
    meeting again on the same schedule."""
    return random.uniform(0, min(0.2, 0.005 * 2 ** (attempt - 1)))


class _Atomic:
    def __init__(
        self,
        alias: str,
        retry_on: tuple[type[BaseException], ...],
        attempts: int,
        read_concern: str | None = TRANSACTION_READ_CONCERN,
    ):
        self.alias, self.retry_on, self.attempts, self.read_concern = alias, retry_on, attempts, read_concern
        self._open: list = []

    def __enter__(self) -> ClientSession:
        block = _transaction(self.alias, self.read_concern)
        self._open.append(block)
        return block.__enter__()

    def __exit__(self, *exc_info):
        return self._open.pop().__exit__(*exc_info)

    def _worth_retrying(self, exc: BaseException) -> bool:
        return is_transient(exc) or isinstance(exc, self.retry_on)

    def __call__(self, function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            if _session.get() is not None:  # inside an outer transaction: its owner runs it again
                return function(*args, **kwargs)
            deadline = time.monotonic() + RETRY_SECONDS
            for attempt in range(1, self.attempts + 1):
                try:
                    with _transaction(self.alias, self.read_concern):
                        return function(*args, **kwargs)
                except Exception as exc:
                    if attempt == self.attempts or time.monotonic() > deadline or not self._worth_retrying(exc):
                        raise
                time.sleep(_backoff(attempt))
            raise AssertionError("unreachable")

        return run


def atomic(
    function=None,
    /,
    *,
    alias: str = mongoengine.DEFAULT_CONNECTION_NAME,
    retry_on=(),
    attempts=RUNS,
    read_concern: str | None = TRANSACTION_READ_CONCERN,
):
    """One multi-document transaction, durable (majority, journal) and reading a snapshot; nested ones join it.

    ``with atomic():`` runs the block once: a block cannot be run again, so a
    conflict with a concurrent transaction (``is_transient``) is raised to the
    caller. ``@atomic`` (or ``@atomic(retry_on=(DuplicateKeyError,))``) on a
    function runs it again, a few times with a short random pause, when the
    transaction conflicted or ``retry_on`` was raised; inside an outer
    transaction it just runs (the outer owner decides). Either form retries a
    commit whose outcome was unknown, and runs ``on_commit`` callbacks once it
    committed. ``atomic("other")`` names a connection alias, as before.

    ``read_concern=None`` sends none (the server's default): for a transaction that only writes, or
    reads only what never changes. The MongoDB stand-in refuses a read concern on ``bulkWrite``
    (:func:`bulk_write`), which carries it when it is the transaction's first command.
    """
    if isinstance(function, str):
        function, alias = None, function
    block = _Atomic(
        alias, tuple(retry_on) if isinstance(retry_on, (tuple, list)) else (retry_on,), attempts, read_concern
    )
    return block(function) if function is not None else block


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
    return collection(document_class).update_one(query, update, **kwargs)


class SessionCollection:
    """A document class's PyMongo collection whose operations join the current transaction, if any."""

    OPERATIONS = frozenset(
        {
            "find",
            "find_one",
            "find_one_and_update",
            "find_one_and_replace",
            "find_one_and_delete",
            "aggregate",
            "count_documents",
            "distinct",
            "insert_one",
            "insert_many",
            "replace_one",
            "update_one",
            "update_many",
            "delete_one",
            "delete_many",
            "bulk_write",
        }
    )

    def __init__(self, raw):
        self._raw = raw

    def __getattr__(self, name: str):
        if name not in self.OPERATIONS:
            raise AttributeError(f"{name}: not an operation of shared.mongo.collection (add it to OPERATIONS)")
        return functools.partial(getattr(self._raw, name), session=current_session())


def collection(document_class) -> SessionCollection:
    """``collection(Gig).find_one_and_update(query, update, ...)``: the raw operations, in the current transaction."""
    return SessionCollection(document_class._get_collection())


def namespace(document_class) -> str:
    """``database.collection`` of a document class: what each request of :func:`bulk_write` names."""
    return document_class._get_collection().full_name


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
            first: dict = exc.write_errors[0]  # type: ignore[assignment]  # a dict at run time; the stubs say WriteError
            kind = DuplicateKeyError if first.get("code") == 11000 else WriteError
            raise kind(first.get("errmsg", "write error"), first.get("code"), first) from exc
        raise


def drop_indexes(document_class, names) -> None:
    """Drop those of the named indexes the class's collection has (a wider index replaced them); idempotent."""
    raw = document_class._get_collection()
    existing = raw.index_information()
    for name in names:
        if name in existing:
            raw.drop_index(name)


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
