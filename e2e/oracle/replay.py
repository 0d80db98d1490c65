"""Replayed client traffic: the request frames fuzz/record-seeds.py recorded from
kafka-python, confluent-kafka (librdkafka) and aiokafka (fuzz/seeds/request/, one frame per
file, without the size prefix). Each frame is decoded with the schema codec, its topic and
group names (every field whose schema entityType is topicName or groupId) get the prefix
"rp-" so they cannot meet the generated cases' names, and it is re-encoded and sent to both
systems in a fixed order of phases (topics are created before they are produced to, groups
are joined before they are heartbeated, topics are deleted last).

Nothing a recorded request carries is session-bound except member ids, producer ids and
fetch session ids; on a fresh cluster those simply hit the error paths (UNKNOWN_MEMBER_ID,
FETCH_SESSION_ID_NOT_FOUND, ...), which both systems should answer alike.
"""

from pathlib import Path

from . import schema
from .cases import Case, wait_leaders

SEEDS = Path(__file__).resolve().parents[2] / "fuzz" / "seeds" / "request"
PREFIX = "rp-"

PHASES = [
    {18},                    # ApiVersions
    {19},                    # CreateTopics
    {37},                    # CreatePartitions
    {3, 60, 32, 46, 35},     # Metadata, DescribeCluster, DescribeConfigs, ListPartitionReassignments, DescribeLogDirs
    {22},                    # InitProducerId
    "wait",                  # (setup: every replayed topic has leaders)
    {0},                     # Produce
    {2, 1},                  # ListOffsets, Fetch
    {10},                    # FindCoordinator
    {11},                    # JoinGroup
    {14, 12},                # SyncGroup, Heartbeat
    {8, 9},                  # OffsetCommit, OffsetFetch
    {13, 15, 16},            # LeaveGroup, DescribeGroups, ListGroups
    {42},                    # DeleteGroups
    {20},                    # DeleteTopics
]
# Requests that a replay must not send: none so far (every recorded API is idempotent enough
# on a fresh cluster); keys here are api keys with the reason.
UNSAFE: dict[int, str] = {}


def rename(msg: schema.Message, fields, value, version: int):
    """Prefixes every topic and group name in a decoded request."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for f in fields:
        if f.name not in out or not schema._in(f.versions, version):
            continue
        v = out[f.name]
        sub = msg.sub(f)
        if sub is not None:
            if f.is_array and v is not None:
                out[f.name] = [rename(msg, sub, x, version) for x in v]
            elif v is not None:
                out[f.name] = rename(msg, sub, v, version)
        elif f.entity in ("topicName", "groupId") or (f.name == "ResourceName" and out.get("ResourceType") == 2):
            if f.is_array and v is not None:
                out[f.name] = [_p(x) for x in v]
            elif isinstance(v, str):
                out[f.name] = _p(v)
    return out


def _p(name: str) -> str:
    return name if not name or name.startswith("__") else PREFIX + name


def seeds() -> list[tuple[str, int, int, str | None, dict]]:
    """[(seed file name, api key, version, client id, renamed body)]"""
    out = []
    if not SEEDS.is_dir():
        return out
    for p in sorted(SEEDS.iterdir()):
        try:
            api, version, _corr, client, body = schema.decode_request(p.read_bytes())
        except Exception:  # noqa: BLE001 - a seed the 4.4 schemas cannot read is skipped
            continue
        msg = schema.request_schema(api)
        out.append((p.name, api, version, client, rename(msg, msg.fields, body, version)))
    return out


def _wait_topics(names: list[str]):
    def fn(t):
        for n in names:
            wait_leaders(t, n, None, timeout=10)
    return fn


def cases() -> list[Case]:
    all_seeds = seeds()
    topics = sorted({x for _, api, v, _, b in all_seeds if api == 19 for x in (tp["Name"] for tp in b["Topics"])})
    out = []
    for phase in PHASES:
        if phase == "wait":
            out.append(Case("replay.setup.wait_topics", _wait_topics(topics + [PREFIX + "ak-topic"]),
                            "setup: wait until the replayed topics have leaders (nothing compared)"))
            continue
        chosen = sorted((s for s in all_seeds if s[1] in phase), key=lambda s: (s[1], s[2], s[3] or "", s[0]))
        for name, api, version, client, body in chosen:
            if api in UNSAFE:
                continue
            client_name = (client or "none").split("-producer")[0].replace(".", "_")
            cid = f"replay.{schema.api_name(api)}.v{version}.{client_name}.{name[:8]}"

            def fn(t, api=api, version=version, body=body):
                expect = not (api == 0 and body.get("Acks") == 0)
                t.obs("replay", api, version, body, expect_response=expect)
            out.append(Case(cid, fn, f"replayed {schema.api_name(api)} v{version} from {client} (seed {name})"))
    return out
