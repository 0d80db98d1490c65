"""Kafka Streams 4.4 against Apache Kafka 4.4 and moldau, three nodes each: the word count in
e2e/java (dev.moldau.e2e.streams.WordCount: lines → words → repartition by word → count in a
RocksDB store with a compacted changelog → output topic), two instances of one application,
at-least-once. One instance is SIGKILLed at a quiet point (everything committed) and its
state directory deleted; the survivor takes over its tasks, restoring their stores from the
changelog; the killed one comes back with an empty state directory, gets tasks back and
restores them from the changelog. Every word's count on the output topic must be exact after
each step. e2e/java/build.sh compiles the app."""

import logging
import random
import re
import signal
import struct
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic, ResourceType

from apache_kafka import SYSTEMS, start_system
from conftest import REPO, unique

CLASSPATH = REPO / "target" / "java" / "classpath"
LOG4J = REPO / "e2e" / "java" / "log4j2-test.properties"
MAIN = "dev.moldau.e2e.streams.WordCount"
# Small, fast-starting JVMs: two of them next to three brokers on two cores.
JVM = ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
PARTITIONS = 4
REPLICATION = 3
WAIT = 90.0
# Sub-topology 0 reads the input and writes the repartition topic, sub-topology 1 counts.
ALL_TASKS = {f"{sub}_{p}" for sub in (0, 1) for p in range(PARTITIONS)}
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
         "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()

TASKS_RE = re.compile(r"^TASKS active=\[([^\]]*)\]")
STATE_RE = re.compile(r"^STATE (\S+) (\S+)")
RESTORED_RE = re.compile(r"^RESTORED (\S+) (\S+) (\d+)")

EOS_SKIP = ("exactly_once_v2 needs transactions (InitProducerId with transactional.id, "
            "AddPartitionsToTxn, EndTxn), not implemented in moldau yet")


@pytest.fixture(scope="module", params=SYSTEMS)
def system(request, tmp_path_factory):
    # A smaller __consumer_offsets (and transaction log on Kafka) than the defaults: the
    # brokers share two cores with the JVMs.
    overrides = {"offsets.topic.num.partitions": "10"}
    if request.param == "kafka":
        overrides["transaction.state.log.num.partitions"] = "4"
    s = start_system(request.param, tmp_path_factory.mktemp(request.param), n=3, overrides=overrides)
    yield s
    s.close()


# ----------------------------------------------------------------------------------------------
# One WordCount process


