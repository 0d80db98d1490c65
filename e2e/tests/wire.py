"""Raw Kafka protocol over a socket, for tests that must send what no well-behaved client
sends (bad frames, unknown keys, tampered batches) and check the exact bytes that come back."""

import socket
import struct
import time

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


# ---- Config requests for any resource, including the BROKER resource with the empty name
# (the cluster-wide dynamic broker defaults, `kafka-configs --entity-type brokers
# --entity-default`). Both Python clients parse a BROKER resource's name as a broker id and
# refuse "", so these are encoded here the way the Java AdminClient sends them.

DESCRIBE_CONFIGS, ALTER_CONFIGS, INCREMENTAL_ALTER_CONFIGS = 32, 33, 44
RESOURCE_TOPIC, RESOURCE_BROKER = 2, 4
OP_SET, OP_DELETE, OP_APPEND, OP_SUBTRACT = 0, 1, 2, 3


class Reader:
    """Reads the non-flexible wire types from a response body."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        v = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return v[0] if len(v) == 1 else v

    def string(self) -> str | None:
        n = self.take(">h")
        if n < 0:
            return None
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s

    def array(self, item) -> list:
        n = self.take(">i")
        return [item() for _ in range(max(n, 0))]


def array(items: list[bytes]) -> bytes:
    return struct.pack(">i", len(items)) + b"".join(items)


def call(host: str, port: int, api_key: int, version: int, body: bytes, timeout: float = 10.0) -> bytes:
    """One request on a fresh connection; returns the response body."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.settimeout(timeout)
        s.sendall(request(api_key, version, 1, body))
        _, reply = read_response(s)
        return reply


def _alter_results(body: bytes) -> list[tuple[int, str | None, int, str]]:
    """AlterConfigs / IncrementalAlterConfigs v0 response: [(error code, message, type, name)]."""
    r = Reader(body)
    r.take(">i")  # throttle time
    return r.array(lambda: (r.take(">h"), r.string(), r.take(">b"), r.string()))


def incremental_alter_configs(host: str, port: int, resource_type: int, name: str,
                              ops: list[tuple[str, int, str | None]], validate_only: bool = False):
    """IncrementalAlterConfigs v0 for one resource; `ops` are (key, OP_*, value). Returns
    (error code, message)."""
    configs = [string(k) + struct.pack(">b", op) + string(v) for k, op, v in ops]
    body = array([struct.pack(">b", resource_type) + string(name) + array(configs)]) \
        + struct.pack(">?", validate_only)
    (code, message, _, _), = _alter_results(call(host, port, INCREMENTAL_ALTER_CONFIGS, 0, body))
    return code, message


def alter_configs(host: str, port: int, resource_type: int, name: str, configs: dict[str, str],
                  validate_only: bool = False):
    """AlterConfigs v0 (replace: keys not given are reset) for one resource. Returns
    (error code, message)."""
    entries = [string(k) + string(v) for k, v in configs.items()]
    body = array([struct.pack(">b", resource_type) + string(name) + array(entries)]) \
        + struct.pack(">?", validate_only)
    (code, message, _, _), = _alter_results(call(host, port, ALTER_CONFIGS, 0, body))
    return code, message


def describe_configs(host: str, port: int, resource_type: int, name: str,
                     include_synonyms: bool = True) -> tuple[int, str | None, dict[str, dict]]:
    """DescribeConfigs v1 for one resource, all keys: (error code, message, {key: {value,
    read_only, source, synonyms: [(name, value, source)]}})."""
    body = array([struct.pack(">b", resource_type) + string(name) + struct.pack(">i", -1)]) \
        + struct.pack(">?", include_synonyms)
    r = Reader(call(host, port, DESCRIBE_CONFIGS, 1, body))
    r.take(">i")  # throttle time

    def entry():
        name, value = r.string(), r.string()
        read_only, source, _sensitive = r.take(">?"), r.take(">b"), r.take(">?")
        synonyms = r.array(lambda: (r.string(), r.string(), r.take(">b")))
        return name, {"value": value, "read_only": read_only, "source": source, "synonyms": synonyms}

    def result():
        code, message, _, _ = r.take(">h"), r.string(), r.take(">b"), r.string()
        return code, message, dict(r.array(entry))

    (out,) = r.array(result)
    return out


# ---- Hostile record batches: built by hand so that every field can lie.

def zigzag(v: int) -> bytes:
    z = (v << 1) ^ (v >> 63)
    out = bytearray()
    while z >= 0x80:
        out.append((z & 0x7F) | 0x80)
        z >>= 7
    out.append(z)
    return bytes(out)


def raw_record(offset_delta: int, key: bytes | None, value: bytes | None, ts_delta: int = 0) -> bytes:
    body = b"\x00" + zigzag(ts_delta) + zigzag(offset_delta)
    for f in (key, value):
        body += zigzag(-1) if f is None else zigzag(len(f)) + f
    body += zigzag(0)
    return zigzag(len(body)) + body


def raw_batch(payload: bytes, count: int, codec: int = 0, last_offset_delta: int | None = None,
              timestamp: int | None = None, base_offset: int = 0) -> bytearray:
    """A v2 batch around `payload` (records, compressed with `codec` already), with a good CRC."""
    ts = int(time.time() * 1000) if timestamp is None else timestamp
    lod = count - 1 if last_offset_delta is None else last_offset_delta
    b = bytearray(struct.pack(">qiibI", base_offset, 49 + len(payload), -1, 2, 0))
    b += struct.pack(">hiqqqhii", codec, lod, ts, ts, -1, -1, -1, count)
    b += payload
    return fix_crc(b)


def zstd_rle_bomb(claimed: int = 16 << 30, key: bytes | None = b"k") -> bytes:
    """A zstd frame (1 MiB window, content size `claimed`) holding one record whose value is
    `claimed` zero bytes, written as 128 KiB RLE blocks: ~4 bytes per 128 KiB."""
    value_len = (1 << 31) - 64
    prefix = (b"\x00" + zigzag(0) + zigzag(0) + (zigzag(-1) if key is None else zigzag(len(key)) + key)
              + zigzag(value_len))
    record_head = zigzag(len(prefix) + value_len + 1) + prefix
    out = bytearray(struct.pack("<I", 0xFD2FB528))
    out += bytes([0xC0, 10 << 3]) + struct.pack("<Q", claimed)  # FCS 8 bytes, window 2^20
    out += struct.pack("<I", (len(record_head) << 3) | 0)[:3] + record_head  # raw block
    block = 128 << 10
    blocks = (claimed - len(record_head)) // block
    rle = struct.pack("<I", (block << 3) | (1 << 1))[:3] + b"\x00"
    out += rle * (blocks - 1)
    out += struct.pack("<I", (block << 3) | (1 << 1) | 1)[:3] + b"\x00"  # last block
    return bytes(out)


def list_offsets_v1(topic: str, partition: int, timestamp: int) -> bytes:
    """ListOffsets v1 body (replica -1, one topic, one partition)."""
    return struct.pack(">i", -1) + array([string(topic) + array([struct.pack(">iq", partition, timestamp)])])


def parse_list_offsets_v1(body: bytes) -> tuple[int, int, int]:
    """(error code, timestamp, offset) of the only partition."""
    r = Reader(body)
    r.take(">i")
    r.string()
    r.take(">i")
    _p, err, ts, off = r.take(">ihqq")
    return err, ts, off
