"""Hostile input: what an attacker sends, with no authentication. Requests whose lengths lie,
decompression bombs, garbage inside valid batches, bombs already on disk. The broker runs
under an address-space limit (prlimit --as), so an allocation sized from a lie would fail
loudly (abort) instead of being hidden by overcommit; after each attack it is alive, its peak
RSS stayed bounded, and ordinary clients (kcat, kafka-python) still work."""

import json
import os
import struct
import subprocess
import time
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

import wire
from conftest import REPO, Broker, free_port, unique

HOSTILE_BIN = Path(os.environ.get("MOLDAU_HOSTILE_BIN", REPO / "target" / "debug" / "hostile"))
# Far above what the broker needs (~400 MB of address space idle), far below what a length
# field can claim (a 0xFFFFFFFF count of 72-byte elements asks for ~300 GB).
ADDRESS_SPACE = ["prlimit", f"--as={4 << 30}"]
RSS_BUDGET_KIB = 256 << 10  # 256 MiB above the starting RSS

INVALID_RECORD, CORRUPT_MESSAGE = 87, 2


def limited(broker_factory, overrides: dict | None = None) -> Broker:
    return broker_factory(overrides, wrapper=ADDRESS_SPACE)


def clients_still_work(broker: Broker) -> None:
    assert broker.alive(), broker.log_tail()
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and "broker 1 at" in out.stdout, out.stderr
    topic = unique("after-attack")
    p = KafkaProducer(bootstrap_servers=broker.bootstrap)
    p.send(topic, b"still here").get(timeout=30)
    p.close()
    c = KafkaConsumer(topic, bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest",
                      consumer_timeout_ms=15000)
    values = [m.value for m in c]
    c.close()
    assert values == [b"still here"]


def rss_growth_kib(broker: Broker, start_rss: int) -> int:
    return broker.status_kib("VmHWM") - start_rss


def produce(broker: Broker, topic: str, batch: bytes, correlation: int = 1) -> tuple[int, int]:
    """(error code, base offset) of a Produce v3 of `batch`, acks=1."""
    s = wire.connect(broker.port, timeout=60)
    s.sendall(wire.request(0, 3, correlation, wire.produce_v3(topic, 0, batch, acks=1)))
    corr, body = wire.read_response(s)
    s.close()
    assert corr == correlation
    [(_t, _p, err, base)] = wire.parse_produce_v3_response(body)
    return err, base


def log_end(broker: Broker, topic: str) -> int:
    s = wire.connect(broker.port)
    s.sendall(wire.request(2, 1, 1, wire.list_offsets_v1(topic, 0, -1)))
    _, body = wire.read_response(s)
    err, _ts, off = wire.parse_list_offsets_v1(body)
    assert err == 0
    return off


def create_topic(broker: Broker, topic: str, configs: dict | None = None) -> None:
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    admin.create_topics([NewTopic(topic, 1, 1, topic_configs=configs or {})])
    admin.close()


