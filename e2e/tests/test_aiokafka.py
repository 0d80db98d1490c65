"""End-to-end tests with aiokafka 0.14 (asyncio, its own protocol implementation): producing
single records and batches, consumer groups with commit and resume, two consumers splitting a
topic's partitions."""

import asyncio
import functools

import pytest

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from conftest import unique

WAIT = 30  # upper bound (s) for any single wait in this file


def run_async(timeout: float = 90):
    """Runs an async test body with asyncio.run, bounded by `timeout` seconds."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return asyncio.run(asyncio.wait_for(fn(*args, **kwargs), timeout))
        return wrapper
    return deco


async def create_topic(broker, name: str, partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap)
    await admin.start()
    try:
        resp = await admin.create_topics([NewTopic(name, partitions, 1)], timeout_ms=WAIT * 1000)
        errors = [(t[0], t[1]) for t in resp.topic_errors if t[1] != 0]
        assert not errors, f"create_topics failed: {errors}"
    finally:
        await admin.close()


def make_consumer(broker, topic, group, **kw) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(topic, bootstrap_servers=broker.bootstrap, group_id=group,
                            auto_offset_reset="earliest", enable_auto_commit=False,
                            session_timeout_ms=10000, heartbeat_interval_ms=500, **kw)


async def receive(consumer: AIOKafkaConsumer, n: int, timeout: float = WAIT) -> list:
    """Fetches until n records arrived; returns them in arrival order."""
    out = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(out) < n and loop.time() < deadline:
        batches = await consumer.getmany(timeout_ms=500, max_records=n - len(out))
        for recs in batches.values():
            out.extend(recs)
    assert len(out) == n, f"received {len(out)} of {n} records within {timeout}s"
    return out


async def produce(broker, topic, items, **kw) -> list:
    """items: (key, value, partition|None); returns RecordMetadata in item order."""
    p = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, acks="all", **kw)
    await p.start()
    try:
        futs = [await p.send(topic, value=v, key=k, partition=part) for k, v, part in items]
        return list(await asyncio.gather(*futs))
    finally:
        await p.stop()


def by_partition(records) -> dict[int, list]:
    out: dict[int, list] = {}
    for r in records:
        out.setdefault(r.partition, []).append(r)
    return out


@pytest.mark.parametrize("idempotent", [False, True], ids=["plain", "idempotent"])
@run_async()
async def test_producer_send_and_wait_batches_and_keys(broker, idempotent):
    topic = unique("aio-produce")
    await create_topic(broker, topic, 2)
    p = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, acks="all", enable_idempotence=idempotent,
                         compression_type="gzip")
    try:
        await p.start()
        # send_and_wait: one record at a time, with a key and headers
        md = await p.send_and_wait(topic, b"hello", key=b"greeting", partition=0,
                                   headers=[("h", b"1")])
        assert (md.topic, md.partition, md.offset) == (topic, 0, 0)
        md = await p.send_and_wait(topic, b"world", key=b"greeting", partition=0)
        assert md.offset == 1

        # an explicit batch: the returned metadata carries the batch's base offset
        batch = p.create_batch()
        for i in range(10):
            assert batch.append(key=b"b%d" % i, value=b"batched-%d" % i, timestamp=None) is not None
        md = await (await p.send_batch(batch, topic, partition=1))
        assert (md.partition, md.offset) == (1, 0)
        batch = p.create_batch()
        for i in range(10, 15):
            batch.append(key=b"b%d" % i, value=b"batched-%d" % i, timestamp=None)
        md = await (await p.send_batch(batch, topic, partition=1))
        assert md.offset == 10

        # keyed records without a partition: the same key always lands in the same partition
        futs = [await p.send(topic, b"keyed-%d" % i, key=b"k%d" % (i % 3)) for i in range(30)]
        mds = await asyncio.gather(*futs)
        part_of = {}
        for i, m in enumerate(mds):
            part_of.setdefault(i % 3, set()).add(m.partition)
        assert all(len(s) == 1 for s in part_of.values())
    finally:
        await p.stop()

    c = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest",
                         enable_auto_commit=False)
    await c.start()
    try:
        tps = [TopicPartition(topic, 0), TopicPartition(topic, 1)]
        c.assign(tps)
        await c.seek_to_beginning(*tps)
        end = await c.end_offsets(tps)
        total = sum(end.values())
        assert total == 2 + 15 + 30
        recs = by_partition(await receive(c, total))
        p0 = recs[0]
        assert [(r.offset, r.key, r.value) for r in p0[:2]] == [(0, b"greeting", b"hello"), (1, b"greeting", b"world")]
        assert list(p0[0].headers) == [("h", b"1")]
        p1 = recs[1]
        assert [(r.offset, r.key, r.value) for r in p1[:15]] == \
            [(i, b"b%d" % i, b"batched-%d" % i) for i in range(15)]
        for part, rs in recs.items():
            assert [r.offset for r in rs] == list(range(end[TopicPartition(topic, part)]))
    finally:
        await c.stop()


@pytest.mark.parametrize("codec", [None, "gzip"])  # the codecs aiokafka supports without extras
@run_async()
async def test_compressed_batches_and_seek(broker, codec):
    topic = unique("aio-seek")
    await create_topic(broker, topic, 1)
    items = [(b"k%d" % (i % 4), b"rec-%d-" % i + b"z" * (i % 30), 0) for i in range(200)]
    mds = await produce(broker, topic, items, compression_type=codec, linger_ms=50)
    assert [m.offset for m in mds] == list(range(200))

    c = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap, enable_auto_commit=False)
    await c.start()
    try:
        tp = TopicPartition(topic, 0)
        c.assign([tp])
        stamps = None
        for start in (0, 123, 199):  # also into the middle of a batch
            c.seek(tp, start)
            recs = await receive(c, 200 - start)
            assert [(r.offset, r.key, r.value) for r in recs] == \
                [(i, k, v) for i, (k, v, _) in enumerate(items)][start:]
            stamps = stamps or [r.timestamp for r in recs]
        assert await c.position(tp) == 200
        assert (await c.beginning_offsets([tp]))[tp] == 0
        assert (await c.end_offsets([tp]))[tp] == 200
        # (the records' own timestamps: aiokafka's RecordMetadata.timestamp is per batch)
        for t in (stamps[0], stamps[50], stamps[-1]):
            found = (await c.offsets_for_times({tp: t}))[tp]
            first = min(i for i, ts in enumerate(stamps) if ts >= t)
            assert found is not None and (found.offset, found.timestamp) == (first, stamps[first])
        assert (await c.offsets_for_times({tp: max(stamps) + 1}))[tp] is None
    finally:
        await c.stop()


@run_async()
async def test_group_consume_commit_and_resume(broker):
    topic = unique("aio-group")
    group = unique("aio-g")
    await create_topic(broker, topic, 3)
    items = [(b"key-%d" % (i % 5), b"first-%d" % i, None) for i in range(60)]
    mds = await produce(broker, topic, items)
    expected: dict[int, list] = {}
    for (k, v, _), md in zip(items, mds):
        expected.setdefault(md.partition, []).append((md.offset, k, v))
    for part, rs in expected.items():
        assert [o for o, _, _ in rs] == list(range(len(rs))), f"partition {part}: offsets not consecutive"

    c = make_consumer(broker, topic, group)
    await c.start()
    try:
        got = by_partition(await receive(c, len(items)))
        # in order per partition, with the offsets the producer was told
        assert {p: [(r.offset, r.key, r.value) for r in rs] for p, rs in got.items()} == expected
        await c.commit()
        for part, rs in expected.items():
            assert await c.committed(TopicPartition(topic, part)) == len(rs)
    finally:
        await c.stop()

    more = [(None, b"second-%d" % i, i % 3) for i in range(15)]
    await produce(broker, topic, more)

    c2 = make_consumer(broker, topic, group)
    await c2.start()
    try:
        got2 = await receive(c2, len(more))
        # only the new records: the group resumed from its committed offsets
        assert sorted(r.value for r in got2) == sorted(v for _, v, _ in more)
        for part, rs in by_partition(got2).items():
            assert rs[0].offset == len(expected.get(part, []))
        await c2.commit()
    finally:
        await c2.stop()


async def wait_split(consumers, topic, partitions, timeout=WAIT):
    """Keeps the consumers fetching until their assignments split the topic's partitions."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = []
    while loop.time() < deadline:
        await asyncio.gather(*(c.getmany(timeout_ms=200) for c in consumers))
        seen = [{tp.partition for tp in c.assignment() if tp.topic == topic} for c in consumers]
        if all(seen) and sum(len(s) for s in seen) == partitions and set().union(*seen) == set(range(partitions)):
            return seen
    raise AssertionError(f"assignments never split {partitions} partitions: {seen}")


