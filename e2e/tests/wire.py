"""Raw Kafka protocol over a socket, for tests that must send what no well-behaved client
sends (bad frames, unknown keys, tampered batches) and check the exact bytes that come back."""

import socket
import struct

from kafka.record.default_records import DefaultRecordBatchBuilder
from kafka.record.util import calc_crc32c


def connect(port: int, timeout: float = 5.0) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.settimeout(timeout)
    return s


def string(s: str | None) -> bytes:
    if s is None:
        return struct.pack(">h", -1)
    b = s.encode()
    return struct.pack(">h", len(b)) + b


def request(api_key: int, version: int, correlation_id: int, body: bytes, client_id: str = "wire-test") -> bytes:
    """A non-flexible request (header v1) with its size prefix."""
    payload = struct.pack(">hhi", api_key, version, correlation_id) + string(client_id) + body
    return struct.pack(">i", len(payload)) + payload


def read_exact(s: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed by broker")
        buf += chunk
    return buf


def read_response(s: socket.socket) -> tuple[int, bytes]:
    """Returns (correlation id, body) of one response with a v0 header."""
    (size,) = struct.unpack(">i", read_exact(s, 4))
    data = read_exact(s, size)
    (corr,) = struct.unpack(">i", data[:4])
    return corr, data[4:]


def closed_by_peer(s: socket.socket, timeout: float = 5.0) -> bool:
    """True if the broker closes the connection (EOF or reset) within the timeout."""
    s.settimeout(timeout)
    try:
        return s.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def api_versions(version: int = 0) -> bytes:
    return b""  # v0-v2 bodies are empty


def record_batch(values: list[bytes], key: bytes | None = b"k") -> bytearray:
    """A valid v2 record batch built by kafka-python's own builder."""
    b = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=False,
                                  producer_id=-1, producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    for i, v in enumerate(values):
        b.append(i, timestamp=None, key=key, value=v, headers=[])
    return bytearray(b.build())


def fix_crc(batch: bytearray) -> bytearray:
    crc = calc_crc32c(bytes(batch[21:]))
    batch[17:21] = struct.pack(">I", crc)
    return batch


def produce_v3(topic: str, partition: int, records: bytes, acks: int = -1) -> bytes:
    """Produce v3 body: transactional id, acks, timeout, one topic with one partition."""
    return (string(None) + struct.pack(">hi", acks, 5000) + struct.pack(">i", 1) + string(topic)
            + struct.pack(">i", 1) + struct.pack(">i", partition) + struct.pack(">i", len(records)) + records)


def parse_produce_v3_response(body: bytes) -> list[tuple[str, int, int, int]]:
    """[(topic, partition, error code, base offset)]"""
    out = []
    pos = 0
    (ntopics,) = struct.unpack_from(">i", body, pos)
    pos += 4
    for _ in range(ntopics):
        (tlen,) = struct.unpack_from(">h", body, pos)
        pos += 2
        topic = body[pos:pos + tlen].decode()
        pos += tlen
        (nparts,) = struct.unpack_from(">i", body, pos)
        pos += 4
        for _ in range(nparts):
            part, err, base, _append_time = struct.unpack_from(">ihqq", body, pos)
            pos += 4 + 2 + 8 + 8
            out.append((topic, part, err, base))
    return out
