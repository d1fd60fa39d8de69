"""The one error the store raises for a database that is locked, down or unreachable (and its busy case)."""


class StoreUnavailable(ConnectionError):
    """The database did not answer in time (locked SQLite file, PostgreSQL restarting or unreachable).

    The transaction was rolled back, so nothing was half-written and the call may simply be retried.
    It is a `ConnectionError` so that handlers, which may not import `bot`, can still catch it by type.
    """


class StoreBusy(StoreUnavailable):
    """A lock stayed held, or a statement ran, past its timeout (`bot.storage.engine.LOCK_TIMEOUT`).

    Not retried: waiting again would double the user's wait, so they are asked to send it again.
    """
