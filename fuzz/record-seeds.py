#!/usr/bin/env python3
"""Records the fuzz seeds from real client traffic.

Starts a moldau broker that advertises a recording proxy in front of it, runs kafka-python,
confluent-kafka (librdkafka) and aiokafka through the proxy (metadata, admin calls, producers
with every codec, consumer groups committing offsets), and writes:

  seeds/request/        every request frame a client sent (without its size prefix)
  seeds/record_batch/   every batch stored in the user topics' segments (each codec)
  seeds/group_records/  the __consumer_offsets segments (whole batches)
  seeds/metadata_log/   the __cluster_metadata segments (whole batches)

Usage: fuzz/record-seeds.py [path/to/moldau-broker]   (default: target/debug/moldau-broker)
"""

import asyncio
import hashlib
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
BROKER = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent / "target" / "debug" / "moldau-broker")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def save(target: str, data: bytes) -> None:
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def pipe(src: socket.socket, dst: socket.socket, record: bool) -> None:
    buf = b""
    try:
        while True:
            chunk = src.recv(1 << 16)
            if not chunk:
                break
            dst.sendall(chunk)
            if record:
                buf += chunk
                while len(buf) >= 4:
                    (n,) = struct.unpack(">i", buf[:4])
                    if len(buf) < 4 + n:
                        break
                    save("request", buf[4:4 + n])
                    buf = buf[4 + n:]
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def proxy(listen: socket.socket, broker_port: int) -> None:
    while True:
        client, _ = listen.accept()
        upstream = socket.create_connection(("127.0.0.1", broker_port))
        threading.Thread(target=pipe, args=(client, upstream, True), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client, False), daemon=True).start()


def attempt(call, *args) -> None:
    """An admin call whose request is what matters: an error answer is fine."""
    try:
        call(*args)
    except Exception as e:  # noqa: BLE001 - any client-side error still recorded the request
        print(f"  ({getattr(call, '__name__', call)}: {type(e).__name__})")


def kafka_python(bootstrap: str) -> None:
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewPartitions, NewTopic

    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic("kp-topic", 2, 1), NewTopic("kp-compact", 1, 1, topic_configs={"cleanup.policy": "compact"})])
    attempt(admin.describe_configs, [ConfigResource(ConfigResourceType.TOPIC, "kp-topic")])
    attempt(admin.create_partitions, {"kp-topic": NewPartitions(3)})
    attempt(admin.describe_cluster)
    attempt(admin.describe_topics, ["kp-topic"])
    attempt(admin.list_groups)
    for codec in (None, "gzip", "snappy", "lz4", "zstd"):
        try:
            p = KafkaProducer(bootstrap_servers=bootstrap, compression_type=codec, linger_ms=5)
        except RuntimeError as e:  # the codec's Python library is not installed
            print(f"  kafka-python without {codec}: {e}")
            continue
        for i in range(20):
            p.send("kp-topic", key=f"k{i % 3}".encode(), value=f"{codec}-{i}".encode() * 5,
                   headers=[("h", b"v")])
            p.send("kp-compact", key=f"k{i % 4}".encode(), value=None if i % 7 == 0 else b"x")
        p.flush()
        p.close()
    c = KafkaConsumer("kp-topic", bootstrap_servers=bootstrap, group_id="kp-group", auto_offset_reset="earliest",
                      consumer_timeout_ms=3000)
    for _ in c:
        pass
    c.commit()
    c.close()
    attempt(admin.describe_groups, ["kp-group"])
    attempt(admin.list_group_offsets, "kp-group")
    attempt(admin.list_partition_reassignments)
    attempt(admin.describe_log_dirs)
    attempt(admin.delete_topics, ["kp-compact"])
    admin.close()


def confluent(bootstrap: str) -> None:
    from confluent_kafka import Consumer, Producer
    from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

    admin = AdminClient({"bootstrap.servers": bootstrap})
    for f in admin.create_topics([NewTopic("ck-topic", 2, 1)]).values():
        f.result()
    for f in admin.describe_configs([ConfigResource("topic", "ck-topic")]).values():
        f.result()
    for codec in ("none", "gzip", "snappy", "lz4", "zstd"):
        p = Producer({"bootstrap.servers": bootstrap, "compression.type": codec, "enable.idempotence": True,
                      "linger.ms": 5})
        for i in range(50):
            p.produce("ck-topic", key=f"k{i}".encode(), value=f"{codec}-{i}".encode() * 8,
                      headers=[("trace", b"1")])
        p.flush(30)
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "ck-group", "auto.offset.reset": "earliest",
                  "partition.assignment.strategy": "cooperative-sticky"})
    c.subscribe(["ck-topic"])
    got, deadline = 0, time.time() + 30
    while got < 250 and time.time() < deadline:
        m = c.poll(1.0)
        if m is not None and m.error() is None:
            got += 1
    c.commit(asynchronous=False)
    c.close()


def aiokafka_clients(bootstrap: str) -> None:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    async def run():
        for codec in (None, "gzip", "lz4", "zstd"):
            try:
                p = AIOKafkaProducer(bootstrap_servers=bootstrap, compression_type=codec, enable_idempotence=True)
            except (RuntimeError, AssertionError) as e:
                print(f"  aiokafka without {codec}: {e}")
                continue
            await p.start()
            for i in range(20):
                await p.send("ak-topic", key=b"k", value=f"{codec}-{i}".encode())
            await p.stop()
        c = AIOKafkaConsumer("ak-topic", bootstrap_servers=bootstrap, group_id="ak-group",
                             auto_offset_reset="earliest", enable_auto_commit=False)
        await c.start()
        await c.getmany(timeout_ms=3000)
        await c.commit()
        await c.stop()

    asyncio.run(run())


def harvest(data: Path) -> None:
    """Whole batches out of the stored segments."""
    for seg in sorted(data.glob("*/*.log")):
        part = seg.parent.name
        raw = seg.read_bytes()
        if part.startswith("__cluster_metadata"):
            target = "metadata_log"
        elif part.startswith("__consumer_offsets"):
            target = "group_records"
        else:
            target = "record_batch"
        pos = 0
        group = b""
        while pos + 12 <= len(raw):
            (length,) = struct.unpack(">i", raw[pos + 8:pos + 12])
            batch = raw[pos:pos + 12 + length]
            pos += 12 + length
            if target == "record_batch":
                save(target, batch)
            else:
                group += batch
                if len(group) > 4096:
                    save(target, group)
                    group = b""
        if group:
            save(target, group)


def main() -> None:
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    work = Path(tempfile.mkdtemp(prefix="moldau-seeds-"))
    bport, pport = free_port(), free_port()
    listen = socket.socket()
    listen.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listen.bind(("127.0.0.1", pport))
    listen.listen(64)
    threading.Thread(target=proxy, args=(listen, bport), daemon=True).start()
    broker = subprocess.Popen([str(BROKER), "--override", f"listeners=PLAINTEXT://127.0.0.1:{bport}",
                               "--override", f"advertised.listeners=PLAINTEXT://127.0.0.1:{pport}",
                               "--override", f"log.dirs={work / 'data'}",
                               "--override", "group.initial.rebalance.delay.ms=0"],
                              stdout=open(work / "broker.log", "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", bport), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        bootstrap = f"127.0.0.1:{pport}"
        kafka_python(bootstrap)
        confluent(bootstrap)
        aiokafka_clients(bootstrap)
    finally:
        broker.terminate()
        broker.wait(30)
    harvest(work / "data")
    shutil.rmtree(work)
    for d in sorted(SEEDS.iterdir()):
        files = list(d.iterdir())
        print(f"{d.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()
