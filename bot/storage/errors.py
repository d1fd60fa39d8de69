"""The one error the store raises for a database that is locked, down or unreachable."""


class StoreUnavailable(ConnectionError):
    """The database did not answer in time (locked SQLite file, PostgreSQL restarting or unreachable).

    The transaction was rolled back, so nothing was half-written and the call may simply be retried.
    It is a `ConnectionError` so that handlers, which may not import `bot`, can still catch it by type.
    """
