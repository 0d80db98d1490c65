"""A full disk: appends that do not fit are refused with KAFKA_STORAGE_ERROR, the broker keeps
serving, and every acknowledged record stays readable. The data directory is a small tmpfs the
test mounts itself (needs root, as CI has)."""

import os
import subprocess
import time

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import unique


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_full_disk_refuses_appends_and_keeps_acknowledged_records(broker_factory, small_disk):
    broker = broker_factory({"log.dirs": str(small_disk / "data")})
    topic = unique("full")
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic].result(15)
    acked, errors = {}, []

    def on_delivery(err, msg):
        if err is None:
            acked[msg.offset()] = msg.value()
        else:
            errors.append(err)

    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": 1, "retries": 0, "linger.ms": 0,
                  "message.timeout.ms": 5000, "enable.idempotence": False})
    for i in range(6000):
        p.produce(topic, value=f"{i:06d}".encode() * 170, partition=0, on_delivery=on_delivery)
        if i % 200 == 0:
            p.flush(10)
        if errors:
            break
    p.flush(15)
    assert errors, "the disk never filled up"
    assert errors[0].code() == KafkaError.KAFKA_STORAGE_ERROR, errors[0]
    assert len(acked) > 100
    assert broker.proc.poll() is None, "the broker died on a full disk"
    # Every acknowledged record is readable, in order, with dense offsets.
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": unique("r"), "enable.partition.eof": True,
                  "enable.auto.commit": False})
    c.assign([TopicPartition(topic, 0, 0)])
    got = {}
    deadline = time.time() + 30
    while time.time() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error():
            if m.error().code() == KafkaError._PARTITION_EOF:
                break
            raise AssertionError(m.error())
        got[m.offset()] = m.value()
    c.close()
    assert got == acked
    assert sorted(got) == list(range(len(got)))
    assert "storage error" in broker.log_text().lower() or "append failed" in broker.log_text()
    broker.kill()