@run_async(timeout=120)
async def test_two_consumers_split_partitions(broker):
    topic = unique("aio-split")
    group = unique("aio-split-g")
    await create_topic(broker, topic, 4)
    c1 = make_consumer(broker, topic, group)
    c2 = make_consumer(broker, topic, group)
    await c1.start()
    try:
        await c2.start()
        try:
            split = await wait_split([c1, c2], topic, 4)
            assert all(len(s) == 2 for s in split), f"range/roundrobin split 4 partitions 2+2: {split}"

            items = [(None, b"v-%d-%d" % (p, i), p) for p in range(4) for i in range(10)]
            await produce(broker, topic, items)

            loop = asyncio.get_running_loop()
            deadline = loop.time() + WAIT
            got = {0: [], 1: []}
            while sum(len(v) for v in got.values()) < len(items) and loop.time() < deadline:
                r1, r2 = await asyncio.gather(c1.getmany(timeout_ms=300), c2.getmany(timeout_ms=300))
                for i, batches in enumerate((r1, r2)):
                    for recs in batches.values():
                        got[i].extend(recs)
            assert sum(len(v) for v in got.values()) == len(items)
            for i in (0, 1):
                # each consumer only sees records of its own partitions, in order
                assert {r.partition for r in got[i]} == split[i]
                for part, rs in by_partition(got[i]).items():
                    assert [r.offset for r in rs] == list(range(10))
                    assert [r.value for r in rs] == [b"v-%d-%d" % (part, j) for j in range(10)]
            await asyncio.gather(c1.commit(), c2.commit())
        finally:
            await c2.stop()
        # c1 alone takes over all 4 partitions after c2 leaves; it has nothing left to read
        split = await wait_split([c1], topic, 4)
        assert split == [{0, 1, 2, 3}]
        for p in range(4):
            assert await c1.committed(TopicPartition(topic, p)) == 10
        extra = await produce(broker, topic, [(None, b"after", 3)])
        recs = await receive(c1, 1)
        assert (recs[0].partition, recs[0].offset, recs[0].value) == (3, extra[0].offset, b"after") == (3, 10, b"after")
    finally:
        await c1.stop()
