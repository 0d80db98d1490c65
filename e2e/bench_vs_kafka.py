#!/usr/bin/env python3
"""Paired benchmark: moldau against Apache Kafka 4.4, in the same run, with the same clients.

For each scenario group (1 broker with RF 1; 3 brokers with RF 3) it starts a fresh Apache
Kafka cluster, measures every scenario, closes it, then does the same on a fresh moldau cluster
(the release build), with the same clients and the same counts:

- produce throughput, 1 KiB records, acks=1 and acks=all, 1 and 8 partitions, with Kafka's
  ProducerPerformance (kafka-producer-perf-test) and librdkafka's rdkafka_performance;
- consume throughput from the start of those topics, with Kafka's ConsumerPerformance
  (kafka-consumer-perf-test) and rdkafka_performance;
- latency at half of Kafka's measured peak produce rate (1 partition; acks=1 with RF 1,
  acks=all with RF 3): ProducerPerformance at --throughput with a librdkafka consumer that
  measures end-to-end latency from the records' CreateTime timestamps (also ProducerPerformance's
  own send-to-ack p99), and a pair of rdkafka_performance -l (producer at -r, consumer measuring
  from the microsecond timestamp in the payload); and Kafka's EndToEndLatency (one record in
  flight, round trip);
- the brokers' resident memory (sum of VmRSS of the broker processes, sampled every 0.2 s):
  idle after start-up, and the peak under load;
- the brokers' CPU seconds (utime+stime from /proc/PID/stat) per GB of record bytes produced
  and per GB consumed.

It prints a table (scenario, Kafka, moldau, ratio moldau/Kafka, goal: throughput >= Kafka, p99
<= half of Kafka, RSS <= a tenth) and writes it with every run's figures as JSON under
target/bench/. It is a program, not a test: it asserts nothing about the figures. Every wait
and tool run is bounded, and the clusters are stopped when it ends, fails or is interrupted.

    cargo build --release -p moldau-broker --bin moldau-broker
    python3 e2e/bench_vs_kafka.py            # the real run (about 15 min on 2 cores)
    python3 e2e/bench_vs_kafka.py --quick    # smoke run: small counts, 1 repetition

rdkafka_performance is librdkafka's example program (examples/rdkafka_performance.c), built
from Debian's librdkafka source package against Debian's librdkafka-dev and cached under
target/rdkafka-perf/ (see build_rdkafka_performance).
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "target"
# Kafka's own start script (kafka-server-start.sh, kafka-run-class.sh) runs brokers with these.
KAFKA_BROKER_JVM = "-Xmx1G -Xms1G -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 " \
                   "-XX:+ExplicitGCInvokesConcurrent"
# ... and the perf-test scripts their clients with these.
KAFKA_TOOL_JVM = "-Xmx512M -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 " \
                 "-XX:+ExplicitGCInvokesConcurrent"
os.environ.setdefault("MOLDAU_BROKER_BIN", str(TARGET / "release" / "moldau-broker"))
os.environ.setdefault("MOLDAU_KAFKA_HEAP", KAFKA_BROKER_JVM)
sys.path.insert(0, str(REPO / "e2e" / "tests"))

from apache_kafka import HEAP as KAFKA_HEAP, KAFKA_VERSION, java_command, libs, start_system  # noqa: E402
from conftest import BROKER_BIN  # noqa: E402
from confluent_kafka import Consumer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

RECORD = 1024
MIB = 1024 * 1024
GB = 1e9
CLK_TCK = os.sysconf("SC_CLK_TCK")
PERF_DIR = TARGET / "rdkafka-perf"
PERF_BIN = PERF_DIR / "rdkafka_performance"
PERF_SRC = TARGET / "rdkafka-src"

# The same broker settings for both systems: Kafka's defaults for failure detection (the moldau
# test harness shortens them) and a smaller __consumer_offsets (the moldau harness's 10).
COMMON_OVERRIDES = {
    "broker.session.timeout.ms": "9000",
    "broker.heartbeat.interval.ms": "2000",
    "replica.lag.time.max.ms": "30000",
    "leader.imbalance.check.interval.seconds": "300",
    "offsets.topic.num.partitions": "10",
}

GROUPS = [
    {"key": "rf1", "label": "1 broker RF1", "n": 1, "rf": 1, "latency_acks": "1"},
    {"key": "rf3", "label": "3 brokers RF3", "n": 3, "rf": 3, "latency_acks": "all"},
]
PARTITIONS = (1, 8)
ACKS = ("1", "all")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_triplet() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


# ----------------------------------------------------------------------------------------------
# rdkafka_performance


def build_rdkafka_performance() -> Path:
    """librdkafka's rdkafka_performance, built once and cached under target/rdkafka-perf/: the
    example's source comes from Debian's librdkafka source package (`apt-get source librdkafka`,
    which needs a deb-src line for the mirror), is configured (for its config.h) and compiled
    with gcc against Debian's librdkafka-dev (the same version as the source)."""
    if PERF_BIN.exists():
        return PERF_BIN
    if not Path("/usr/include/librdkafka/rdkafka.h").exists():
        raise SystemExit("rdkafka_performance: needs Debian's librdkafka-dev (apt-get install librdkafka-dev)")
    srcs = sorted(PERF_SRC.glob("librdkafka-*/examples/rdkafka_performance.c"))
    if not srcs:
        PERF_SRC.mkdir(parents=True, exist_ok=True)
        p = subprocess.run(["apt-get", "source", "librdkafka"], cwd=PERF_SRC, capture_output=True, text=True,
                           timeout=600)
        srcs = sorted(PERF_SRC.glob("librdkafka-*/examples/rdkafka_performance.c"))
        if not srcs:
            raise SystemExit("rdkafka_performance: `apt-get source librdkafka` failed (it needs a deb-src line for "
                             f"the Debian mirror in /etc/apt/sources.list.d/ and apt-get update):\n{p.stderr[-2000:]}")
    tree = srcs[-1].parents[1]
    if not (tree / "config.h").exists():
        subprocess.run(["./configure", "--disable-ssl", "--disable-gssapi", "--disable-zstd", "--disable-lz4-ext"],
                       cwd=tree, check=True, capture_output=True, timeout=600)
    PERF_DIR.mkdir(parents=True, exist_ok=True)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "rdkafka"], capture_output=True, text=True,
                           check=True).stdout.split()
    subprocess.run(["gcc", "-O2", "-I../src", "-o", str(PERF_BIN), "rdkafka_performance.c", *flags, "-lm",
                    "-lpthread"], cwd=tree / "examples", check=True, timeout=300)
    return PERF_BIN


