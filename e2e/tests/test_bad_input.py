"""Bad input on the wire: oversized frames, garbage, unknown API keys, unsupported versions,
tampered record batches. The broker answers or closes as Kafka would, and every other
connection keeps working."""

import struct
import subprocess

import wire
from conftest import unique


def metadata_still_works(broker) -> None:
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and "broker 1 at" in out.stdout, out.stderr


def test_oversized_frame_closes_only_that_connection(broker_factory):
    broker = broker_factory({"socket.request.max.bytes": "1000"})
    bystander = wire.connect(broker.port)
    s = wire.connect(broker.port)
    s.sendall(struct.pack(">i", 5000) + b"\x00" * 100)
    assert wire.closed_by_peer(s)
    # The other connection is unaffected and still gets answers.
    bystander.sendall(wire.request(18, 0, 7, b""))
    corr, _ = wire.read_response(bystander)
    assert corr == 7
    metadata_still_works(broker)
    assert "larger than socket.request.max.bytes" in broker.log_text()


def test_negative_size_and_garbage_close_the_connection(broker):
    s = wire.connect(broker.port)
    s.sendall(struct.pack(">i", -5))
    assert wire.closed_by_peer(s)
    s = wire.connect(broker.port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert wire.closed_by_peer(s)
    metadata_still_works(broker)


def test_unknown_api_key_closes_the_connection(broker):
    s = wire.connect(broker.port)
    s.sendall(wire.request(999, 0, 1, b""))
    assert wire.closed_by_peer(s)
    s = wire.connect(broker.port)
    s.sendall(wire.request(4, 0, 1, b""))  # LeaderAndIsr: broker-internal, not served to clients
    assert wire.closed_by_peer(s)
    metadata_still_works(broker)


def test_unsupported_api_versions_version_gets_error_35_in_a_v0_body(broker):
    s = wire.connect(broker.port)
    s.sendall(wire.request(18, 99, 42, b"\x00"))
    corr, body = wire.read_response(s)
    assert corr == 42
    # v0 body: error 35, then exactly one entry: ApiVersions 0..4.
    assert body == struct.pack(">hihhh", 35, 1, 18, 0, 4)


def test_api_versions_advertises_what_clients_need(broker):
    s = wire.connect(broker.port)
    s.sendall(wire.request(18, 0, 1, b""))
    _, body = wire.read_response(s)
    err, n = struct.unpack_from(">hi", body, 0)
    assert err == 0
    ranges = {}
    for i in range(n):
        k, lo, hi = struct.unpack_from(">hhh", body, 6 + i * 6)
        ranges[k] = (lo, hi)
    expected = {0: (0, 11), 1: (4, 12), 2: (1, 7), 3: (0, 12), 8: (2, 9), 9: (1, 9), 10: (0, 4), 11: (0, 9),
                12: (0, 4), 13: (0, 5), 14: (0, 5), 15: (0, 5), 16: (0, 5), 18: (0, 4), 19: (2, 7), 20: (1, 6),
                21: (0, 2), 22: (0, 4), 23: (2, 4), 32: (1, 4), 33: (0, 2), 37: (0, 3), 42: (0, 2), 44: (0, 1),
                43: (0, 2), 45: (0, 0), 46: (0, 0), 47: (0, 0), 60: (0, 1), 35: (1, 4), 55: (0, 2)}
    assert ranges == expected
    # Transactions and KIP-848 are not built, so they are not advertised.
    for k in (24, 25, 26, 28, 68):
        assert k not in ranges


def test_undecodable_body_closes_the_connection(broker):
    s = wire.connect(broker.port)
    # Metadata v1 whose topic array claims 1000 entries but carries none.
    s.sendall(wire.request(3, 1, 1, struct.pack(">i", 1000)))
    assert wire.closed_by_peer(s)
    metadata_still_works(broker)


def test_batch_claiming_more_records_than_it_holds_is_refused(broker):
    topic = unique("tamper")
    batch = wire.record_batch([b"hello"])
    batch[57:61] = struct.pack(">i", 2**31 - 1)  # recordsCount
    wire.fix_crc(batch)
    s = wire.connect(broker.port)
    s.sendall(wire.request(0, 3, 5, wire.produce_v3(topic, 0, bytes(batch))))
    corr, body = wire.read_response(s)
    assert corr == 5
    [(t, p, err, base)] = wire.parse_produce_v3_response(body)
    assert (t, p) == (topic, 0)
    assert err == 2  # CORRUPT_MESSAGE
    assert base == -1
    # A good batch on the same connection is accepted at offset 0: nothing was written.
    s.sendall(wire.request(0, 3, 6, wire.produce_v3(topic, 0, bytes(wire.record_batch([b"ok"])))))
    corr, body = wire.read_response(s)
    assert corr == 6
    assert wire.parse_produce_v3_response(body) == [(topic, 0, 0, 0)]


def test_bad_crc_is_corrupt_message(broker):
    topic = unique("crc")
    batch = wire.record_batch([b"hello"])
    batch[-1] ^= 0xFF
    s = wire.connect(broker.port)
    s.sendall(wire.request(0, 3, 1, wire.produce_v3(topic, 0, bytes(batch))))
    _, body = wire.read_response(s)
    assert wire.parse_produce_v3_response(body)[0][2] == 2


def test_produce_v2_is_answered_unsupported_version(broker):
    # Produce v0-2 are advertised (old librdkafka needs it) but refused like Kafka 4 does.
    body = struct.pack(">hi", 1, 5000) + struct.pack(">i", 1) + wire.string("t") + struct.pack(">i", 1) + struct.pack(">ii", 0, 0)
    s = wire.connect(broker.port)
    s.sendall(wire.request(0, 2, 9, body))
    corr, resp = wire.read_response(s)
    assert corr == 9
    ntopics, tlen = struct.unpack_from(">ih", resp, 0)
    assert (ntopics, resp[6:6 + tlen]) == (1, b"t")
    nparts, part, err = struct.unpack_from(">iih", resp, 6 + tlen)
    assert (nparts, part, err) == (1, 0, 35)


def test_responses_keep_request_order_and_acks0_gets_none(broker):
    topic = unique("order")
    s = wire.connect(broker.port)
    frames = b"".join([
        wire.request(18, 0, 100, b""),
        wire.request(0, 3, 101, wire.produce_v3(topic, 0, bytes(wire.record_batch([b"a"])), acks=0)),
        wire.request(3, 1, 102, struct.pack(">i", 1) + wire.string(topic)),
        wire.request(18, 0, 103, b""),
    ])
    s.sendall(frames)
    got = [wire.read_response(s)[0] for _ in range(3)]
    assert got == [100, 102, 103]


def test_truncated_request_then_disconnect_harms_nothing(broker):
    s = wire.connect(broker.port)
    s.sendall(struct.pack(">i", 100) + b"\x00\x12\x00\x00")
    s.close()
    metadata_still_works(broker)
