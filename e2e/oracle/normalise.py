"""Turns a decoded response into something comparable across two clusters: it walks the body
alongside its schema and replaces what legitimately differs between two fresh clusters by a
role or a placeholder.

  throttle times            -> "<throttle>"
  broker ids (entityType)   -> "broker#k" (k: rank of the node id in the cluster, 1-based)
  hosts / ports / data dirs -> "<host#k>", "<port#k>", "<dir#k>" (also inside config values)
  cluster ids               -> "<cluster-id>"
  uuids (topic ids, ...)    -> "<uuid#n>" numbered by first appearance within the case
  producer ids              -> "<pid#n>", member ids -> "<member#n>" (first appearance)
  wall-clock timestamps     -> "<wallclock>" (an int64 time field above 1e11 ms)
  fetch session ids         -> "<session>"
  records                   -> batches decoded with kafka-python (headers and records)

Error codes are left as they are (compared strictly); error messages are left as they are and
the differ compares them loosely.
"""

import hashlib
import re
import uuid

from kafka.record import MemoryRecords

from . import schema

ZERO_UUID = uuid.UUID(int=0)
MEMBER_FIELDS = {"MemberId", "Leader"}
_TIME = re.compile(r"(Timestamp|TimeMs|Time)$")


class Context:
    """Per side and per case: the placeholders handed out so far, and the system's addresses."""

    def __init__(self, system, topic_ids: dict | None = None):
        self.topic_ids = topic_ids or {}
        self.uuids: dict = {}
        self.members: dict = {}
        self.pids: dict = {}
        ids = sorted(system.ids)
        self.rank = {nid: k + 1 for k, nid in enumerate(ids)}
        self.ports: dict[int, str] = {}
        self.subs: list[tuple[str, str]] = []
        nodes = getattr(system, "nodes", None) or getattr(system, "brokers", {})
        for nid in ids:
            n = nodes[nid]
            k = self.rank[nid]
            self.ports[n.port] = f"<port#{k}>"
            self.ports[n.controller_port] = f"<controller-port#{k}>"
            if getattr(n, "metrics_port", None):
                self.ports[n.metrics_port] = f"<metrics-port#{k}>"
            self.subs.append((str(n.data_dir), f"<dir#{k}>"))
        for nid in ids:
            n = nodes[nid]
            k = self.rank[nid]
            for port, ph in self.ports.items():
                self.subs.append((f"{n.host}:{port}", f"<host#{k}>:{ph}"))
        for nid in ids:
            self.subs.append((nodes[nid].host, f"<host#{self.rank[nid]}>"))
        self.subs.append((str(system.root), "<root>"))

    def placeholder(self, table: dict, prefix: str, v) -> str:
        if v not in table:
            table[v] = f"<{prefix}#{len(table) + 1}>"
        return table[v]

    def broker(self, v):
        if not isinstance(v, int) or v < 0:
            return v
        return f"broker#{self.rank[v]}" if v in self.rank else f"broker-unknown({v})"

    def text(self, s: str | None) -> str | None:
        if s is None:
            return None
        for a, b in self.subs:
            s = s.replace(a, b)
        return s


def normalise(api_key: int, version: int, body: dict, ctx: Context) -> dict:
    if api_key < 0 or not isinstance(body, dict) or "_transport" in body or "_no_response" in body:
        return body
    msg = schema.response_schema(api_key)
    out = _struct(msg, msg.fields, body, version, ctx)
    if api_key == 18 and isinstance(out.get("ApiKeys"), list):
        # One comparable value per API: {"0 Produce": "0-13"} (a key only one side lists shows
        # up as present on that side only).
        out["ApiKeys"] = {f"{k['ApiKey']} {schema.api_name(k['ApiKey'])}": f"{k['MinVersion']}-{k['MaxVersion']}"
                          for k in out["ApiKeys"]}
    return out


def _struct(msg, fields, d: dict, version: int, ctx: Context) -> dict:
    if d is None:
        return None
    out = {}
    for f in fields:
        if f.name in d:
            out[f.name] = _field(msg, f, d[f.name], version, ctx)
    for k in ("_unknown_tags", "_trailing_bytes", "_correlation_mismatch"):
        if k in d:
            out[k] = {str(t): raw.hex() for t, raw in d[k].items()} if k == "_unknown_tags" else d[k]
    return out


