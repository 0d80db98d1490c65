"""An independent produce-and-check verifier for failure tests.

`Verifier.start()` runs an idempotent acks=all producer (confluent-kafka) in a background
thread; it produces unique values f"{run}-{seq}" round robin to the topic's partitions
(explicit partition per record) without pausing, and records from the delivery reports every
acknowledged (partition, offset, value) in acknowledgement order and every failed record.
`stop()` stops producing and waits (bounded) for the outstanding delivery reports.

`check()` then reads every partition from the start to its high watermark and asserts what a
user relies on:
- every acknowledged value is in the log exactly once, at the offset it was acknowledged with;
- no value of this run appears twice in the log (acknowledged or not);
- the acknowledged records of a partition are in the log in the order they were acknowledged.
Records that failed (their delivery report carried an error) may be in the log or not, but at
most once.

A successful delivery report can lack an offset: when a request fails with an uncertain
outcome (a transport error as the leader dies) and a later request of the same idempotent
producer succeeds, librdkafka reports the earlier records as delivered without knowing their
offsets (its "implicit ack"). Those must be in the log exactly once and in order as well; only
their offset cannot be compared.
"""

import threading
import time
import uuid
from dataclasses import dataclass, field

from confluent_kafka import KafkaError, Producer

from cluster import Cluster, high_watermark, read_partitions


@dataclass
class Summary:
    """What check() found. lost: acknowledged, not in the log; misplaced: acknowledged, in the
    log at another offset; duplicated: in the log more than once; reordered: stored before
    the record of its partition acknowledged just before it."""
    sent: int = 0
    acked: int = 0
    errors: int = 0
    lost: int = 0
    misplaced: int = 0
    duplicated: int = 0
    reordered: int = 0
    failed_but_stored: int = 0
    acked_without_offset: int = 0
    records_read: int = 0
    fatal: str | None = None
    examples: list = field(default_factory=list)
    error_codes: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.misplaced or self.duplicated or self.reordered)

    def __str__(self):
        return (f"sent={self.sent} acked={self.acked} errors={self.errors} lost={self.lost} "
                f"misplaced={self.misplaced} duplicated={self.duplicated} reordered={self.reordered} "
                f"failed_but_stored={self.failed_but_stored} acked_without_offset={self.acked_without_offset} "
                f"read={self.records_read}"
                + (f" error_codes={self.error_codes}" if self.error_codes else "")
                + (f" FATAL={self.fatal}" if self.fatal else ""))


