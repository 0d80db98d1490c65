"""A generic Kafka message codec driven by Apache Kafka's own JSON message schemas
(`common/message/*.json` inside kafka-clients-4.4.0.jar, the files Kafka generates its Java
message classes from). It encodes and decodes every request and response of every version,
including flexible versions (compact strings, arrays and bytes) and tagged fields, exactly as
the schemas define them: no per-API code.

Values are plain Python: a struct is a dict keyed by the schema's field names (CamelCase, as in
the JSON), arrays are lists, uuids are `uuid.UUID`, bytes and records are `bytes`. Encoding
fills any field the caller leaves out with the schema's default; decoding yields exactly the
fields that exist in that version (plus `_unknown_tags` when a peer sends tags the schema does
not know).
"""

import io
import json
import re
import struct
import uuid
import zipfile
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLIENTS_JAR = REPO / "target" / "kafka-4.4.0" / "libs" / "kafka-clients-4.4.0.jar"


class SchemaError(Exception):
    pass


def parse_versions(spec: str | None) -> tuple[int, int] | None:
    """'0+' -> (0, 32767); '3-12' -> (3, 12); '5' -> (5, 5); 'none'/None -> None."""
    if spec is None or spec == "none":
        return None
    if spec.endswith("+"):
        return int(spec[:-1]), 0x7FFF
    if "-" in spec:
        lo, hi = spec.split("-")
        return int(lo), int(hi)
    return int(spec), int(spec)


def _in(rng: tuple[int, int] | None, v: int) -> bool:
    return rng is not None and rng[0] <= v <= rng[1]


def _strip_comments(text: str) -> str:
    # The schema files carry // comments (never inside strings that matter here, but be safe:
    # only strip a // that starts a line or follows whitespace outside a quoted string).
    out = []
    for line in text.splitlines():
        in_str = False
        cut = len(line)
        i = 0
        while i < len(line):
            c = line[i]
            if c == '"' and (i == 0 or line[i - 1] != "\\"):
                in_str = not in_str
            elif not in_str and line.startswith("//", i):
                cut = i
                break
            i += 1
        out.append(line[:cut])
    return "\n".join(out)


class Field:
    __slots__ = ("name", "type", "versions", "nullable", "tagged", "tag", "default", "fields",
                 "entity", "about", "ignorable")

    def __init__(self, spec: dict, structs: dict):
        self.name = spec["name"]
        self.type = spec["type"]
        self.versions = parse_versions(spec.get("versions"))
        self.nullable = parse_versions(spec.get("nullableVersions"))
        self.tagged = parse_versions(spec.get("taggedVersions"))
        self.tag = spec.get("tag")
        self.default = spec.get("default")
        self.entity = spec.get("entityType")
        self.about = spec.get("about", "")
        self.ignorable = spec.get("ignorable", False)
        elem = self.type[2:] if self.type.startswith("[]") else self.type
        if "fields" in spec:
            self.fields = [Field(f, structs) for f in spec["fields"]]
            structs.setdefault(elem, self.fields)
        else:
            self.fields = None  # primitive, or a common struct resolved lazily

    @property
    def is_array(self) -> bool:
        return self.type.startswith("[]")

    @property
    def elem(self) -> str:
        return self.type[2:] if self.is_array else self.type


PRIMS = {"bool", "int8", "int16", "uint16", "int32", "uint32", "int64", "float64", "string",
         "bytes", "uuid", "records"}
_FMT = {"bool": ">?", "int8": ">b", "int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I",
        "int64": ">q", "float64": ">d"}


