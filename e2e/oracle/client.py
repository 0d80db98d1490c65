"""A raw Kafka connection that speaks through the schema codec: one request at a time, every
response decoded into a plain dict. A `Target` is one system under comparison (Apache Kafka
or moldau) with a lazily opened connection per name, so that cases can hold several (a
JoinGroup that blocks on one connection while a Heartbeat goes out on another)."""

import socket
import struct
import threading

from . import schema


class Closed(Exception):
    """The broker closed the connection (or sent nothing) instead of answering."""


class Conn:
    def __init__(self, host: str, port: int, timeout: float = 15.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.corr = 0

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def _read_exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            try:
                chunk = self.sock.recv(n - len(buf))
            except socket.timeout as e:
                raise Closed("timed out waiting for a response") from e
            except OSError as e:
                raise Closed(f"connection error: {e}") from e
            if not chunk:
                raise Closed("connection closed by broker")
            buf += chunk
        return buf

    def send_raw(self, frame: bytes) -> None:
        try:
            self.sock.sendall(frame)
        except OSError as e:
            raise Closed(f"send failed: {e}") from e

    def read_frame(self) -> bytes:
        (size,) = struct.unpack(">i", self._read_exact(4))
        return self._read_exact(size)

    def call(self, api_key: int, version: int, body: dict, expect_response: bool = True,
             header_version: int | None = None) -> dict | None:
        """Sends one request and returns the decoded response body. `header_version` sends the
        request header with a different api version than the body's (unsupported versions)."""
        self.corr += 1
        frame = schema.encode_request(api_key, version, self.corr, body)
        if header_version is not None:
            frame = frame[:6] + struct.pack(">h", header_version) + frame[8:]
        self.send_raw(frame)
        if not expect_response:
            return None
        reply = self.read_frame()
        corr, decoded = schema.decode_response(api_key, version if header_version is None else
                                               _reply_version(api_key, header_version), reply)
        if corr != self.corr:
            decoded["_correlation_mismatch"] = [self.corr, corr]
        return decoded


def _reply_version(api_key: int, asked: int) -> int:
    # An ApiVersions request of a version the broker does not know is answered with v0.
    return 0 if api_key == 18 else asked


class Target:
    """One system under comparison; `.call(api, version, body)` on its first broker."""

    def __init__(self, name: str, system):
        self.name = name
        self.system = system
        first = system.bootstrap.split(",")[0]
        host, port = first.rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.conns: dict[str, Conn] = {}
        self.lock = threading.Lock()
        self.state: dict = {}  # per-case scratch (member ids, topic ids, ...)
        self.topic_ids: dict = {}  # topic id -> name, from every response seen
        self.api_versions: dict[int, tuple[int, int]] = {}

    def conn(self, name: str = "main") -> Conn:
        with self.lock:
            c = self.conns.get(name)
            if c is None:
                c = self.conns[name] = Conn(self.host, self.port)
            return c

    def drop(self, name: str = "main") -> None:
        with self.lock:
            c = self.conns.pop(name, None)
        if c:
            c.close()

    def call(self, api_key: int, version: int, body: dict, conn: str = "main", timeout: float | None = None,
             **kw) -> dict | None:
        """The decoded response; a closed connection becomes {"_transport": reason} (and the
        connection is reopened next time)."""
        try:
            c = self.conn(conn)
            if timeout:
                c.sock.settimeout(timeout)
            r = c.call(api_key, version, body, **kw)
            if timeout:
                c.sock.settimeout(15.0)
            if isinstance(r, dict):
                self._learn_topic_ids(r)
            return r
        except Closed as e:
            self.drop(conn)
            return {"_transport": str(e)}

    def _learn_topic_ids(self, v) -> None:
        """Remembers every (topic id, name) pair a response shows, so that the normaliser can
        write a topic id as the topic's name on both sides."""
        if isinstance(v, dict):
            tid = v.get("TopicId")
            name = v.get("Name", v.get("Topic"))
            if tid is not None and isinstance(name, str) and name and tid.int != 0:
                self.topic_ids[tid] = name
            for x in v.values():
                if isinstance(x, (dict, list)):
                    self._learn_topic_ids(x)
        elif isinstance(v, list):
            for x in v:
                self._learn_topic_ids(x)

    # ---- observations: what the runner compares

    def begin_case(self) -> None:
        self.observed: list[tuple[str, int, int, dict]] = []
        self.state = {}
        self.aliases: dict = {}  # member id -> role name, given by the case

    def alias(self, member_id: str | None, role: str) -> None:
        """Names a member id by its role in the case ("first", "old", ...), so that both sides'
        ids compare equal whatever order they first appear in."""
        if member_id:
            self.aliases[member_id] = f"<member:{role}>"

    def obs(self, step: str, api_key: int, version: int, body: dict, conn: str = "main", **kw) -> dict | None:
        """Sends a request and records its response under `step`."""
        r = self.call(api_key, version, body, conn=conn, **kw)
        reply_version = 0 if api_key == 18 and (kw.get("header_version") or version) > 5 else version
        self.observed.append((step, api_key, reply_version, r if r is not None else {"_no_response": True}))
        return r

    def obs_value(self, step: str, api_key: int, version: int, response: dict) -> None:
        """Records a response already received (e.g. from a setup helper)."""
        self.observed.append((step, api_key, version, response))

    def obs_raw(self, step: str, api_key: int, version: int, body: bytes, conn: str = "raw") -> dict:
        """Sends a body the schema cannot encode at `version` (e.g. a removed version) and
        records the raw answer: its length and first bytes, or how the connection ended."""
        try:
            c = self.conn(conn)
            c.corr += 1
            hdr = struct.pack(">hhi", api_key, version, c.corr) + struct.pack(">h", 6) + b"oracle"
            c.send_raw(struct.pack(">i", len(hdr) + len(body)) + hdr + body)
            reply = c.read_frame()
            r = {"_raw_response": {"length": len(reply) - 4, "head_hex": reply[4:24].hex()}}
        except Closed as e:
            r = {"_transport": str(e)}
        self.drop(conn)
        self.observed.append((step, -1, version, r))
        return r

    def close(self) -> None:
        for name in list(self.conns):
            self.drop(name)
