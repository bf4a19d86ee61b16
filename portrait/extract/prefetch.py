"""Produce the next items (Arrow chunks) in a background thread while the caller uses this one.

The database driver (network, decoding) and DuckDB (casting, compressing) then
work at the same time; the queue depth bounds the memory held in between.
"""

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


@contextmanager
def read_ahead(items: Iterator[T], depth: int = 1) -> Iterator[Iterator[T]]:
    """The same items, produced up to `depth` ahead; the producer's errors reach the consumer."""
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # a driver error (or connectorx panic) goes to the consumer
            put(exc)
            return
        put(_DONE)

    def consume() -> Iterator[T]:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item

    thread = threading.Thread(target=produce, name="portrait-read-ahead", daemon=True)
    thread.start()
    try:
        yield consume()
    finally:
        stop.set()
        thread.join()