class Message:
    """One request or response schema."""

    def __init__(self, spec: dict):
        self.name = spec["name"]
        self.api_key = spec.get("apiKey")
        self.kind = spec["type"]
        self.valid = parse_versions(spec["validVersions"])
        self.flexible = parse_versions(spec.get("flexibleVersions"))
        self.unstable_latest = spec.get("latestVersionUnstable", False)
        self.structs: dict[str, list[Field]] = {}
        for cs in spec.get("commonStructs", []):
            self.structs[cs["name"]] = [Field(f, self.structs) for f in cs["fields"]]
        self.fields = [Field(f, self.structs) for f in spec.get("fields", [])]

    def sub(self, f: Field) -> list[Field] | None:
        if f.fields is not None:
            return f.fields
        if f.elem in PRIMS:
            return None
        if f.elem not in self.structs:
            raise SchemaError(f"{self.name}: unknown type {f.type} of {f.name}")
        return self.structs[f.elem]

    def is_flexible(self, version: int) -> bool:
        return _in(self.flexible, version)

    # ---- encoding

    def encode(self, value: dict, version: int) -> bytes:
        if not _in(self.valid, version):
            raise SchemaError(f"{self.name} has no version {version} (valid {self.valid})")
        out = io.BytesIO()
        self._write_struct(out, self.fields, value or {}, version, self.is_flexible(version))
        return out.getvalue()

    def _default(self, f: Field, version: int):
        if f.is_array:
            return None if _in(f.nullable, version) and f.default == "null" else []
        if f.elem not in PRIMS:
            return None if _in(f.nullable, version) and f.default == "null" else {}
        d = f.default
        if d == "null":
            return None
        if f.type == "bool":
            return d == "true"
        if f.type in ("string",):
            return "" if d is None else d
        if f.type in ("bytes", "records"):
            return None if _in(f.nullable, version) else b""
        if f.type == "uuid":
            return uuid.UUID(int=0)
        if f.type == "float64":
            return float(d or 0)
        if d is None or d == "":
            return 0
        return int(d, 0) if isinstance(d, str) else int(d)

    def _write_struct(self, out, fields, value: dict, version: int, flex: bool) -> None:
        tagged = []
        for f in fields:
            if not _in(f.versions, version):
                continue
            v = value.get(f.name, self._default(f, version)) if isinstance(value, dict) else self._default(f, version)
            if flex and _in(f.tagged, version):
                if v != self._default(f, version):
                    tagged.append((f.tag, f, v))
                continue
            self._write(out, f, v, version, flex)
        if flex:
            unknown = value.get("_unknown_tags", {}) if isinstance(value, dict) else {}
            items = sorted([(t, f, v) for t, f, v in tagged] + [(int(t), None, raw) for t, raw in unknown.items()],
                           key=lambda x: x[0])
            _uvarint(out, len(items))
            for tag, f, v in items:
                buf = io.BytesIO()
                if f is None:
                    buf.write(v)
                else:
                    self._write(buf, f, v, version, flex)
                _uvarint(out, tag)
                _uvarint(out, len(buf.getvalue()))
                out.write(buf.getvalue())

    def _write(self, out, f: Field, v, version: int, flex: bool) -> None:
        nullable = _in(f.nullable, version)
        if f.is_array:
            if v is None:
                if not nullable:
                    raise SchemaError(f"{self.name}.{f.name} is not nullable in v{version}")
                _uvarint(out, 0) if flex else out.write(struct.pack(">i", -1))
                return
            _uvarint(out, len(v) + 1) if flex else out.write(struct.pack(">i", len(v)))
            sub = self.sub(f)
            for item in v:
                if sub is None:
                    self._write_prim(out, f.elem, item, False, flex, f)
                else:
                    self._write_struct(out, sub, item, version, flex)
            return
        sub = self.sub(f)
        if sub is not None:
            if nullable:
                out.write(struct.pack(">b", -1 if v is None else 1))
                if v is None:
                    return
            self._write_struct(out, sub, v, version, flex)
            return
        self._write_prim(out, f.type, v, nullable, flex, f)

    def _write_prim(self, out, t: str, v, nullable: bool, flex: bool, f: Field) -> None:
        if t in _FMT:
            out.write(struct.pack(_FMT[t], v))
        elif t == "uuid":
            out.write((v if isinstance(v, uuid.UUID) else uuid.UUID(str(v))).bytes)
        elif t == "string":
            if v is None:
                if not nullable:
                    raise SchemaError(f"{self.name}.{f.name} is not nullable")
                _uvarint(out, 0) if flex else out.write(struct.pack(">h", -1))
                return
            b = v.encode()
            _uvarint(out, len(b) + 1) if flex else out.write(struct.pack(">h", len(b)))
            out.write(b)
        elif t in ("bytes", "records"):
            if v is None:
                _uvarint(out, 0) if flex else out.write(struct.pack(">i", -1))
                return
            _uvarint(out, len(v) + 1) if flex else out.write(struct.pack(">i", len(v)))
            out.write(bytes(v))
        else:
            raise SchemaError(f"cannot write {t}")

    # ---- decoding

    def decode(self, data: bytes, version: int) -> dict:
        r = _Reader(data)
        v = self._read_struct(r, self.fields, version, self.is_flexible(version))
        if r.pos != len(data):
            v["_trailing_bytes"] = len(data) - r.pos
        return v

    def _read_struct(self, r, fields, version: int, flex: bool) -> dict:
        out = {}
        by_tag = {}
        for f in fields:
            if not _in(f.versions, version):
                continue
            if flex and _in(f.tagged, version):
                by_tag[f.tag] = f
                out[f.name] = self._default(f, version)
                continue
            out[f.name] = self._read(r, f, version, flex)
        if flex:
            for _ in range(r.uvarint()):
                tag, size = r.uvarint(), r.uvarint()
                raw = r.take(size)
                if tag in by_tag:
                    out[by_tag[tag].name] = self._read(_Reader(raw), by_tag[tag], version, flex)
                else:
                    out.setdefault("_unknown_tags", {})[tag] = raw
        return out

    def _read(self, r, f: Field, version: int, flex: bool):
        nullable = _in(f.nullable, version)
        if f.is_array:
            n = r.uvarint() - 1 if flex else r.unpack(">i")
            if n < 0:
                return None
            if n > len(r.data) - r.pos + 1:
                raise SchemaError(f"{self.name}.{f.name}: array of {n} in {len(r.data) - r.pos} bytes")
            sub = self.sub(f)
            if sub is None:
                return [self._read_prim(r, f.elem, False, flex) for _ in range(n)]
            return [self._read_struct(r, sub, version, flex) for _ in range(n)]
        sub = self.sub(f)
        if sub is not None:
            if nullable and r.unpack(">b") < 0:
                return None
            return self._read_struct(r, sub, version, flex)
        return self._read_prim(r, f.type, nullable, flex)

    def _read_prim(self, r, t: str, nullable: bool, flex: bool):
        if t in _FMT:
            return r.unpack(_FMT[t])
        if t == "uuid":
            return uuid.UUID(bytes=r.take(16))
        if t == "string":
            n = r.uvarint() - 1 if flex else r.unpack(">h")
            return None if n < 0 else r.take(n).decode("utf-8", "replace")
        if t in ("bytes", "records"):
            n = r.uvarint() - 1 if flex else r.unpack(">i")
            return None if n < 0 else r.take(n)
        raise SchemaError(f"cannot read {t}")

    def field_paths(self, version: int) -> dict[str, Field]:
        """{dotted path with [] for array items: Field} for every field in `version`."""
        out = {}

        def walk(fields, prefix):
            for f in fields:
                if not _in(f.versions, version):
                    continue
                p = f"{prefix}{f.name}"
                out[p] = f
                sub = self.sub(f)
                if sub is not None:
                    walk(sub, p + ("[]." if f.is_array else "."))
        walk(self.fields, "")
        return out


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise SchemaError(f"short read: {n} at {self.pos} of {len(self.data)}")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def unpack(self, fmt: str):
        size = struct.calcsize(fmt)
        (v,) = struct.unpack(fmt, self.take(size))
        return v

    def uvarint(self) -> int:
        shift = v = 0
        while True:
            b = self.take(1)[0]
            v |= (b & 0x7F) << shift
            if not b & 0x80:
                return v
            shift += 7
            if shift > 35:
                raise SchemaError("varint too long")