def rdkafka_version() -> str:
    p = subprocess.run([str(PERF_BIN), "-h"], capture_output=True, text=True, timeout=10)
    m = re.search(r"librdkafka version (\S+)", p.stdout + p.stderr)
    return m.group(1) if m else "?"


# ----------------------------------------------------------------------------------------------
# Broker processes: RSS and CPU


def vmrss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_secs(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
        except OSError:
            pass
    return total / CLK_TCK


class Sampler(threading.Thread):
    """Samples the sum of the broker processes' VmRSS every `interval` seconds."""

    def __init__(self, pids: list[int], interval: float = 0.2):
        super().__init__(daemon=True)
        self.pids = pids
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)

    def sample(self) -> None:
        self.samples.append((time.time(), sum(vmrss_kib(p) for p in self.pids)))

    def peak_mib(self, t0: float, t1: float) -> float:
        vals = [kib for t, kib in self.samples if t0 <= t <= t1]
        return max(vals, default=0) / 1024

    def now_mib(self) -> float:
        return sum(vmrss_kib(p) for p in self.pids) / 1024


def broker_pids(system) -> list[int]:
    if system.name == "kafka":
        return system.pids()
    return [b.pid for b in system.brokers.values() if b.pid]


# ----------------------------------------------------------------------------------------------
# Topics


def create_topic(bootstrap: str, name: str, partitions: int, rf: int, timeout: float = 60) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for f in admin.create_topics([NewTopic(name, partitions, rf)], operation_timeout=30).values():
        f.result(timeout)
    deadline = time.time() + timeout
    while time.time() < deadline:
        md = admin.list_topics(name, timeout=10).topics.get(name)
        if md and md.error is None and len(md.partitions) == partitions and \
                all(p.leader >= 0 and len(p.isrs) == rf for p in md.partitions.values()):
            return
        time.sleep(0.2)
    raise RuntimeError(f"topic {name} has no leaders with full ISR after {timeout}s")


# ----------------------------------------------------------------------------------------------
# Clients