def test_every_lying_length_of_every_api_and_version_closes_only_that_connection(broker_factory):
    broker = limited(broker_factory)
    start = broker.status_kib("VmRSS")
    bystander = wire.connect(broker.port)
    out = subprocess.run([str(HOSTILE_BIN), "lengths", broker.bootstrap], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["apis"] >= 29 and summary["requests"] > 1000, summary
    assert summary["closed"] == summary["requests"]
    # The connection that sent nothing hostile is still served.
    bystander.sendall(wire.request(18, 0, 9, b""))
    assert wire.read_response(bystander)[0] == 9
    growth = rss_growth_kib(broker, start)
    print(f"lying lengths: {summary['requests']} requests, peak RSS +{growth} KiB")
    assert growth < RSS_BUDGET_KIB
    assert "memory allocation" not in broker.log_text()
    clients_still_work(broker)


@pytest.mark.parametrize("policy", ["delete", "compact"])
def test_a_zstd_bomb_is_refused_and_the_log_end_does_not_move(broker_factory, policy):
    broker = limited(broker_factory)
    start = broker.status_kib("VmRSS")
    topic = unique(f"bomb-{policy}")
    create_topic(broker, topic, {"cleanup.policy": policy})
    bomb = wire.zstd_rle_bomb(16 << 30)
    assert len(bomb) < 1 << 20  # under max.message.bytes: it reaches the record walk
    t0 = time.monotonic()
    err, base = produce(broker, topic, bytes(wire.raw_batch(bomb, 1, codec=4)))
    took = time.monotonic() - t0
    assert (err, base) == (INVALID_RECORD, -1)
    assert log_end(broker, topic) == 0
    growth = rss_growth_kib(broker, start)
    print(f"zstd bomb ({policy}): refused in {took:.2f}s, peak RSS +{growth} KiB")
    assert growth < RSS_BUDGET_KIB
    clients_still_work(broker)


def test_garbage_inside_valid_batches_is_refused(broker_factory):
    broker = limited(broker_factory)
    topic = unique("garbage")
    create_topic(broker, topic)
    rnd = os.urandom(8192)
    # Random payload behind each codec's id, with a good CRC.
    for codec in (1, 2, 3, 4):
        err, _ = produce(broker, topic, bytes(wire.raw_batch(rnd, 1, codec=codec)), codec)
        assert err in (INVALID_RECORD, CORRUPT_MESSAGE), (codec, err)
    # A zstd frame with random content after a valid magic number.
    err, _ = produce(broker, topic, bytes(wire.raw_batch(struct.pack("<I", 0xFD2FB528) + rnd, 1, codec=4)))
    assert err in (INVALID_RECORD, CORRUPT_MESSAGE)
    # A valid batch (one record) whose header claims a million records; compressed and not.
    one = wire.raw_record(0, b"k", b"v")
    err, _ = produce(broker, topic, bytes(wire.raw_batch(one, 1_000_000)))
    assert err in (INVALID_RECORD, CORRUPT_MESSAGE)
    gz = subprocess.run(["gzip", "-c"], input=one, capture_output=True, check=True).stdout
    err, _ = produce(broker, topic, bytes(wire.raw_batch(gz, 1_000_000, codec=1)))
    assert err == INVALID_RECORD
    # Records whose offset deltas are not 0, 1, 2, ...
    err, _ = produce(broker, topic, bytes(wire.raw_batch(wire.raw_record(5, b"k", b"v"), 1)))
    assert err == INVALID_RECORD
    # A key length that runs past its record.
    bad = bytearray(one)
    bad[4] = 0x7E
    err, _ = produce(broker, topic, bytes(wire.raw_batch(bytes(bad), 1)))
    assert err == INVALID_RECORD
    assert log_end(broker, topic) == 0
    # The same codec path accepts a good compressed batch.
    err, base = produce(broker, topic, bytes(wire.raw_batch(gz, 1, codec=1)))
    assert (err, base) == (0, 0)
    assert log_end(broker, topic) == 1
    clients_still_work(broker)


def test_a_bomb_already_on_disk_is_read_within_bounds(tmp_path, pb):
    """A bomb that got into a segment file (a disk written by an older broker, or by hand) is
    walked by ListOffsets by time, MAX_TIMESTAMP and the exporter's RecordTimestamps within the
    decompression limit: answers come back, memory stays bounded, the broker stays up."""
    grpc, msgs, stubs = pb
    port, cport = free_port(), free_port()
    d = tmp_path / "b"
    d.mkdir()
    broker = Broker(d, {
        "node.id": "1",
        "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}",
        "controller.listener.names": "CONTROLLER",
        "controller.quorum.voters": f"1@127.0.0.1:{cport}",
    }, port=port, wrapper=ADDRESS_SPACE)
    broker.start()
    try:
        topic = unique("stored-bomb")
        create_topic(broker, topic)
        t_good = int(time.time() * 1000) - 60_000
        err, _ = produce(broker, topic, bytes(wire.raw_batch(wire.raw_record(0, b"k", b"v"), 1,
                                                              timestamp=t_good)))
        assert err == 0
        broker.kill()
        seg = d / "data" / f"{topic}-0" / "00000000000000000000.log"
        t_bomb = int(time.time() * 1000)
        with open(seg, "ab") as f:
            f.write(wire.raw_batch(wire.zstd_rle_bomb(16 << 30), 1, codec=4, timestamp=t_bomb, base_offset=1))
        broker.start()
        start = broker.status_kib("VmRSS")
        assert log_end(broker, topic) == 2, broker.log_tail()

        s = wire.connect(broker.port, timeout=60)
        s.sendall(wire.request(2, 1, 2, wire.list_offsets_v1(topic, 0, t_bomb)))
        err, _ts, off = wire.parse_list_offsets_v1(wire.read_response(s)[1])
        assert err == 0 and off in (-1, 1), (err, off)
        s.sendall(wire.request(2, 1, 3, wire.list_offsets_v1(topic, 0, t_good)))
        assert wire.parse_list_offsets_v1(wire.read_response(s)[1]) == (0, t_good, 0)
        # MAX_TIMESTAMP (v5 body: replica, isolation level, topics with leader epochs).
        s.sendall(wire.request(2, 5, 4, struct.pack(">ib", -1, 0) + wire.array([
            wire.string(topic) + wire.array([struct.pack(">iiq", 0, -1, -3)])])))
        assert wire.read_response(s)[0] == 4

        admin = stubs.AdminStub(grpc.insecure_channel(f"127.0.0.1:{cport}"))
        resp = admin.RecordTimestamps(msgs.RecordTimestampsRequest(lookups=[
            msgs.RecordTimestamp(topic=topic, partition=0, offset=1),
            msgs.RecordTimestamp(topic=topic, partition=0, offset=0),
        ]), timeout=60)
        by_offset = {t.offset: t.timestamp_ms for t in resp.timestamps}
        assert by_offset[0] == t_good
        assert by_offset[1] in (-1, t_bomb)
        growth = rss_growth_kib(broker, start)
        print(f"stored bomb: peak RSS +{growth} KiB")
        assert growth < RSS_BUDGET_KIB
        assert broker.alive()
        assert "memory allocation" not in broker.log_text()
    finally:
        broker.stop()