def _uvarint(out, v: int) -> None:
    while v >= 0x80:
        out.write(bytes([(v & 0x7F) | 0x80]))
        v >>= 7
    out.write(bytes([v]))


@lru_cache(maxsize=1)
def _all_specs() -> dict[str, dict]:
    if not CLIENTS_JAR.exists():
        raise SchemaError(f"{CLIENTS_JAR} is missing: run e2e/kafka/fetch.sh")
    out = {}
    with zipfile.ZipFile(CLIENTS_JAR) as z:
        for name in z.namelist():
            m = re.fullmatch(r"common/message/(\w+)\.json", name)
            if m:
                out[m.group(1)] = json.loads(_strip_comments(z.read(name).decode()))
    return out


@lru_cache(maxsize=None)
def message(name: str) -> Message:
    return Message(_all_specs()[name])


@lru_cache(maxsize=1)
def apis() -> dict[int, tuple[str, str]]:
    """{api key: (request schema name, response schema name)} for every API in the jar."""
    out = {}
    for name, spec in _all_specs().items():
        if spec.get("type") == "request" and "apiKey" in spec:
            out[spec["apiKey"]] = (name, name[:-len("Request")] + "Response")
    return out


def request_schema(api_key: int) -> Message:
    return message(apis()[api_key][0])