def run(cmd: list[str], timeout: float, what: str) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"{what}: no result within {timeout:.0f}s\n{(e.stdout or b'')[-3000:]!r}") from None
    if p.returncode != 0:
        raise RuntimeError(f"{what} exited with {p.returncode}:\nstdout:\n{p.stdout[-3000:]}\n"
                           f"stderr:\n{p.stderr[-3000:]}")
    return p.stdout


def java_tool(main_class: str, *args: str) -> list[str]:
    return java_command(main_class, *args, heap=KAFKA_TOOL_JVM)


_PP_LINE = re.compile(r"(\d+) (?:steady state )?records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, "
                      r"([\d.]+) ms max latency, ([\d.]+) ms 50th, ([\d.]+) ms 95th, ([\d.]+) ms 99th, "
                      r"([\d.]+) ms 99.9th")


def produce_java(bootstrap: str, topic: str, n: int, acks: str, throughput: int = -1,
                 timeout: float = 600) -> dict:
    """Kafka's ProducerPerformance; its final summary line (the steady-state one with warm-up)."""
    args = ["--topic", topic, "--num-records", str(n), "--record-size", str(RECORD), "--throughput",
            str(throughput), "--command-property", f"bootstrap.servers={bootstrap}", f"acks={acks}"]
    if throughput > 0:
        args += ["--warmup-records", str(n // 5)]
    out = run(java_tool("org.apache.kafka.tools.ProducerPerformance", *args), timeout, "ProducerPerformance")
    lines = [m for m in _PP_LINE.finditer(out)]
    if not lines:
        raise RuntimeError(f"ProducerPerformance: no summary line in:\n{out[-3000:]}")
    m = lines[-1]
    sent = int(m.group(1))
    if throughput <= 0 and sent != n:
        raise RuntimeError(f"ProducerPerformance sent {sent} of {n}:\n{out[-3000:]}")
    return {"records": sent, "rec_s": float(m.group(2)), "avg_ms": float(m.group(4)), "max_ms": float(m.group(5)),
            "p50_ms": float(m.group(6)), "p95_ms": float(m.group(7)), "p99_ms": float(m.group(8)),
            "p999_ms": float(m.group(9))}


def consume_java(bootstrap: str, topic: str, n: int, timeout: float = 600) -> dict:
    """Kafka's ConsumerPerformance (a consumer group from the earliest offset); fetch.* figures
    leave out the time of joining the group."""
    out = run(java_tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic",
                        topic, "--num-records", str(n), "--group", f"perf-{topic}-{time.time_ns()}",
                        "--timeout", "30000"), timeout, "ConsumerPerformance")
    lines = [ln for ln in out.splitlines() if ln.strip()]
    header = next(i for i, ln in enumerate(lines) if ln.startswith("start.time"))
    cols = [c.strip() for c in lines[header].split(",")]
    vals = [v.strip() for v in lines[header + 1].split(",")]
    row = dict(zip(cols, vals))
    got = int(row["data.consumed.in.nMsg"])
    if got < n:
        raise RuntimeError(f"ConsumerPerformance consumed {got} of {n}:\n{out[-2000:]}")
    return {"records": got, "rec_s": float(row["fetch.nMsg.sec"]), "rebalance_ms": float(row["rebalance.time.ms"])}


# rdkafka_performance sets linger.ms=1000 for its producer; this puts back librdkafka's default
# (and Kafka's Java producer's since 4.0): 5 ms.
RD_PRODUCER_CONF = ["-X", "linger.ms=5"]
_RD_PRODUCED = re.compile(r"% (\d+) messages produced \((\d+) bytes\), (\d+) delivered \(offset (-?\d+), (\d+) failed\) "
                          r"in (\d+)ms: (\d+) msgs/s")
_RD_CONSUMED = re.compile(r"% (\d+) messages \((\d+) bytes\) consumed in (\d+)ms: (\d+) msgs/s")


def produce_rdkafka(bootstrap: str, topic: str, n: int, acks: str, timeout: float = 600) -> dict:
    out = run([str(PERF_BIN), "-P", "-t", topic, "-b", bootstrap, "-s", str(RECORD), "-c", str(n),
               "-a", "-1" if acks == "all" else acks, *RD_PRODUCER_CONF], timeout, "rdkafka_performance -P")
    ms = list(_RD_PRODUCED.finditer(out))
    if not ms:
        raise RuntimeError(f"rdkafka_performance -P: no summary in:\n{out[-3000:]}")
    m = ms[-1]
    delivered, failed, elapsed_ms = int(m.group(3)), int(m.group(5)), int(m.group(6))
    if delivered != n or failed:
        raise RuntimeError(f"rdkafka_performance -P delivered {delivered} of {n}, {failed} failed:\n{out[-3000:]}")
    return {"records": delivered, "rec_s": delivered / max(elapsed_ms, 1) * 1000}


def consume_rdkafka(bootstrap: str, topic: str, partitions: int, n: int, timeout: float = 600) -> dict:
    parts = [a for p in range(partitions) for a in ("-p", str(p))]
    out = run([str(PERF_BIN), "-C", "-t", topic, *parts, "-b", bootstrap, "-o", "beginning", "-c", str(n)],
              timeout, "rdkafka_performance -C")
    ms = list(_RD_CONSUMED.finditer(out))
    if not ms:
        raise RuntimeError(f"rdkafka_performance -C: no summary in:\n{out[-3000:]}")
    m = ms[-1]
    got, elapsed_ms = int(m.group(1)), int(m.group(3))
    if got < n:
        raise RuntimeError(f"rdkafka_performance -C consumed {got} of {n}:\n{out[-3000:]}")
    return {"records": got, "rec_s": got / max(elapsed_ms, 1) * 1000}


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    s = sorted(values)

    def q(f):
        return s[min(len(s) - 1, int(f * len(s)))]

    return {"n": len(s), "p50_ms": q(0.50), "p99_ms": q(0.99), "p999_ms": q(0.999), "max_ms": s[-1],
            "avg_ms": sum(s) / len(s)}


class TimestampConsumer(threading.Thread):
    """A librdkafka consumer (confluent-kafka) on partition 0 from offset 0 that takes each
    record's end-to-end latency as its arrival time minus its CreateTime timestamp (ms)."""

    def __init__(self, bootstrap: str, topic: str, n: int, idle_timeout: float = 15):
        super().__init__(daemon=True)
        self.n = n
        self.idle_timeout = idle_timeout
        self.latencies: list[float] = []
        self.error: Exception | None = None
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"lat-{topic}",
                                  "enable.auto.commit": False, "fetch.wait.max.ms": 100})
        self.consumer.assign([TopicPartition(topic, 0, 0)])
        self.ready = threading.Event()

    def run(self) -> None:
        try:
            last = time.time()
            while len(self.latencies) < self.n and time.time() - last < self.idle_timeout:
                # poll() returns as soon as one record is there (consume() would wait for a
                # full batch or its timeout); then take what else has already arrived.
                first = self.consumer.poll(0.1)
                self.ready.set()
                if first is None:
                    continue
                now_ms = time.time() * 1000
                last = time.time()
                for m in [first, *self.consumer.consume(num_messages=10000, timeout=0)]:
                    if m.error():
                        continue
                    self.latencies.append(now_ms - m.timestamp()[1])
        except Exception as e:  # noqa: BLE001 - reported by the caller
            self.error = e
        finally:
            self.ready.set()
            self.consumer.close()