class Instance:
    """One WordCount JVM: its stdout (the lines the app prints for the test) and stderr (the
    Streams library's warnings) go to files next to its state directory."""

    def __init__(self, name: str, system, app: str, state_dir: Path, topics: tuple[str, str],
                 guarantee: str = "at_least_once"):
        self.name = name
        self.system = system
        self.app = app
        self.state_dir = state_dir
        self.topics = topics
        self.guarantee = guarantee
        self.proc: subprocess.Popen | None = None
        self.out_path = state_dir.parent / f"{state_dir.name}.out"
        self.err_path = state_dir.parent / f"{state_dir.name}.err"

    def start(self) -> "Instance":
        self.state_dir.mkdir(parents=True, exist_ok=True)
        cmd = ["java", *JVM, f"-Djava.io.tmpdir={self.state_dir.parent}", f"-Dlog4j2.configurationFile={LOG4J}",
               "-cp", CLASSPATH.read_text().strip(), MAIN, self.system.bootstrap, self.app, str(self.state_dir),
               *self.topics, str(REPLICATION), self.guarantee]
        with open(self.out_path, "w") as out, open(self.err_path, "w") as err:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def lines(self) -> list[str]:
        return self.out_path.read_text(errors="replace").splitlines() if self.out_path.exists() else []

    def state(self) -> str | None:
        states = [m.group(2) for m in map(STATE_RE.match, self.lines()) if m]
        return states[-1] if states else None

    def tasks(self) -> set[str]:
        """The active tasks of the last TASKS line (printed whenever they change while RUNNING)."""
        found = [m.group(1) for m in map(TASKS_RE.match, self.lines()) if m]
        return set(filter(None, found[-1].split(","))) if found else set()

    def restored(self) -> list[tuple[str, str, int]]:
        return [(m.group(1), m.group(2), int(m.group(3))) for m in map(RESTORED_RE.match, self.lines()) if m]

    def kill(self) -> None:
        if self.running:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM (the app closes Streams cleanly), then SIGKILL if it does not exit in time."""
        if not self.running:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def tail(self, lines: int = 25) -> str:
        def last(path: Path) -> str:
            if not path.exists():
                return "(none)"
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        code = "running" if self.running else f"exited {self.proc.returncode if self.proc else '-'}"
        return (f"----- {self.name} ({code}) stdout {self.out_path} -----\n{last(self.out_path)}\n"
                f"----- {self.name} stderr {self.err_path} -----\n{last(self.err_path)}")


@pytest.fixture
def instances():
    """Every WordCount started by a test; all are killed at teardown, pass or fail."""
    started: list[Instance] = []
    yield started
    for inst in started:
        try:
            inst.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass


def tails(system, insts) -> str:
    return "\n".join(i.tail() for i in insts) + "\n" + system.log_tails(lines=8)


def wait_for(predicate, what: str, system, insts, timeout: float = WAIT, interval: float = 0.25):
    """Calls `predicate` until it returns a truthy value (returned); fails after `timeout` with
    the instances' and brokers' log tails. A WordCount that exits is a failure at once."""
    deadline = time.time() + timeout
    last = None
    while True:
        try:
            last = predicate()
            if last:
                return last
        except Exception as e:  # noqa: BLE001 - not yet
            last = e
        dead = [i for i in insts if i.proc is not None and not i.running and i.proc.returncode != -signal.SIGKILL]
        if dead:
            pytest.fail(f"{dead[0].name} exited ({dead[0].proc.returncode}) while waiting for {what}\n"
                        f"{tails(system, insts)}")
        if time.time() > deadline:
            pytest.fail(f"{system.name}: no {what} within {timeout}s (last: {last!r})\n{tails(system, insts)}")
        time.sleep(interval)


# ----------------------------------------------------------------------------------------------
# Input and output


def batch(rng: random.Random, lines: int) -> tuple[list[str], Counter]:
    """`lines` lines of 1-6 words (some in capitals and with punctuation, which the app
    lower-cases and splits on) and the count of each word in them."""
    text, counts = [], Counter()
    for _ in range(lines):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
        counts.update(words)
        text.append(", ".join(w.upper() if rng.random() < 0.2 else w for w in words) + rng.choice(["", ".", "!"]))
    return text, counts


def produce(system, topic: str, lines: list[str]) -> None:
    p = Producer({"bootstrap.servers": system.bootstrap, "acks": "all", "enable.idempotence": True,
                  "linger.ms": 5})
    errors = []

    def report(err, msg):
        if err is not None:
            errors.append(err)

    for i, line in enumerate(lines):
        # Keyed, so the lines spread over the input's partitions (the app ignores the key).
        p.produce(topic, line.encode(), key=str(i).encode(), on_delivery=report)
        p.poll(0)
    left = p.flush(30)
    assert left == 0 and not errors, f"{system.name}: producing to {topic}: {left} undelivered, errors {errors[:5]}"


class _Keep(logging.Handler):
    def __init__(self, into: list):
        super().__init__()
        self.into = into

    def emit(self, record):
        self.into.append(record.getMessage())


class Counts:
    """Reads the output topic from the beginning (all partitions assigned, no group) and keeps
    the latest count per word."""

    def __init__(self, system, topic: str, isolation: str = "read_uncommitted"):
        self.system = system
        self.topic = topic
        self.latest: dict[str, int] = {}
        self.records = 0
        # librdkafka's own log lines and the errors it hands out (an offset reset, say) are
        # kept for the failure message.
        self.log = logging.getLogger(unique("wordcount-reader"))
        self.log.propagate = False
        self.log.setLevel(logging.INFO)
        self.events: list[str] = []
        self.log.addHandler(_Keep(self.events))
        self.consumer = Consumer({"bootstrap.servers": system.bootstrap, "group.id": unique("wordcount-reader"),
                                  "enable.auto.commit": False, "isolation.level": isolation,
                                  "auto.offset.reset": "earliest"}, logger=self.log)
        md = self.consumer.list_topics(topic, timeout=10).topics[topic]
        self.consumer.assign([TopicPartition(topic, p, -2) for p in md.partitions])  # -2: beginning

    def poll(self, seconds: float = 0.5) -> None:
        for msg in self.consumer.consume(1000, seconds):
            if msg.error():
                self.events.append(f"consumer error: {msg.error()}")
                continue
            self.records += 1
            self.latest[msg.key().decode()] = struct.unpack(">q", msg.value())[0]

    def wait_equal(self, expected: Counter, what: str, insts, timeout: float = WAIT) -> None:
        """Waits until the latest count of every word equals `expected`; a count above it
        (counts only grow, so it stays above) fails at once: records were counted twice."""
        expected = dict(expected)
        deadline = time.time() + timeout
        while True:
            self.poll()
            if self.latest == expected:
                return
            over = {w: (n, expected.get(w)) for w, n in self.latest.items() if n > expected.get(w, 0)}
            if over or time.time() > deadline:
                missing = {w: (self.latest.get(w), n) for w, n in expected.items() if self.latest.get(w) != n}
                why = (f"counts above the expected totals (duplicates), word: (seen, expected): {over}" if over
                       else f"no exact counts within {timeout}s; word: (seen, expected): {missing}")
                try:
                    assigned = self.consumer.assignment()
                    where = {tp.partition: (tp.offset, self.consumer.get_watermark_offsets(tp, timeout=5))
                             for tp in self.consumer.position(assigned)}
                except Exception as e:  # noqa: BLE001 - diagnostics only
                    where = repr(e)
                events = "\n".join(self.events[-15:]) or "(none)"
                pytest.fail(f"{self.system.name}: {what}: {why} ({self.records} output records read; "
                            f"partition: (position, (low, high)): {where})\n"
                            f"----- output reader's librdkafka log -----\n{events}\n{tails(self.system, insts)}")

    def close(self) -> None:
        self.consumer.close()


class Behind(Exception):
    """Committed offsets short of the end of a topic (what `wait_for` reports as the last value)."""


def committed_everything(system, app: str, topics: list[str]) -> bool:
    """Whether the application's committed offsets reach the end of each of `topics`; raises
    Behind with the partitions (committed, end offset) that do not."""
    c = Consumer({"bootstrap.servers": system.bootstrap, "group.id": app, "enable.auto.commit": False})
    try:
        behind = {}
        for topic in topics:
            md = c.list_topics(topic, timeout=10).topics[topic]
            tps = [TopicPartition(topic, p) for p in md.partitions]
            for tp in c.committed(tps, timeout=10):
                low, high = c.get_watermark_offsets(tp, timeout=10)
                # No commit (negative) is only right for a partition that never had records.
                if tp.offset < high if tp.offset >= 0 else high > low:
                    behind[f"{tp.topic}-{tp.partition}"] = (tp.offset, high)
        if behind:
            raise Behind(behind)
        return True
    finally:
        c.close()


def purged(system, topic: str) -> bool:
    """Whether every partition of `topic` starts at its end (all records deleted); raises
    Behind with the partitions (low, high) that do not."""
    c = Consumer({"bootstrap.servers": system.bootstrap, "group.id": unique("purge-check")})
    try:
        md = c.list_topics(topic, timeout=10).topics[topic]
        marks = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in md.partitions}
    finally:
        c.close()
    left = {f"{topic}-{p}": m for p, m in marks.items() if m[0] < m[1]}
    if left:
        raise Behind(left)
    return True


def all_running_and_shared(insts) -> bool:
    """Every instance RUNNING with some active tasks, no task owned twice, every task owned."""
    owned = [i.tasks() for i in insts]
    return (all(i.state() == "RUNNING" and t for i, t in zip(insts, owned))
            and sum(len(t) for t in owned) == len(ALL_TASKS) and set().union(*owned) == ALL_TASKS)


def create_topics(system, *topics: str, partitions: int = PARTITIONS) -> AdminClient:
    admin = AdminClient({"bootstrap.servers": system.bootstrap})
    futures = admin.create_topics([NewTopic(t, partitions, REPLICATION) for t in topics])
    for f in futures.values():
        f.result(30)
    # Metadata lists them, each partition with a leader, before the apps start.
    deadline = time.time() + 30
    while time.time() < deadline:
        md = admin.list_topics(timeout=10)
        if all(t in md.topics and len(md.topics[t].partitions) == partitions
               and all(p.leader >= 0 for p in md.topics[t].partitions.values()) for t in topics):
            break
        time.sleep(0.2)
    return admin


def check_classpath():
    if not CLASSPATH.exists() or not (REPO / "e2e" / "java" / "target" / "classes" / "dev" / "moldau" / "e2e"
                                      / "streams" / "WordCount.class").exists():
        pytest.fail("the Kafka Streams app is not built: run e2e/java/build.sh (e2e/run-all.sh does)")


# ----------------------------------------------------------------------------------------------
# Tests


def test_word_count_failover_and_restore(system, instances, tmp_path):
    check_classpath()
    app = unique("wordcount")
    source, sink = f"{app}-lines", f"{app}-counts-out"
    admin = create_topics(system, source, sink)
    rng = random.Random(20240607)
    out = Counts(system, sink)
    try:
        a = Instance("instance-a", system, app, tmp_path / "state-a", (source, sink))
        b = Instance("instance-b", system, app, tmp_path / "state-b", (source, sink))
        instances += [a, b]
        a.start()
        b.start()
        wait_for(lambda: all_running_and_shared([a, b]), "two RUNNING instances sharing all tasks", system, [a, b])

        # Batch 1, counted by both instances.
        lines1, counts1 = batch(rng, 300)
        produce(system, source, lines1)
        out.wait_equal(counts1, "batch 1", [a, b])

        # Streams created its internal topics: a compacted changelog and a repartition topic,
        # with this app's replication factor and the input's partition count.
        md = admin.list_topics(timeout=10)
        changelog, repartition = f"{app}-counts-changelog", f"{app}-words-repartition"
        internal = sorted(t for t in md.topics if t.startswith(app + "-") and t not in (source, sink))
        assert changelog in md.topics and repartition in md.topics, internal
        for t in (changelog, repartition):
            parts = md.topics[t].partitions
            assert len(parts) == PARTITIONS, (t, len(parts))
            assert all(len(p.replicas) == REPLICATION for p in parts.values()), \
                (t, {i: p.replicas for i, p in parts.items()})
        configs = {}
        for res, f in admin.describe_configs([ConfigResource(ResourceType.TOPIC, changelog),
                                              ConfigResource(ResourceType.TOPIC, repartition)]).items():
            configs[res.name] = {k: e.value for k, e in f.result(30).items()}
        assert configs[changelog]["cleanup.policy"] == "compact", configs[changelog]
        assert configs[changelog]["min.insync.replicas"] == "2", configs[changelog]
        assert configs[repartition]["cleanup.policy"] == "delete", configs[repartition]
        assert configs[repartition]["retention.ms"] == "-1", configs[repartition]

        # A quiet point: everything processed and committed (input and repartition offsets),
        # then a couple of commit intervals more.
        wait_for(lambda: committed_everything(system, app, [source, repartition]),
                 "committed offsets at the end of the input and repartition topics", system, [a, b], timeout=30)
        # Streams purges what it consumed from the repartition topic (DeleteRecords).
        wait_for(lambda: purged(system, repartition), "the repartition topic purged up to its end (DeleteRecords)",
                 system, [a, b], timeout=30)
        time.sleep(0.5)

        # Kill A and lose its state; B takes over all tasks, restoring A's stores from the changelog.
        a_tasks = a.tasks()
        a.kill()
        a_restored_before = len(b.restored())
        lines2, counts2 = batch(rng, 300)
        produce(system, source, lines2)
        wait_for(lambda: b.state() == "RUNNING" and b.tasks() == ALL_TASKS, "instance-b owning every task",
                 system, [a, b])
        out.wait_equal(counts1 + counts2, "batches 1-2 after instance-a was killed", [a, b])
        took_over = b.restored()[a_restored_before:]
        assert any(store == "counts" and n > 0 for store, _, n in took_over), \
            f"instance-b took over {sorted(a_tasks)} without restoring a store\n{tails(system, [a, b])}"

        # A returns with an empty state directory: it gets tasks back and restores them.
        wait_for(lambda: committed_everything(system, app, [source, repartition]),
                 "committed offsets after batch 2", system, [b], timeout=30)
        a2 = Instance("instance-a2", system, app, tmp_path / "state-a2", (source, sink))
        instances.append(a2)
        a2.start()
        wait_for(lambda: all_running_and_shared([a2, b]), "instance-a2 and instance-b sharing all tasks",
                 system, [a2, b])
        wait_for(lambda: any(store == "counts" and n > 0 for store, _, n in a2.restored()),
                 "instance-a2 restoring its counts from the changelog", system, [a2, b])

        lines3, counts3 = batch(rng, 300)
        produce(system, source, lines3)
        total = counts1 + counts2 + counts3
        out.wait_equal(total, "batches 1-3 after instance-a2 restored its state", [a2, b])
        # And nothing more arrives (no late duplicates).
        deadline = time.time() + 2
        while time.time() < deadline:
            out.poll(0.3)
        assert out.latest == dict(total), f"{system.name}: counts changed after they were exact\n{tails(system, [a2, b])}"
        print(f"{system.name}: {sum(total.values())} words, {out.records} output records; "
              f"restored by b: {took_over}; by a2: {a2.restored()}")

        # SIGTERM closes Streams cleanly.
        # (143: the JVM's exit status after SIGTERM once its shutdown hook has run.)
        for inst in (a2, b):
            assert inst.stop() in (0, 143), f"{inst.name} did not exit cleanly on SIGTERM\n{inst.tail()}"
            assert "CLOSED" in inst.lines(), inst.tail()
    finally:
        out.close()


def test_word_count_exactly_once(system, instances, tmp_path):
    """exactly_once_v2: one instance, its output read with read_committed (Apache Kafka only)."""
    if system.name == "moldau":
        pytest.skip(EOS_SKIP)
    check_classpath()
    app = unique("wordcount-eos")
    source, sink = f"{app}-lines", f"{app}-counts-out"
    create_topics(system, source, sink, partitions=2)
    inst = Instance("instance-eos", system, app, tmp_path / "state-eos", (source, sink), guarantee="exactly_once_v2")
    instances.append(inst)
    inst.start()
    wait_for(lambda: inst.state() == "RUNNING" and inst.tasks(), "a RUNNING exactly-once instance", system, [inst])
    lines, counts = batch(random.Random(7), 200)
    produce(system, source, lines)
    out = Counts(system, sink, isolation="read_committed")
    try:
        out.wait_equal(counts, "exactly-once counts", [inst])
    finally:
        out.close()
    assert inst.stop() in (0, 143) and "CLOSED" in inst.lines(), inst.tail()
