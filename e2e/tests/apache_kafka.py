"""Apache Kafka 4.4 as a test fixture and benchmark peer, used like the moldau `Cluster`
(cluster.py): N nodes in KRaft combined mode (every node broker and controller voter), each on
its own loopback address 127.X.Y.i, formatted with Kafka's StorageTool and started with
`kafka.Kafka`, from the jars e2e/kafka/fetch.sh brings from Maven Central. Also runs Kafka's
command-line tools (their main classes) against any bootstrap address, Kafka or moldau.

    with ApacheKafka(tmp_path, n=3) as kafka:
        kafka.start().wait_ready()
        tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", kafka.bootstrap, "--list")
"""

import base64
import os
import signal
import socket
import subprocess
import time
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from conftest import REPO
from cluster import ClusterError, _free_port, _random_net

KAFKA_VERSION = "4.4.0"
FETCH = REPO / "e2e" / "kafka" / "fetch.sh"
# Each node's heap; 3 nodes and a test's clients fit the 2-core test machines.
HEAP = os.environ.get("MOLDAU_KAFKA_HEAP", "-Xms256m -Xmx768m")

_LOG4J_BROKER = """\
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = INFO
"""
# Tools print their answer on stdout; their own logging goes to stderr, warnings only (as
# Kafka's tools-log4j2.yaml).
_LOG4J_TOOLS = """\
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = ERR
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
"""