def latency_java(bootstrap: str, topic: str, rate: int, seconds: float, acks: str) -> dict:
    """ProducerPerformance at `rate` records/s with a timestamp consumer; the first fifth of the
    records (warm-up) is left out of both figures."""
    n = max(1000, int(rate * seconds))
    cons = TimestampConsumer(bootstrap, topic, n)
    cons.start()
    cons.ready.wait(30)
    prod = produce_java(bootstrap, topic, n, acks, throughput=rate, timeout=seconds * 4 + 120)
    cons.join(seconds * 2 + 60)
    if cons.error:
        raise RuntimeError(f"timestamp consumer failed: {cons.error}")
    e2e = percentiles(cons.latencies[n // 5:])
    return {"rate": rate, "records": n, "received": len(cons.latencies), "e2e": e2e,
            "produce": {k: prod[k] for k in ("rec_s", "p50_ms", "p99_ms", "p999_ms", "max_ms")}}


def latency_rdkafka(bootstrap: str, topic: str, rate: int, seconds: float, acks: str, work: Path) -> dict:
    """rdkafka_performance -P -l at -r `rate` with rdkafka_performance -C -l: end-to-end latency
    from the producer's wall-clock microseconds in each payload; the first fifth left out. The
    rate limiter of rdkafka_performance polls in a busy loop between records (it keeps a core
    busy at these rates, for both systems alike)."""
    n = max(1000, int(rate * seconds))
    cfile, pfile = work / f"{topic}.consumer.lat", work / f"{topic}.producer.lat"
    cons = subprocess.Popen([str(PERF_BIN), "-C", "-l", "-A", str(cfile), "-t", topic, "-p", "0", "-b", bootstrap,
                             "-o", "beginning", "-c", str(n)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        time.sleep(1.0)
        run([str(PERF_BIN), "-P", "-l", "-A", str(pfile), "-r", str(rate), "-t", topic, "-p", "0", "-b", bootstrap,
             "-s", str(RECORD), "-c", str(n), "-a", "-1" if acks == "all" else acks, *RD_PRODUCER_CONF],
            seconds * 4 + 120, "rdkafka_performance -P -l")
        try:
            cons.wait(seconds * 2 + 60)
        except subprocess.TimeoutExpired:
            pass
    finally:
        if cons.poll() is None:
            cons.kill()
            cons.wait()

    def read(path: Path) -> list[float]:
        try:
            return [int(x) / 1000 for x in path.read_text().split()]
        except OSError:
            return []

    e2e = read(cfile)
    prod = read(pfile)
    return {"rate": rate, "records": n, "received": len(e2e), "e2e": percentiles(e2e[n // 5:]),
            "produce": percentiles(prod[n // 5:])}


_E2E_AVG = re.compile(r"Avg latency: ([\d.]+) ms")
_E2E_PCT = re.compile(r"Percentiles: 50th = ([\d.]+), 99th = ([\d.]+), 99.9th = ([\d.]+)")


def end_to_end_latency(bootstrap: str, topic: str, n: int, acks: str) -> dict:
    """Kafka's EndToEndLatency: one record at a time, produced and consumed back (round trip)."""
    out = run(java_tool("org.apache.kafka.tools.EndToEndLatency", "--bootstrap-server", bootstrap, "--topic", topic,
                        "--num-records", str(n), "--producer-acks", acks, "--record-size", str(RECORD)),
              600, "EndToEndLatency")
    avg, pct = _E2E_AVG.search(out), _E2E_PCT.search(out)
    if not (avg and pct):
        raise RuntimeError(f"EndToEndLatency: no figures in:\n{out[-2000:]}")
    return {"records": n, "avg_ms": float(avg.group(1)), "p50_ms": float(pct.group(1)),
            "p99_ms": float(pct.group(2)), "p999_ms": float(pct.group(3))}


# ----------------------------------------------------------------------------------------------
# One system, one scenario group


class Runner:
    def __init__(self, system, sampler: Sampler):
        self.system = system
        self.sampler = sampler
        self.pids = sampler.pids
        self.cpu = {"produce": [0.0, 0], "consume": [0.0, 0]}  # CPU seconds, bytes
        self.load_peak_mib = 0.0

    def measured(self, kind: str | None, fn, *args, **kw) -> dict:
        t0, c0 = time.time(), cpu_secs(self.pids)
        self.sampler.sample()
        r = fn(*args, **kw)
        self.sampler.sample()
        t1, c1 = time.time(), cpu_secs(self.pids)
        r["secs"] = round(t1 - t0, 2)
        r["broker_cpu_s"] = round(c1 - c0, 3)
        r["rss_peak_mib"] = round(self.sampler.peak_mib(t0, t1), 1)
        self.load_peak_mib = max(self.load_peak_mib, r["rss_peak_mib"])
        if kind:
            self.cpu[kind][0] += c1 - c0
            self.cpu[kind][1] += r["records"] * RECORD
        if len(broker_pids(self.system)) < len(self.pids):
            raise RuntimeError(f"a {self.system.name} broker process died:\n{self.system.log_tails()}")
        return r


def run_group(system_name: str, group: dict, args, work: Path, kafka_results: dict | None) -> dict:
    """Starts a fresh cluster of `system_name`, runs the group's scenarios, closes it."""
    root = work / f"{group['key']}-{system_name}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    tag = f"{system_name} {group['label']}"
    log(f"{tag}: starting")
    t_start = time.time()
    system = start_system(system_name, root, n=group["n"], overrides=COMMON_OVERRIDES)
    res: dict = {"system": system_name, "startup_s": round(time.time() - t_start, 1), "produce": {},
                 "consume": {}, "latency": {}}
    sampler = None
    try:
        bs = system.bootstrap
        sampler = Sampler(broker_pids(system))
        sampler.start()
        time.sleep(args.settle)
        res["rss_idle_mib"] = round(sampler.now_mib(), 1)
        log(f"{tag}: up in {res['startup_s']}s, idle RSS {res['rss_idle_mib']:.0f} MiB ({bs})")
        r = Runner(system, sampler)
        clients = ["java"] + (["rdkafka"] if not args.no_rdkafka else [])
        # Warm-up, not counted: Kafka's JIT, both systems' first segments and connections.
        create_topic(bs, "warmup", 8, group["rf"])
        for client in clients:
            fn = produce_java if client == "java" else produce_rdkafka
            r.measured(None, fn, bs, "warmup", args.warmup_records, "1")
        log(f"{tag}: warmed up ({args.warmup_records} records per client)")
        n, rf = args.records, group["rf"]
        first_topic: dict = {}
        for rep in range(args.reps):
            for client in clients:
                for acks in ACKS:
                    for parts in PARTITIONS:
                        topic = f"p-{client}-a{acks}-p{parts}-r{rep}"
                        create_topic(bs, topic, parts, rf)
                        fn = produce_java if client == "java" else produce_rdkafka
                        out = r.measured("produce", fn, bs, topic, n, acks)
                        key = f"{client}|{acks}|{parts}"
                        res["produce"].setdefault(key, []).append(out)
                        first_topic.setdefault((acks, parts), topic)
                        log(f"{tag}: produce {client:7} acks={acks:3} p={parts} rep {rep}: "
                            f"{out['rec_s']:9.0f} rec/s {out['rec_s'] * RECORD / MIB:7.1f} MiB/s "
                            f"cpu {out['broker_cpu_s']:.1f}s rss {out['rss_peak_mib']:.0f} MiB")
        for rep in range(args.reps):
            for client in clients:
                for parts in PARTITIONS:
                    topic = first_topic[("1", parts)]
                    if client == "java":
                        out = r.measured("consume", consume_java, bs, topic, n)
                    else:
                        out = r.measured("consume", consume_rdkafka, bs, topic, parts, n)
                    res["consume"].setdefault(f"{client}|{parts}", []).append(out)
                    log(f"{tag}: consume {client:7} p={parts} rep {rep}: {out['rec_s']:9.0f} rec/s "
                        f"{out['rec_s'] * RECORD / MIB:7.1f} MiB/s cpu {out['broker_cpu_s']:.1f}s")
        # Latency at half of Kafka's peak produce rate (1 partition, this group's acks).
        acks = group["latency_acks"]
        ref = kafka_results if kafka_results is not None else res
        for client in clients:
            peak = max(x["rec_s"] for x in ref["produce"][f"{client}|{acks}|1"])
            rate = max(100, int(peak / 2))
            topic = f"lat-{client}"
            create_topic(bs, topic, 1, rf)
            if client == "java":
                out = r.measured(None, latency_java, bs, topic, rate, args.latency_secs, acks)
            else:
                out = r.measured(None, latency_rdkafka, bs, topic, rate, args.latency_secs, acks, root)
            res["latency"][client] = out
            log(f"{tag}: latency {client} @ {rate} rec/s: e2e p99 {out['e2e'].get('p99_ms', float('nan')):.2f} ms, "
                f"produce p99 {out['produce'].get('p99_ms', float('nan')):.2f} ms, "
                f"received {out['received']}/{out['records']}")
        topic = "lat-roundtrip"
        create_topic(bs, topic, 1, rf)
        out = r.measured(None, end_to_end_latency, bs, topic, args.roundtrip_records, acks)
        res["latency"]["roundtrip"] = out
        log(f"{tag}: EndToEndLatency: p99 {out['p99_ms']:.2f} ms")
        res["rss_load_mib"] = round(r.load_peak_mib, 1)
        res["cpu_s_per_gb"] = {k: (round(c / (b / GB), 2) if b else None) for k, (c, b) in r.cpu.items()}
        log(f"{tag}: peak RSS under load {res['rss_load_mib']:.0f} MiB, CPU s/GB {res['cpu_s_per_gb']}")
    finally:
        if sampler:
            sampler.halt.set()
        system.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return res


# ----------------------------------------------------------------------------------------------
# Table


def best(runs: list[dict]) -> float:
    return max(x["rec_s"] for x in runs)


def rows_for(group: dict, k: dict, m: dict) -> list[dict]:
    g = group["label"]
    rows = []

    def add(scenario, unit, kv, mv, goal):
        ratio = (mv / kv) if (kv and mv is not None and kv > 0) else None
        if ratio is None:
            verdict = "n/a"
        elif goal == "tput":
            verdict = "meets" if ratio >= 1 else "MISSES"
        elif goal == "p99":
            verdict = "meets" if ratio <= 0.5 else "MISSES"
        elif goal == "rss":
            verdict = "meets" if ratio <= 0.1 else "MISSES"
        else:
            verdict = "(no goal)"
        rows.append({"group": g, "scenario": scenario, "unit": unit, "kafka": kv, "moldau": mv, "ratio": ratio,
                     "goal": {"tput": ">= Kafka", "p99": "<= 1/2 Kafka", "rss": "<= 1/10 Kafka"}.get(goal, "-"),
                     "verdict": verdict})

    for key in k["produce"]:
        client, acks, parts = key.split("|")
        add(f"produce acks={acks} {parts}p [{client}]", "MiB/s", best(k["produce"][key]) * RECORD / MIB,
            best(m["produce"][key]) * RECORD / MIB if key in m["produce"] else None, "tput")
    for key in k["consume"]:
        client, parts = key.split("|")
        add(f"consume from start {parts}p [{client}]", "MiB/s", best(k["consume"][key]) * RECORD / MIB,
            best(m["consume"][key]) * RECORD / MIB if key in m["consume"] else None, "tput")
    acks = group["latency_acks"]
    if "java" in k["latency"]:
        kl, ml = k["latency"]["java"], m["latency"].get("java", {})
        rate = kl["rate"]
        add(f"e2e p99 @{rate}/s acks={acks} [Java prod + ts consumer]", "ms", kl["e2e"].get("p99_ms"),
            ml.get("e2e", {}).get("p99_ms"), "p99")
        add(f"produce p99 @{rate}/s acks={acks} [ProducerPerformance]", "ms", kl["produce"].get("p99_ms"),
            ml.get("produce", {}).get("p99_ms"), "p99")
    if "rdkafka" in k["latency"]:
        kl, ml = k["latency"]["rdkafka"], m["latency"].get("rdkafka", {})
        add(f"e2e p99 @{kl['rate']}/s acks={acks} [rdkafka_performance -l]", "ms", kl["e2e"].get("p99_ms"),
            ml.get("e2e", {}).get("p99_ms"), "p99")
    if "roundtrip" in k["latency"]:
        add(f"round-trip p99, 1 in flight acks={acks} [EndToEndLatency]", "ms", k["latency"]["roundtrip"]["p99_ms"],
            m["latency"].get("roundtrip", {}).get("p99_ms"), "p99")
    add("broker RSS idle (sum)", "MiB", k["rss_idle_mib"], m.get("rss_idle_mib"), "rss")
    add("broker RSS peak under load (sum)", "MiB", k["rss_load_mib"], m.get("rss_load_mib"), "rss")
    add("broker CPU per GB produced", "s/GB", k["cpu_s_per_gb"]["produce"], m.get("cpu_s_per_gb", {}).get("produce"),
        None)
    add("broker CPU per GB consumed", "s/GB", k["cpu_s_per_gb"]["consume"], m.get("cpu_s_per_gb", {}).get("consume"),
        None)
    return rows


def fmt(v) -> str:
    if v is None:
        return "-"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def render(rows: list[dict]) -> str:
    head = ["group", "scenario", "unit", "Kafka", "moldau", "moldau/Kafka", "goal", "verdict"]
    body = [[r["group"], r["scenario"], r["unit"], fmt(r["kafka"]), fmt(r["moldau"]),
             "-" if r["ratio"] is None else f"{r['ratio']:.2f}", r["goal"], r["verdict"]] for r in rows]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    right = {3, 4, 5}

    def line(cells):
        return "| " + " | ".join(c.rjust(w) if i in right else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), sep, *map(line, body)])


# ----------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke run: small counts, 1 repetition")
    ap.add_argument("--records", type=int, help="records per produce run (default 250000; quick 20000)")
    ap.add_argument("--reps", type=int, help="repetitions of each throughput run, best kept (default 2; quick 1)")
    ap.add_argument("--latency-secs", type=float, help="seconds of each latency run (default 20; quick 4)")
    ap.add_argument("--roundtrip-records", type=int, help="EndToEndLatency records (default 2000; quick 300)")
    ap.add_argument("--warmup-records", type=int, help="records per client produced before measuring (default "
                    "100000; quick 5000)")
    ap.add_argument("--settle", type=float, help="seconds after start-up before the idle RSS (default 10; quick 3)")
    ap.add_argument("--groups", default="rf1,rf3", help="scenario groups to run: rf1, rf3 (default both)")
    ap.add_argument("--no-rdkafka", action="store_true", help="leave out rdkafka_performance")
    ap.add_argument("--keep", action="store_true", help="keep the brokers' data directories")
    ap.add_argument("--out", type=Path, help="JSON output (default target/bench/vs-kafka-<time>.json)")
    args = ap.parse_args()
    q = args.quick
    args.records = args.records or (20_000 if q else 250_000)
    args.reps = args.reps or (1 if q else 2)
    args.latency_secs = args.latency_secs or (4 if q else 20)
    args.roundtrip_records = args.roundtrip_records or (300 if q else 2000)
    args.warmup_records = args.warmup_records or (5_000 if q else 100_000)
    args.settle = args.settle if args.settle is not None else (3 if q else 10)
    groups = [g for g in GROUPS if g["key"] in args.groups.split(",")]

    if not BROKER_BIN.exists():
        raise SystemExit(f"{BROKER_BIN} is missing: cargo build --release -p moldau-broker --bin moldau-broker")
    if "release" not in BROKER_BIN.parts:
        log(f"WARNING: {BROKER_BIN} is not a release build; the figures do not mean much")
    if not args.no_rdkafka:
        build_rdkafka_performance()
    libs()  # fetches Kafka's jars on first use
    stamp = time.strftime("%Y%m%d-%H%M%S")
    bench_dir = TARGET / "bench"
    work = bench_dir / f"work-{stamp}"
    work.mkdir(parents=True, exist_ok=True)
    out_path = args.out or bench_dir / f"vs-kafka-{stamp}.json"
    meta = {
        "time": stamp, "mode": "quick" if q else "default", "kafka_version": KAFKA_VERSION,
        "kafka_broker_jvm": KAFKA_HEAP, "kafka_tool_jvm": KAFKA_TOOL_JVM, "moldau_broker_bin": str(BROKER_BIN),
        "rdkafka_performance": None if args.no_rdkafka else {"path": str(PERF_BIN), "librdkafka": rdkafka_version()},
        "record_bytes": RECORD, "records_per_run": args.records, "reps": args.reps,
        "latency_secs": args.latency_secs, "warmup_records": args.warmup_records, "roundtrip_records": args.roundtrip_records,
        "common_overrides": COMMON_OVERRIDES, "cpus": os.cpu_count(), "host": platform.node(),
        "loadavg_before": load_triplet(),
    }
    log(f"moldau {BROKER_BIN} vs Apache Kafka {KAFKA_VERSION} ({KAFKA_HEAP}); {args.records} x {RECORD} B per run, "
        f"{args.reps} rep(s); load average {meta['loadavg_before']}")
    t0 = time.time()
    results, rows = {}, []
    try:
        for g in groups:
            k = run_group("kafka", g, args, work, None)
            m = run_group("moldau", g, args, work, k)
            results[g["key"]] = {"kafka": k, "moldau": m}
            rows += rows_for(g, k, m)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    meta["loadavg_after"] = load_triplet()
    meta["duration_s"] = round(time.time() - t0)
    table = render(rows)
    bench_dir.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps({"meta": meta, "rows": rows, "results": results, "table": table}, indent=2))
    shutil.copyfile(out_path, bench_dir / "vs-kafka-latest.json")
    print(f"\nmoldau vs Apache Kafka {KAFKA_VERSION}, {meta['mode']} mode, {args.records} records of {RECORD} B "
          f"per run, best of {args.reps}; {meta['duration_s']} s; load average before {meta['loadavg_before']}, "
          f"after {meta['loadavg_after']} ({os.cpu_count()} CPUs)\n")
    print(table)
    print(f"\nJSON: {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