def _field(msg, f, v, version: int, ctx: Context):
    sub = msg.sub(f)
    if f.is_array:
        if v is None:
            return None
        if sub is not None:
            return [_struct(msg, sub, x, version, ctx) for x in v]
        return [_prim(f, x, ctx) for x in v]
    if sub is not None:
        return _struct(msg, sub, v, version, ctx)
    return _prim(f, v, ctx)


def _prim(f, v, ctx: Context):
    name, t = f.name, f.elem
    if name == "ThrottleTimeMs":
        return "<throttle>"
    if f.entity == "brokerId" and isinstance(v, int):
        return ctx.broker(v)
    if t == "uuid":
        if v == ZERO_UUID:
            return "<zero-uuid>"
        if v in ctx.topic_ids:
            return f"<topic-id:{ctx.topic_ids[v]}>"
        return ctx.placeholder(ctx.uuids, "uuid", v)
    if f.entity == "producerId" and isinstance(v, int):
        return v if v < 0 else ctx.placeholder(ctx.pids, "pid", v)
    if t == "records":
        return records(v, ctx)
    if t == "bytes":
        return None if v is None else v.hex()
    if t == "string":
        if v and name in MEMBER_FIELDS:
            return ctx.placeholder(ctx.members, "member", v)
        if name == "ClusterId" and v is not None:
            return "<cluster-id>"
        if name == "ClientHost" and v:
            return "<client-host>"
        return ctx.text(v)
    if name == "Port" and v in ctx.ports:
        return ctx.ports[v]
    if name == "SessionId" and v:
        return "<session>"
    if t == "int64" and _TIME.search(name) and isinstance(v, int) and v > 10 ** 11:
        return "<wallclock>"
    return v


def _short(b: bytes | None):
    if b is None:
        return None
    if len(b) <= 64:
        try:
            return b.decode()
        except UnicodeDecodeError:
            return "0x" + b.hex()
    return f"<{len(b)} bytes sha1 {hashlib.sha1(b).hexdigest()[:12]}>"


def _ts(v: int, ctx: Context):
    return "<wallclock>" if isinstance(v, int) and v > 10 ** 11 else v


def records(data: bytes | None, ctx: Context):
    """Record batches, decoded (kafka-python's MemoryRecords), placeholders applied."""
    if data is None:
        return None
    out = []
    try:
        mr = MemoryRecords(data)
        while True:
            b = mr.next_batch()
            if b is None:
                break
            batch = {"BaseOffset": b.base_offset, "Magic": b.magic}
            if b.magic >= 2:
                batch.update(LastOffsetDelta=b.last_offset_delta, PartitionLeaderEpoch=b.leader_epoch,
                             Compression=b.compression_type, TimestampType=b.timestamp_type,
                             Transactional=b.is_transactional, Control=b.is_control_batch,
                             ProducerId=b.producer_id if b.producer_id < 0 else ctx.placeholder(ctx.pids, "pid", b.producer_id),
                             ProducerEpoch=b.producer_epoch, BaseSequence=b.base_sequence,
                             FirstTimestamp=_ts(b.first_timestamp, ctx), MaxTimestamp=_ts(b.max_timestamp, ctx),
                             CrcValid=b.validate_crc())
            recs = []
            for r in b:
                recs.append({"Offset": r.offset, "Timestamp": _ts(r.timestamp, ctx), "Key": _short(r.key),
                             "Value": _short(r.value),
                             "Headers": [[k, _short(hv)] for k, hv in (r.headers or [])]})
            batch["Records"] = recs
            out.append(batch)
        valid = mr.valid_bytes()
        if valid != len(data):
            out.append({"_partial_tail_bytes": len(data) - valid})
    except Exception as e:  # noqa: BLE001 - undecodable records are themselves a finding
        out.append({"_undecodable": f"{type(e).__name__}: {e}", "_length": len(data)})
    return out