@lru_cache(maxsize=1)
def libs() -> Path:
    """The directory of Kafka's jars (fetched on first use, then cached under target/)."""
    p = subprocess.run([str(FETCH)], capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        raise RuntimeError(f"{FETCH} failed:\n{p.stderr[-4000:]}")
    return Path(p.stdout.strip().splitlines()[-1])


def _log4j(name: str, text: str) -> Path:
    path = libs().parent / name
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return path


def java_command(main_class: str, *args: str, heap: str = "-Xmx512m", log4j: str = "tools") -> list[str]:
    """The command line that runs one of Kafka's main classes with its jars."""
    config = _log4j("log4j2-broker.properties", _LOG4J_BROKER) if log4j == "broker" else \
        _log4j("log4j2-tools.properties", _LOG4J_TOOLS)
    return ["java", *heap.split(), "-XX:+UseG1GC", "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={config}", "-cp", f"{libs()}/*", main_class, *args]


def tool(main_class: str, *args: str, timeout: float = 120, check: bool = True,
         input: str | None = None) -> subprocess.CompletedProcess:
    """Runs a Kafka tool (e.g. org.apache.kafka.tools.TopicCommand) and returns its result;
    with `check`, a non-zero exit raises with its output."""
    p = subprocess.run(java_command(main_class, *args, heap="-Xmx256m -XX:TieredStopAtLevel=1"),
                       capture_output=True, text=True, timeout=timeout, input=input)
    if check and p.returncode != 0:
        raise AssertionError(f"{main_class} {' '.join(args)} exited with {p.returncode}:\n"
                             f"stdout:\n{p.stdout[-4000:]}\nstderr:\n{p.stderr[-4000:]}")
    return p


def random_cluster_id() -> str:
    """A cluster id as Kafka makes them: a UUID in URL-safe base64, without padding."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


class KafkaNode:
    """One Apache Kafka process (broker and controller)."""

    def __init__(self, node_id: int, host: str, data_dir: Path, port: int, controller_port: int):
        self.node_id = node_id
        self.host = host
        self.port = port
        self.controller_port = controller_port
        self.data_dir = data_dir
        self.config_path = data_dir / "server.properties"
        self.log_path = data_dir / "kafka.log"
        self.proc: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.running else None

    def spawn(self) -> None:
        assert not self.running, f"kafka node {self.node_id} already running"
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(java_command("kafka.Kafka", str(self.config_path), heap=HEAP, log4j="broker"),
                                         stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir)

    def listening(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            code = None if self.proc is None else self.proc.returncode
            raise ClusterError(f"kafka node {self.node_id} is not running (exit {code}):\n{self.log_tail()}")
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self, sig=signal.SIGTERM, timeout: float = 60.0) -> int:
        if not self.running:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class ApacheKafka:
    """N Apache Kafka nodes (ids 1..n) forming one KRaft cluster in combined mode. `overrides`
    are server.properties entries for every node (they win over the defaults here)."""

    name = "kafka"

    def __init__(self, root: Path, n: int = 1, overrides: dict | None = None):
        self.root = root
        self.n = n
        self.net = _random_net()
        self.cluster_id = random_cluster_id()
        self.nodes: dict[int, KafkaNode] = {}
        for i in range(1, n + 1):
            host = f"{self.net}.{i}"
            taken: set[int] = set()
            d = root / f"kafka{i}"
            d.mkdir(parents=True, exist_ok=True)
            self.nodes[i] = KafkaNode(i, host, d, _free_port(host, taken), _free_port(host, taken))
        voters = ",".join(f"{k.node_id}@{k.host}:{k.controller_port}" for k in self.nodes.values())
        rf = str(min(3, n))
        for k in self.nodes.values():
            config = {
                "process.roles": "broker,controller",
                "node.id": str(k.node_id),
                "controller.quorum.voters": voters,
                "listeners": f"PLAINTEXT://{k.host}:{k.port},CONTROLLER://{k.host}:{k.controller_port}",
                "advertised.listeners": f"PLAINTEXT://{k.host}:{k.port}",
                "controller.listener.names": "CONTROLLER",
                "inter.broker.listener.name": "PLAINTEXT",
                "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs": str(k.data_dir / "data"),
                "offsets.topic.replication.factor": rf,
                "transaction.state.log.replication.factor": rf,
                "transaction.state.log.min.isr": "1",
                "share.coordinator.state.topic.replication.factor": rf,
                "share.coordinator.state.topic.min.isr": "1",
                "group.initial.rebalance.delay.ms": "0",
                **{key: str(v) for key, v in (overrides or {}).items()},
            }
            k.config_path.write_text("".join(f"{key}={v}\n" for key, v in config.items()))

    def __enter__(self) -> "ApacheKafka":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self):
        return f"<Apache Kafka {KAFKA_VERSION} x{self.n} {self.bootstrap}>"

    @property
    def ids(self) -> list[int]:
        return sorted(self.nodes)

    @property
    def bootstrap(self) -> str:
        return ",".join(k.bootstrap for k in self.nodes.values())

    def pids(self) -> list[int]:
        return [k.pid for k in self.nodes.values() if k.pid]

    def format(self) -> None:
        """Formats every node's log directory with the cluster id (kafka-storage format)."""
        for k in self.nodes.values():
            if (k.data_dir / "data" / "meta.properties").exists():
                continue
            tool("kafka.tools.StorageTool", "format", f"--cluster-id={self.cluster_id}", "-c", str(k.config_path),
                 "--ignore-formatted", timeout=120)

    def start(self, *ids: int, timeout: float = 120.0) -> "ApacheKafka":
        """Formats (first time) and starts the given nodes (default: all that are down) and
        waits, bounded, until each one's Kafka port accepts connections."""
        self.format()
        ids = ids or tuple(i for i in self.ids if not self.nodes[i].running)
        for i in ids:
            self.nodes[i].spawn()
        pending = set(ids)
        deadline = time.time() + timeout
        while pending and time.time() < deadline:
            pending = {i for i in pending if not self.nodes[i].listening()}
            if pending:
                time.sleep(0.2)
        if pending:
            raise ClusterError(f"kafka nodes {sorted(pending)} did not listen within {timeout}s\n"
                               f"{self.log_tails(pending)}")
        return self

    def wait_ready(self, timeout: float = 120.0) -> "ApacheKafka":
        """Waits until metadata from the first node lists every running node."""
        from cluster import metadata_from

        want = {i for i in self.ids if self.nodes[i].running}
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                k = self.nodes[min(want)]
                md = metadata_from(k.host, k.port)
                if set(md.brokers) >= want and md.controller_id >= 0:
                    return self
                last = md
            except Exception as e:  # noqa: BLE001 - not up yet
                last = e
            time.sleep(0.3)
        raise ClusterError(f"kafka did not list nodes {sorted(want)} within {timeout}s (last: {last!r})\n"
                           f"{self.log_tails()}")

    def kill(self, i: int) -> int:
        return self.nodes[i].stop(signal.SIGKILL, timeout=10)

    def stop(self, i: int, sig=signal.SIGTERM, timeout: float = 60.0) -> int:
        return self.nodes[i].stop(sig, timeout)

    def close(self) -> None:
        """Stops every node (SIGTERM, then SIGKILL); safe to call twice."""
        for k in self.nodes.values():
            if k.running:
                try:
                    k.stop(signal.SIGTERM, timeout=20)
                except Exception:  # noqa: BLE001 - already gone
                    pass

    def log_tails(self, ids: Iterable[int] | None = None, lines: int = 30) -> str:
        return "\n".join(f"----- kafka node {i} ({self.nodes[i].bootstrap}) {self.nodes[i].log_path} -----\n"
                         + self.nodes[i].log_tail(lines) for i in sorted(ids if ids is not None else self.ids))


# ----------------------------------------------------------------------------------------------
# One fixture for both systems: tests that must pass against Apache Kafka and moldau alike.

SYSTEMS = ("kafka", "moldau")


def start_system(name: str, root: Path, n: int = 3, overrides: dict | None = None):
    """Starts `n` nodes of Apache Kafka or moldau on loopback and waits until they form one
    cluster; the result has `.name`, `.n`, `.bootstrap`, `.ids`, `.kill(i)`, `.start(i)`,
    `.close()` and `.log_tails()`."""
    if name == "kafka":
        system = ApacheKafka(root, n=n, overrides=overrides)
    else:
        from cluster import Cluster

        system = Cluster(root, n=n, overrides=overrides)
        system.name = "moldau"
    try:
        return system.start().wait_ready()
    except BaseException:
        system.close()
        raise