def response_schema(api_key: int) -> Message:
    return message(apis()[api_key][1])


def api_name(api_key: int) -> str:
    return apis()[api_key][0][:-len("Request")] if api_key in apis() else f"Api{api_key}"


def request_header_version(api_key: int, version: int) -> int:
    # ControlledShutdown v0 used header v0; everything else: v2 when flexible, else v1.
    if api_key == 7 and version == 0:
        return 0
    return 2 if request_schema(api_key).is_flexible(version) else 1


def response_header_version(api_key: int, version: int) -> int:
    # ApiVersions responses always use header v0 (a client must read them before it knows
    # whether the broker speaks flexible versions).
    if api_key == 18:
        return 0
    return 1 if response_schema(api_key).is_flexible(version) else 0


def encode_request(api_key: int, version: int, correlation_id: int, body: dict,
                   client_id: str | None = "moldau-oracle") -> bytes:
    """The request frame with its size prefix."""
    hv = request_header_version(api_key, version)
    hdr = struct.pack(">hhi", api_key, version, correlation_id)
    if hv >= 1:
        if client_id is None:
            hdr += struct.pack(">h", -1)
        else:
            c = client_id.encode()
            hdr += struct.pack(">h", len(c)) + c
    if hv >= 2:
        hdr += b"\x00"
    payload = hdr + request_schema(api_key).encode(body, version)
    return struct.pack(">i", len(payload)) + payload


def decode_request(frame: bytes) -> tuple[int, int, int, str | None, dict]:
    """A request frame without its size prefix: (api key, version, correlation id, client id, body)."""
    r = _Reader(frame)
    api_key, version, corr = r.unpack(">h"), r.unpack(">h"), r.unpack(">i")
    hv = request_header_version(api_key, version)
    client_id = None
    if hv >= 1:
        n = r.unpack(">h")
        client_id = None if n < 0 else r.take(n).decode("utf-8", "replace")
    if hv >= 2:
        for _ in range(r.uvarint()):
            r.uvarint()
            r.take(r.uvarint())
    body = request_schema(api_key).decode(frame[r.pos:], version)
    return api_key, version, corr, client_id, body


def decode_response(api_key: int, version: int, frame: bytes) -> tuple[int, dict]:
    """A response frame without its size prefix: (correlation id, body)."""
    r = _Reader(frame)
    corr = r.unpack(">i")
    if response_header_version(api_key, version) >= 1:
        for _ in range(r.uvarint()):
            r.uvarint()
            r.take(r.uvarint())
    return corr, response_schema(api_key).decode(frame[r.pos:], version)