class Verifier:
    """Background producer + checker for one topic. `rate` caps records per second (None: as
    fast as the cluster acknowledges, with at most `max_outstanding` records unacknowledged)."""

    def __init__(self, bootstrap: str, topic: str, partitions: int, rate: float | None = None,
                 max_outstanding: int = 2000, config: dict | None = None, run: str | None = None):
        self.bootstrap = bootstrap
        self.topic = topic
        self.partitions = partitions
        self.rate = rate
        self.max_outstanding = max_outstanding
        self.run = run or uuid.uuid4().hex[:8]
        self.config = {
            "bootstrap.servers": bootstrap,
            "enable.idempotence": True,
            "acks": "all",
            "linger.ms": 5,
            "message.timeout.ms": 60000,
            "request.timeout.ms": 10000,
            "reconnect.backoff.max.ms": 500,
            "log_level": 2,
            **(config or {}),
        }
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sent = 0
        # per partition, in acknowledgement order: [(offset, value)]; offset None when the
        # delivery report carried none (see the module doc)
        self.acked: dict[int, list[tuple[int | None, bytes]]] = {p: [] for p in range(partitions)}
        self.acked_total = 0
        self.failed: list[tuple[int, bytes, KafkaError]] = []
        self.client_errors: list[KafkaError] = []
        self.fatal: KafkaError | None = None
        self.undelivered = 0
        self.last_ack_at: float | None = None

    # ---- producing

    def _on_delivery(self, err, msg):
        with self._lock:
            if err is None:
                self.acked[msg.partition()].append((msg.offset(), msg.value()))
                self.acked_total += 1
                self.last_ack_at = time.time()
            else:
                self.failed.append((msg.partition(), msg.value(), err))

    def _on_error(self, err):
        with self._lock:
            self.client_errors.append(err)
            if err.fatal():
                self.fatal = err

    def _loop(self):
        p = Producer({**self.config, "error_cb": self._on_error})
        try:
            self._produce(p)
        except Exception as e:  # noqa: BLE001 - confluent-kafka raises a fatal error from poll()
            with self._lock:
                self.fatal = self.fatal or (e.args[0] if e.args and hasattr(e.args[0], "code") else e)
        timeout = self.config["message.timeout.ms"] / 1000 + 30
        try:
            self.undelivered = p.flush(timeout)
        except Exception as e:  # noqa: BLE001
            with self._lock:
                self.fatal = self.fatal or e
            self.undelivered = len(p)

    def _produce(self, p: Producer):
        t0 = time.time()
        seq = 0
        while not self._stop.is_set() and self.fatal is None:
            if self.rate is not None and seq >= (time.time() - t0) * self.rate:
                p.poll(0.005)
                continue
            with self._lock:
                outstanding = seq - self.acked_total - len(self.failed)
            if outstanding >= self.max_outstanding:
                p.poll(0.01)
                continue
            value = f"{self.run}-{seq}".encode()
            try:
                p.produce(self.topic, value=value, partition=seq % self.partitions, on_delivery=self._on_delivery)
            except BufferError:
                p.poll(0.05)
                continue
            seq += 1
            with self._lock:
                self.sent = seq
            p.poll(0)

    def start(self) -> "Verifier":
        assert self._thread is None, "verifier already started"
        self._thread = threading.Thread(target=self._loop, name=f"verifier-{self.run}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> dict:
        """Stops producing, waits for every delivery report (bounded by message.timeout.ms);
        returns the counts."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.config["message.timeout.ms"] / 1000 + 60)
            assert not self._thread.is_alive(), "verifier producer did not finish flushing"
        return self.counts()

    def counts(self) -> dict:
        with self._lock:
            return {"sent": self.sent, "acked": self.acked_total, "errors": len(self.failed),
                    "undelivered": self.undelivered, "fatal": str(self.fatal) if self.fatal else None}

    # ---- progress, for tests

    def acked_count(self, partition: int | None = None) -> int:
        with self._lock:
            return self.acked_total if partition is None else len(self.acked[partition])

    def wait_acks(self, more: int, partition: int | None = None, timeout: float = 60.0, since: int | None = None,
                  cluster: Cluster | None = None) -> int:
        """Waits until `more` records have been acknowledged (on `partition`, or in all) since
        `since` (default: now); returns the new count. Raises after `timeout` seconds."""
        base = self.acked_count(partition) if since is None else since
        deadline = time.time() + timeout
        while time.time() < deadline:
            n = self.acked_count(partition)
            if n >= base + more:
                return n
            if self.fatal is not None:
                break
            time.sleep(0.05)
        where = "" if partition is None else f" on partition {partition}"
        msg = (f"only {self.acked_count(partition) - base} of {more} records acknowledged{where} within "
               f"{timeout}s; producer: {self.counts()}; recent errors: {self.error_summary()}")
        if cluster is not None:
            msg += "\n" + cluster.log_tails()
        raise AssertionError(msg)

    def error_summary(self) -> dict[str, int]:
        """Failed deliveries by error name."""
        out: dict[str, int] = {}
        with self._lock:
            for _, _, e in self.failed:
                out[e.name()] = out.get(e.name(), 0) + 1
        return out

    def failed_errors(self) -> list[KafkaError]:
        with self._lock:
            return [e for _, _, e in self.failed]

    # ---- checking

    def check(self, cluster: Cluster | str | None = None, topic: str | None = None, partitions: int | None = None,
              timeout: float = 90.0, assert_ok: bool = True) -> Summary:
        """Reads the topic back and compares it with what was acknowledged (see the module doc).
        Raises AssertionError with examples unless everything holds (`assert_ok`)."""
        assert self._thread is None or not self._thread.is_alive(), "stop() the verifier before check()"
        topic = topic or self.topic
        partitions = partitions or self.partitions
        bootstrap = cluster.bootstrap if isinstance(cluster, Cluster) else (cluster or self.bootstrap)
        prefix = f"{self.run}-".encode()

        # A new leader may know a record is committed before it has advanced its high watermark
        # past it; wait (bounded) until every acknowledged offset is below the high watermark.
        deadline = time.time() + timeout / 2
        for p in range(partitions):
            need = max((o for o, _ in self.acked[p] if o is not None), default=-1) + 1
            while time.time() < deadline:
                try:
                    if high_watermark(bootstrap, topic, p) >= need:
                        break
                except Exception:  # noqa: BLE001 - leader moving
                    pass
                time.sleep(0.2)
        logs = read_partitions(bootstrap, topic, range(partitions), timeout=timeout)

        s = Summary(sent=self.sent, acked=self.acked_total, errors=len(self.failed),
                    fatal=str(self.fatal) if self.fatal else None, error_codes=self.error_summary())
        failed_values = {v for _, v, _ in self.failed}
        for p in range(partitions):
            log = logs[p]
            s.records_read += len(log)
            at: dict[int, bytes] = {}
            where: dict[bytes, list[int]] = {}
            for o, v in log:
                at[o] = v
                if v is not None and v.startswith(prefix):
                    where.setdefault(v, []).append(o)
            for v, offs in where.items():
                if len(offs) > 1:
                    s.duplicated += 1
                    s.examples.append(f"p{p}: {v!r} stored {len(offs)} times at offsets {offs}")
                elif v in failed_values:
                    s.failed_but_stored += 1
            prev = None  # (value, stored offset) of the previous acknowledged record found
            for o, v in self.acked[p]:
                offs = where.get(v)
                if not offs:
                    s.lost += 1
                    s.examples.append(f"p{p}: acknowledged {v!r} at offset {o} is missing (offset holds {at.get(o)!r})")
                    continue
                if o is None:
                    s.acked_without_offset += 1
                elif o not in offs:
                    s.misplaced += 1
                    s.examples.append(f"p{p}: acknowledged {v!r} at offset {o} is stored at {offs}")
                stored = o if o in offs else offs[0]
                if prev is not None and stored <= prev[1]:
                    s.reordered += 1
                    s.examples.append(f"p{p}: {v!r} (offset {stored}) was acknowledged after {prev[0]!r} "
                                      f"(offset {prev[1]}) but is stored before it")
                prev = (v, stored)
        if assert_ok and not s.ok:
            msg = f"verifier found problems: {s}\n" + "\n".join(s.examples[:20])
            if isinstance(cluster, Cluster):
                msg += "\n" + cluster.log_tails()
            raise AssertionError(msg)
        return s
