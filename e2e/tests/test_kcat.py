"""End-to-end tests with kcat 1.7.1 (Debian's librdkafka 2.0.2): metadata, keyed produce,
formatted consume, consuming from offsets, compression codecs, headers, consumer groups."""

import json
import subprocess
import time

import pytest

from conftest import unique

TIMEOUT = 30  # upper bound (s) for one kcat run


def kcat(broker, *args, input_text=None, check=True, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    p = subprocess.run(["kcat", "-b", broker.bootstrap, *args], input=input_text, capture_output=True,
                       text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError(f"kcat {' '.join(args)} exited {p.returncode}:\n{p.stderr}\n"
                             f"broker log:\n{broker.log_tail()}")
    return p


def consume(broker, topic, *extra) -> list[tuple[int, int, str, str]]:
    """Consumes to the end; returns (partition, offset, key, value) tuples."""
    out = kcat(broker, "-C", "-t", topic, "-e", "-q", "-f", "%p|%o|%k|%s\\n", *extra).stdout
    rows = []
    for line in out.splitlines():
        p, o, k, v = line.split("|", 3)
        rows.append((int(p), int(o), k, v))
    return rows


def metadata_json(broker, topic=None) -> dict:
    args = ["-L", "-J"] + (["-t", topic] if topic else [])
    return json.loads(kcat(broker, *args).stdout)


def wait_topic(broker, topic, partitions):
    """Waits (bounded) until metadata shows `topic` with `partitions` partitions."""
    deadline = time.time() + TIMEOUT
    md = None
    while time.time() < deadline:
        md = metadata_json(broker, topic)
        t = [t for t in md["topics"] if t["topic"] == topic]
        if t and "error" not in t[0] and len(t[0]["partitions"]) == partitions:
            return t[0]
        time.sleep(0.2)
    raise AssertionError(f"topic {topic} with {partitions} partitions not in metadata: {md}")


@pytest.fixture
def broker3(broker_factory):
    """A broker whose auto-created topics have 3 partitions."""
    return broker_factory({"num.partitions": "3"})


def test_metadata_listing(broker3):
    topic = unique("kc-meta")
    kcat(broker3, "-P", "-t", topic, "-p", "0", input_text="x\n")  # auto-creates the topic
    wait_topic(broker3, topic, 3)

    text = kcat(broker3, "-L", "-t", topic).stdout
    assert "1 brokers:" in text
    assert f"broker 1 at 127.0.0.1:{broker3.port} (controller)" in text
    assert f'topic "{topic}" with 3 partitions:' in text
    for p in range(3):
        assert f"partition {p}, leader 1, replicas: 1, isrs: 1" in text

    md = metadata_json(broker3)
    assert [(b["id"], b["name"]) for b in md["brokers"]] == [(1, f"127.0.0.1:{broker3.port}")]
    t = [t for t in md["topics"] if t["topic"] == topic][0]
    assert sorted(p["partition"] for p in t["partitions"]) == [0, 1, 2]
    for p in t["partitions"]:
        assert p["leader"] == 1
        assert [r["id"] for r in p["replicas"]] == [1]
        assert [r["id"] for r in p["isrs"]] == [1]


def test_unknown_topic_without_auto_create(broker_factory):
    b = broker_factory({"auto.create.topics.enable": "false"})
    topic = unique("kc-missing")
    md = metadata_json(b, topic)
    t = [t for t in md["topics"] if t["topic"] == topic]
    assert t and "Unknown topic" in t[0].get("error", ""), md
    p = kcat(b, "-P", "-t", topic, "-p", "0", "-X", "topic.metadata.propagation.max.ms=2000",
             "-X", "message.timeout.ms=5000", input_text="x\n", check=False, timeout=60)
    assert p.returncode != 0
    assert "Unknown topic" in p.stderr, p.stderr
    assert topic not in [t["topic"] for t in metadata_json(b)["topics"]]


def test_keyed_produce_and_formatted_consume(broker3):
    topic = unique("kc-keys")
    keys = [f"user{i % 7}" for i in range(70)]
    lines = "".join(f"{k}:value-{i}\n" for i, k in enumerate(keys))
    kcat(broker3, "-P", "-t", topic, "-K:", input_text=lines)
    wait_topic(broker3, topic, 3)

    rows = consume(broker3, topic)
    assert len(rows) == 70
    assert sorted((k, v) for _, _, k, v in rows) == sorted((k, f"value-{i}") for i, k in enumerate(keys))
    parts_of_key: dict[str, set] = {}
    for p, _, k, _ in rows:
        parts_of_key.setdefault(k, set()).add(p)
    assert all(len(s) == 1 for s in parts_of_key.values()), "a key must always go to one partition"
    assert len({p for p, *_ in rows}) >= 2, "7 keys should spread over partitions"
    for p in range(3):
        part = [r for r in rows if r[0] == p]
        assert [o for _, o, _, _ in part] == list(range(len(part))), f"partition {p} offsets"
        # per partition, the values come back in the order they were produced
        idx = [int(v.split("-")[1]) for *_, v in part]
        assert idx == sorted(idx)

    # -p restricts to one partition and -c limits the count.
    p0 = [r for r in rows if r[0] == rows[0][0]]
    only = consume(broker3, topic, "-p", str(rows[0][0]), "-c", "2")
    assert only == p0[:2]


def test_produce_to_partition_and_consume_from_offsets(broker):
    topic = unique("kc-offsets")
    kcat(broker, "-P", "-t", topic, "-p", "0", input_text="".join(f"m{i}\n" for i in range(10)))
    rows = consume(broker, topic, "-p", "0")
    assert [(o, v) for _, o, _, v in rows] == [(i, f"m{i}") for i in range(10)]

    assert [(o, v) for _, o, _, v in consume(broker, topic, "-p", "0", "-o", "6")] == \
        [(i, f"m{i}") for i in range(6, 10)]
    # negative: relative to the end
    assert [o for _, o, _, _ in consume(broker, topic, "-p", "0", "-o", "-3")] == [7, 8, 9]
    assert [o for _, o, _, _ in consume(broker, topic, "-p", "0", "-o", "beginning", "-c", "1")] == [0]
    # from the end: nothing to read
    assert consume(broker, topic, "-p", "0", "-o", "end") == []

    # append more; the next records continue the offsets
    kcat(broker, "-P", "-t", topic, "-p", "0", input_text="m10\nm11\n")
    assert [(o, v) for _, o, _, v in consume(broker, topic, "-p", "0", "-o", "10")] == [(10, "m10"), (11, "m11")]


def test_consume_from_timestamp_and_query_offsets(broker):
    topic = unique("kc-ts")
    kcat(broker, "-P", "-t", topic, "-p", "0", input_text="a\nb\n")
    rows = kcat(broker, "-C", "-t", topic, "-p", "0", "-e", "-q", "-f", "%o|%T\\n").stdout.split()
    ts = {int(o): int(t) for o, t in (r.split("|") for r in rows)}
    assert sorted(ts) == [0, 1] and all(t > 0 for t in ts.values())
    time.sleep(0.01)  # make sure the next record has a later timestamp (not a timing assertion)
    kcat(broker, "-P", "-t", topic, "-p", "0", input_text="c\n")
    c_ts = int(kcat(broker, "-C", "-t", topic, "-p", "0", "-o", "2", "-e", "-q", "-f", "%T").stdout)
    assert c_ts > max(ts.values())

    # -o s@TS starts at the first record with timestamp >= TS
    got = consume(broker, topic, "-p", "0", "-o", f"s@{c_ts}")
    assert [(o, v) for _, o, _, v in got] == [(2, "c")]
    # -Q looks up the offset for a timestamp
    q = kcat(broker, "-Q", "-t", f"{topic}:0:{c_ts}").stdout
    assert f"{topic} [0] offset 2" in q, q


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_compression_round_trip(broker, codec):
    topic = unique(f"kc-z-{codec}")
    values = [f"{codec}-record-{i}-" + "abc" * (i % 50) for i in range(300)]
    kcat(broker, "-P", "-t", topic, "-p", "0", "-z", codec, "-X", "linger.ms=50", "-K:",
         input_text="".join(f"k{i % 5}:{v}\n" for i, v in enumerate(values)))
    rows = consume(broker, topic, "-p", "0")
    assert [(o, k, v) for _, o, k, v in rows] == [(i, f"k{i % 5}", v) for i, v in enumerate(values)]
    # starting in the middle of a (compressed) batch yields exactly the records from there on
    rows = consume(broker, topic, "-p", "0", "-o", "157")
    assert [(o, v) for _, o, _, v in rows] == [(i, values[i]) for i in range(157, 300)]


def test_idempotent_produce_with_headers(broker):
    topic = unique("kc-headers")
    kcat(broker, "-P", "-t", topic, "-p", "0", "-X", "enable.idempotence=true", "-z", "lz4",
         "-H", "trace=abc", "-H", "origin=kcat", "-K:", input_text="k1:v1\nk2:v2\n")
    out = kcat(broker, "-C", "-t", topic, "-e", "-q", "-f", "%o %k %s %h\\n").stdout.splitlines()
    assert out == ["0 k1 v1 trace=abc,origin=kcat", "1 k2 v2 trace=abc,origin=kcat"]


def test_consumer_group_commits_and_resumes(broker3):
    topic = unique("kc-group")
    group = unique("kc-g")
    kcat(broker3, "-P", "-t", topic, "-K:", input_text="".join(f"k{i}:first-{i}\n" for i in range(30)))
    wait_topic(broker3, topic, 3)

    def group_consume():
        out = kcat(broker3, "-G", group, "-X", "auto.offset.reset=earliest", "-e", "-q",
                   "-f", "%p|%o|%s\\n", topic, timeout=60).stdout
        return [tuple(line.split("|")) for line in out.splitlines()]

    first = group_consume()
    assert sorted(v for _, _, v in first) == sorted(f"first-{i}" for i in range(30))

    kcat(broker3, "-P", "-t", topic, "-K:", input_text="".join(f"k{i}:second-{i}\n" for i in range(12)))
    second = group_consume()
    # The group resumes where it stopped: only the new records.
    assert sorted(v for _, _, v in second) == sorted(f"second-{i}" for i in range(12))
    ends = {}
    for p, o, _ in first:
        ends[p] = max(ends.get(p, -1), int(o))
    for p, o, _ in second:
        assert int(o) > ends.get(p, -1)
