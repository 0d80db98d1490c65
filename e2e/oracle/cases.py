"""The generated edge cases. Each case is a function of one `Target` (a system under
comparison) that sets up what it needs with ordinary requests and then observes responses with
`t.obs(step, api_key, version, body)`; the runner runs it on Apache Kafka and on moldau (at
the same time, each on its own cluster) and compares the observations step by step.

Topic and group names are the same on both sides (each side is a fresh cluster); a case's
names start with its own prefix so cases never see each other's data.
"""

import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from kafka.record.default_records import DefaultRecordBatchBuilder
from kafka.record.util import calc_crc32c

from .client import Target

# API keys
PRODUCE, FETCH, LIST_OFFSETS, METADATA = 0, 1, 2, 3
OFFSET_COMMIT, OFFSET_FETCH, FIND_COORDINATOR, JOIN_GROUP, HEARTBEAT, LEAVE_GROUP, SYNC_GROUP = 8, 9, 10, 11, 12, 13, 14
DESCRIBE_GROUPS, LIST_GROUPS, API_VERSIONS, CREATE_TOPICS, DELETE_TOPICS = 15, 16, 18, 19, 20
INIT_PRODUCER_ID, DESCRIBE_CONFIGS, CREATE_PARTITIONS, DELETE_GROUPS = 22, 32, 37, 42

RESOURCE_TOPIC, RESOURCE_BROKER = 2, 4


@dataclass
class Case:
    id: str
    fn: Callable[[Target], None]
    doc: str = ""
    quick: bool = True          # part of the bounded pytest subset
    tags: tuple = field(default_factory=tuple)


CASES: list[Case] = []


def case(cid: str, doc: str = "", quick: bool = True):
    def deco(fn):
        CASES.append(Case(cid, fn, doc or (fn.__doc__ or "").strip(), quick))
        return fn
    return deco


# ---------------------------------------------------------------------------------------------
# Helpers (setup requests: not observed)

def create_topic(t: Target, name: str, partitions: int = 1, configs: dict | None = None,
                 wait: bool = True) -> dict:
    r = t.call(CREATE_TOPICS, 7, {"Topics": [{"Name": name, "NumPartitions": partitions, "ReplicationFactor": 1,
                                              "Configs": [{"Name": k, "Value": v} for k, v in (configs or {}).items()]}],
                                   "timeoutMs": 30000})
    if wait:
        wait_leaders(t, name, partitions)
        wait_serving(t, name, partitions)
    return r


def wait_serving(t: Target, name: str, partitions: int, timeout: float = 20.0) -> None:
    """Until ListOffsets answers for every partition (the leader has the partition open: on
    Kafka this trails the metadata by a moment)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = t.call(LIST_OFFSETS, 7, {"ReplicaId": -1, "IsolationLevel": 0, "Topics": [
            {"Name": name, "Partitions": [{"PartitionIndex": p, "Timestamp": -1} for p in range(partitions)]}]})
        parts = [p for tp in (r or {}).get("Topics") or [] for p in tp["Partitions"]]
        if len(parts) == partitions and all(p["ErrorCode"] == 0 for p in parts):
            return
        time.sleep(0.1)


def metadata(t: Target, topics: list[str] | None, version: int = 12) -> dict:
    return t.call(METADATA, version, {"Topics": None if topics is None else [{"Name": n} for n in topics],
                                      "AllowAutoTopicCreation": False})


def wait_leaders(t: Target, name: str, partitions: int | None, timeout: float = 20.0) -> dict | None:
    """Until every partition of `name` (`partitions` of them, or any number) has a leader
    (metadata propagates asynchronously)."""
    deadline = time.time() + timeout
    md = None
    while time.time() < deadline:
        md = metadata(t, [name])
        tops = (md or {}).get("Topics") or []
        if tops and tops[0]["ErrorCode"] == 0 and tops[0]["Partitions"] and \
                len(tops[0]["Partitions"]) == (partitions or len(tops[0]["Partitions"])) and \
                all(p["LeaderId"] >= 0 and p["ErrorCode"] == 0 for p in tops[0]["Partitions"]):
            return md
        time.sleep(0.1)
    return md


def topic_id(t: Target, name: str):
    md = metadata(t, [name])
    return md["Topics"][0]["TopicId"]


def batch(values: list[bytes], key: bytes | None = b"k", base_ts: int = 1_000_000,
          headers: list | None = None) -> bytes:
    """A v2 batch with fixed timestamps (base_ts + i) so both sides store identical records."""
    b = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=False,
                                  producer_id=-1, producer_epoch=-1, base_sequence=-1, batch_size=1 << 24)
    for i, v in enumerate(values):
        b.append(i, timestamp=base_ts + i, key=key, value=v, headers=headers or [])
    return bytes(b.build())


def produce_body(topic: str, partition: int, records: bytes | None, acks: int = -1) -> dict:
    return {"TransactionalId": None, "Acks": acks, "TimeoutMs": 10000,
            "TopicData": [{"Name": topic, "PartitionData": [{"Index": partition, "Records": records}]}]}


def produce(t: Target, topic: str, partition: int, records: bytes, version: int = 9) -> dict:
    return t.call(PRODUCE, version, produce_body(topic, partition, records))


def fetch_body(topic: str, partition: int, offset: int, version: int, t: Target | None = None,
               max_bytes: int = 1 << 20, partition_max_bytes: int = 1 << 20, isolation: int = 0,
               max_wait: int = 100, min_bytes: int = 1) -> dict:
    tp = {"Topic": topic}
    if version >= 13:
        tp = {"TopicId": topic_id(t, topic)}
    tp["Partitions"] = [{"Partition": partition, "FetchOffset": offset, "PartitionMaxBytes": partition_max_bytes,
                         "LogStartOffset": -1}]
    return {"ReplicaId": -1, "MaxWaitMs": max_wait, "MinBytes": min_bytes, "MaxBytes": max_bytes,
            "IsolationLevel": isolation, "SessionId": 0, "SessionEpoch": -1, "Topics": [tp],
            "ForgottenTopicsData": [], "RackId": ""}


def list_offsets_body(topic: str, partition: int, timestamp: int, isolation: int = 0) -> dict:
    return {"ReplicaId": -1, "IsolationLevel": isolation, "TimeoutMs": 10000,
            "Topics": [{"Name": topic, "Partitions": [{"PartitionIndex": partition, "Timestamp": timestamp}]}]}


def subscription(topics: list[str]) -> bytes:
    """ConsumerProtocolSubscription v0 (what every client puts in JoinGroup metadata)."""
    out = struct.pack(">hi", 0, len(topics))
    for n in topics:
        out += struct.pack(">h", len(n)) + n.encode()
    return out + struct.pack(">i", -1)


def assignment(topic: str, partitions: list[int]) -> bytes:
    out = struct.pack(">hi", 0, 1) + struct.pack(">h", len(topic)) + topic.encode()
    out += struct.pack(">i", len(partitions)) + b"".join(struct.pack(">i", p) for p in partitions)
    return out + struct.pack(">i", -1)


def join_body(group: str, member: str = "", instance: str | None = None, session: int = 10000,
              rebalance: int = 5000, topics: list[str] = ("t",)) -> dict:
    return {"GroupId": group, "SessionTimeoutMs": session, "RebalanceTimeoutMs": rebalance, "MemberId": member,
            "GroupInstanceId": instance, "ProtocolType": "consumer",
            "Protocols": [{"Name": "range", "Metadata": subscription(list(topics))}], "Reason": None}


def find_coordinator(t: Target, group: str) -> dict:
    """Until the group coordinator is available (its __consumer_offsets partition is led)."""
    deadline = time.time() + 30
    r = None
    while time.time() < deadline:
        r = t.call(FIND_COORDINATOR, 4, {"KeyType": 0, "CoordinatorKeys": [group]})
        if r.get("Coordinators") and r["Coordinators"][0]["ErrorCode"] == 0:
            # ... and until the coordinator has loaded its __consumer_offsets partition
            # (Kafka answers COORDINATOR_LOAD_IN_PROGRESS, or blindly NONE to heartbeats, before).
            f = t.call(OFFSET_FETCH, 8, {"Groups": [{"GroupId": group, "Topics": None}]})
            if (f.get("Groups") or [{}])[0].get("ErrorCode") == 0:
                return r
        time.sleep(0.2)
    return r


def join_member(t: Target, group: str, v: int = 5, conn: str = "main", **kw) -> dict:
    """A JoinGroup that succeeds: v4+ first answers MEMBER_ID_REQUIRED with the id to use."""
    r = t.call(JOIN_GROUP, v, join_body(group, **kw), conn=conn)
    if r.get("ErrorCode") == 79:
        r = t.call(JOIN_GROUP, v, join_body(group, member=r["MemberId"], **{k: x for k, x in kw.items()
                                                                              if k != "member"}), conn=conn)
    return r


def sync_body(group: str, gen: int, member: str, assignments: list | None = None, instance: str | None = None) -> dict:
    return {"GroupId": group, "GenerationId": gen, "MemberId": member, "GroupInstanceId": instance,
            "ProtocolType": "consumer", "ProtocolName": "range", "Assignments": assignments or []}


def commit_body(group: str, gen: int, member: str, topic: str, offset: int = 1, instance: str | None = None) -> dict:
    return {"GroupId": group, "GenerationIdOrMemberEpoch": gen, "MemberId": member, "GroupInstanceId": instance,
            "RetentionTimeMs": -1,
            "Topics": [{"Name": topic, "Partitions": [{"PartitionIndex": 0, "CommittedOffset": offset,
                                                      "CommittedLeaderEpoch": -1, "CommittedMetadata": "m"}]}]}


# ---------------------------------------------------------------------------------------------
# ApiVersions

for _v in (0, 1, 2, 3, 4):
    def _api_versions(t: Target, v=_v):
        t.obs("api_versions", API_VERSIONS, v, {"ClientSoftwareName": "moldau-oracle", "ClientSoftwareVersion": "1.0"})
    case(f"api_versions.v{_v}", f"ApiVersions v{_v}: every API key's min/max version, features")(_api_versions)


@case("api_versions.unsupported_version", "ApiVersions with header version 127: UNSUPPORTED_VERSION, answered as v0")
def _api_versions_unsupported(t: Target):
    t.obs("api_versions_v127", API_VERSIONS, 3, {"ClientSoftwareName": "moldau-oracle", "ClientSoftwareVersion": "1.0"},
          header_version=127)


@case("api_versions.bad_software_name", "ApiVersions v3 with an invalid client software name: INVALID_REQUEST")
def _api_versions_bad_name(t: Target):
    t.obs("api_versions", API_VERSIONS, 3, {"ClientSoftwareName": "bad name!", "ClientSoftwareVersion": "1.0"})


# ---------------------------------------------------------------------------------------------
# Metadata

for _v in (1, 4, 9, 12, 13):
    def _md_unknown(t: Target, v=_v):
        # v1-v3 have no AllowAutoTopicCreation: those versions always ask for auto-creation.
        t.obs("unknown", METADATA, v, {"Topics": [{"Name": f"oracle-md-no-such-topic-v{v}"}],
                                       "AllowAutoTopicCreation": False, "IncludeTopicAuthorizedOperations": False})
    case(f"metadata.unknown_topic.v{_v}", f"Metadata v{_v} of an unknown topic, no auto-creation "
         "(v1: auto-creation implied)")(_md_unknown)


@case("metadata.invalid_names", "Metadata v12 for invalid topic names (space, '..', 250 chars, empty)")
def _md_invalid(t: Target):
    for step, name in (("space", "bad name!"), ("dotdot", ".."), ("long", "a" * 250), ("empty", "")):
        t.obs(step, METADATA, 12, {"Topics": [{"Name": name}], "AllowAutoTopicCreation": False})
        t.obs(step + "_autocreate", METADATA, 12, {"Topics": [{"Name": name}], "AllowAutoTopicCreation": True})


@case("metadata.existing_topic", "Metadata v1/v9/v12/v13 of a 3-partition topic; by topic id (v12)")
def _md_existing(t: Target):
    create_topic(t, "oracle-md-3p", 3)
    for v in (1, 9, 12, 13):
        t.obs(f"v{v}", METADATA, v, {"Topics": [{"Name": "oracle-md-3p"}], "AllowAutoTopicCreation": False,
                                     "IncludeTopicAuthorizedOperations": True})
    tid = topic_id(t, "oracle-md-3p")
    t.obs("by_id", METADATA, 12, {"Topics": [{"TopicId": tid, "Name": None}], "AllowAutoTopicCreation": False})
    import uuid
    t.obs("unknown_id", METADATA, 12, {"Topics": [{"TopicId": uuid.uuid4(), "Name": None}],
                                       "AllowAutoTopicCreation": False})


@case("metadata.brokers_only", "Metadata v12 with an empty topic list: brokers, cluster id, controller")
def _md_empty(t: Target):
    t.obs("empty", METADATA, 12, {"Topics": [], "AllowAutoTopicCreation": False})
    t.obs("v0_empty", METADATA, 0, {"Topics": []})


@case("metadata.auto_create", "Metadata v12 of an unknown topic with AllowAutoTopicCreation: created")
def _md_autocreate(t: Target):
    t.obs("first", METADATA, 12, {"Topics": [{"Name": "oracle-md-auto"}], "AllowAutoTopicCreation": True})
    wait_leaders(t, "oracle-md-auto", 1)
    t.obs("after", METADATA, 12, {"Topics": [{"Name": "oracle-md-auto"}], "AllowAutoTopicCreation": False})


# ---------------------------------------------------------------------------------------------
# Produce

@case("produce.ok", "Produce v3/v7/v9/v11 of a small batch: base offsets, log start offset, append time")
def _produce_ok(t: Target):
    create_topic(t, "oracle-pr-ok", 1)
    for i, v in enumerate((3, 7, 9, 11)):
        t.obs(f"v{v}", PRODUCE, v, produce_body("oracle-pr-ok", 0, batch([b"a", b"b"], base_ts=1000 + 10 * i)))


@case("produce.record_too_large", "Produce a batch larger than the topic's max.message.bytes (and the broker's)")
def _produce_too_large(t: Target):
    create_topic(t, "oracle-pr-big", 1, {"max.message.bytes": "1024"})
    t.obs("over_topic_limit", PRODUCE, 9, produce_body("oracle-pr-big", 0, batch([b"x" * 4096])))
    create_topic(t, "oracle-pr-big2", 1)
    t.obs("over_broker_limit", PRODUCE, 9, produce_body("oracle-pr-big2", 0, batch([b"y" * (1100 * 1024)])))
    t.obs("after", LIST_OFFSETS, 7, list_offsets_body("oracle-pr-big", 0, -1))


@case("produce.invalid_acks", "Produce with acks=2 (and 5, -2): INVALID_REQUIRED_ACKS")
def _produce_acks(t: Target):
    create_topic(t, "oracle-pr-acks", 1)
    for acks in (2, 5, -2):
        t.obs(f"acks_{acks}", PRODUCE, 9, produce_body("oracle-pr-acks", 0, batch([b"a"]), acks=acks))
    t.obs("acks_2_v3", PRODUCE, 3, produce_body("oracle-pr-acks", 0, batch([b"a"]), acks=2))


@case("produce.unknown_partition", "Produce to partition 99 of a 1-partition topic, to partition -1")
def _produce_unknown_partition(t: Target):
    create_topic(t, "oracle-pr-part", 1)
    t.obs("p99", PRODUCE, 9, produce_body("oracle-pr-part", 99, batch([b"a"])))
    t.obs("p-1", PRODUCE, 9, produce_body("oracle-pr-part", -1, batch([b"a"])))


@case("produce.unknown_topic", "Produce to a topic that does not exist")
def _produce_unknown_topic(t: Target):
    t.obs("unknown", PRODUCE, 9, produce_body("oracle-pr-nosuch", 0, batch([b"a"])))
    t.obs("after", METADATA, 12, {"Topics": [{"Name": "oracle-pr-nosuch"}], "AllowAutoTopicCreation": False})


@case("produce.invalid_topic_name", "Produce to invalid topic names")
def _produce_invalid_name(t: Target):
    for step, name in (("space", "bad name!"), ("dotdot", ".."), ("empty", "")):
        t.obs(step, PRODUCE, 9, produce_body(name, 0, batch([b"a"])))


@case("produce.corrupt", "Produce a batch with a bad CRC, a null record set, an empty record set")
def _produce_corrupt(t: Target):
    create_topic(t, "oracle-pr-crc", 1)
    b = bytearray(batch([b"a", b"b"]))
    b[-1] ^= 0xFF
    t.obs("bad_crc", PRODUCE, 9, produce_body("oracle-pr-crc", 0, bytes(b)))
    t.obs("empty_records", PRODUCE, 9, produce_body("oracle-pr-crc", 0, b""))
    t.obs("after", LIST_OFFSETS, 7, list_offsets_body("oracle-pr-crc", 0, -1))


@case("produce.null_records", "Produce with a null record set (Kafka never answers: 5 s timeout)", quick=False)
def _produce_null(t: Target):
    create_topic(t, "oracle-pr-null", 1)
    t.obs("null_records", PRODUCE, 9, produce_body("oracle-pr-null", 0, None), timeout=5)
    t.obs("after", LIST_OFFSETS, 7, list_offsets_body("oracle-pr-null", 0, -1))


@case("produce.unsupported_version", "Produce v2 (removed in Kafka 4.0 but still advertised)")
def _produce_v2(t: Target):
    create_topic(t, "oracle-pr-v2", 1)
    # v2's body is v3's without the transactional id: encode as v3 then drop the null string.
    from . import schema
    body = schema.request_schema(PRODUCE).encode(produce_body("oracle-pr-v2", 0, batch([b"a"])), 3)[2:]
    t.obs_raw("v2", PRODUCE, 2, body)


# ---------------------------------------------------------------------------------------------
# Fetch

def _fetch_setup(t: Target, name: str) -> None:
    create_topic(t, name, 1)
    for i in range(3):  # offsets 0-4, 5-9, 10-14
        produce(t, name, 0, batch([f"v{i}-{j}".encode() for j in range(5)], base_ts=2000 + 100 * i))


@case("fetch.versions", "Fetch v4/v11/v12/v13/v16 from offset 0 of a 3-batch log")
def _fetch_versions(t: Target):
    _fetch_setup(t, "oracle-fe-v")
    for v in (4, 11, 12, 13, 16):
        t.obs(f"v{v}", FETCH, v, fetch_body("oracle-fe-v", 0, 0, v, t))


@case("fetch.offset_out_of_range", "Fetch at offset 1000 and -5: OFFSET_OUT_OF_RANGE")
def _fetch_oor(t: Target):
    _fetch_setup(t, "oracle-fe-oor")
    t.obs("1000_v12", FETCH, 12, fetch_body("oracle-fe-oor", 0, 1000, 12))
    t.obs("1000_v4", FETCH, 4, fetch_body("oracle-fe-oor", 0, 1000, 4))
    t.obs("neg_v12", FETCH, 12, fetch_body("oracle-fe-oor", 0, -5, 12))
    t.obs("at_end_v12", FETCH, 12, fetch_body("oracle-fe-oor", 0, 15, 12, max_wait=50))


@case("fetch.max_bytes_zero", "Fetch with MaxBytes 0 / PartitionMaxBytes 0 / MaxBytes smaller than a batch")
def _fetch_max_bytes(t: Target):
    _fetch_setup(t, "oracle-fe-mb")
    t.obs("max_bytes_0", FETCH, 12, fetch_body("oracle-fe-mb", 0, 0, 12, max_bytes=0))
    t.obs("partition_max_bytes_0", FETCH, 12, fetch_body("oracle-fe-mb", 0, 0, 12, partition_max_bytes=0))
    t.obs("max_bytes_10", FETCH, 12, fetch_body("oracle-fe-mb", 0, 0, 12, max_bytes=10, partition_max_bytes=10))
    t.obs("max_bytes_100", FETCH, 12, fetch_body("oracle-fe-mb", 0, 0, 12, max_bytes=100))


@case("fetch.inside_batch", "Fetch at offset 7 (inside the batch 5-9): the whole batch comes back")
def _fetch_inside(t: Target):
    _fetch_setup(t, "oracle-fe-in")
    t.obs("offset_7", FETCH, 12, fetch_body("oracle-fe-in", 0, 7, 12))
    t.obs("offset_14", FETCH, 12, fetch_body("oracle-fe-in", 0, 14, 12))


@case("fetch.isolation", "Fetch with isolation levels 0 and 1 (no transactions): LSO, aborted txns")
def _fetch_isolation(t: Target):
    _fetch_setup(t, "oracle-fe-iso")
    for iso in (0, 1):
        t.obs(f"iso{iso}_v12", FETCH, 12, fetch_body("oracle-fe-iso", 0, 0, 12, isolation=iso))
        t.obs(f"iso{iso}_v4", FETCH, 4, fetch_body("oracle-fe-iso", 0, 0, 4, isolation=iso))


@case("fetch.unknown", "Fetch from an unknown topic, an unknown partition, an unknown topic id")
def _fetch_unknown(t: Target):
    _fetch_setup(t, "oracle-fe-unk")
    t.obs("unknown_topic", FETCH, 12, fetch_body("oracle-fe-nosuch", 0, 0, 12))
    t.obs("unknown_partition", FETCH, 12, fetch_body("oracle-fe-unk", 7, 0, 12))
    body = fetch_body("oracle-fe-unk", 0, 0, 13, t)
    import uuid
    body["Topics"][0]["TopicId"] = uuid.uuid4()
    t.obs("unknown_topic_id_v13", FETCH, 13, body)


@case("fetch.empty_log", "Fetch at offset 0 of an empty partition (waits MaxWaitMs)")
def _fetch_empty(t: Target):
    create_topic(t, "oracle-fe-empty", 1)
    t.obs("empty", FETCH, 12, fetch_body("oracle-fe-empty", 0, 0, 12, max_wait=50))


@case("fetch.session", "Fetch with an incremental session id that does not exist, and a new session (epoch 0)")
def _fetch_session(t: Target):
    _fetch_setup(t, "oracle-fe-ses")
    body = fetch_body("oracle-fe-ses", 0, 0, 12)
    body.update(SessionId=123456, SessionEpoch=3)
    t.obs("unknown_session", FETCH, 12, body)
    body = fetch_body("oracle-fe-ses", 0, 0, 12)
    body.update(SessionId=0, SessionEpoch=0)
    t.obs("new_session", FETCH, 12, body)


# ---------------------------------------------------------------------------------------------
# ListOffsets

@case("list_offsets.specials", "ListOffsets v1/v7/v9/v10: earliest -2, latest -1, max timestamp -3, local -4/-5, by timestamp")
def _list_offsets(t: Target):
    _fetch_setup(t, "oracle-lo")  # timestamps 2000-2004, 2100-2104, 2200-2204
    for v in (1, 7, 9, 10):
        for step, ts in (("earliest", -2), ("latest", -1), ("max_ts", -3), ("earliest_local", -4),
                         ("latest_tiered", -5), ("ts_2101", 2101), ("ts_2100", 2100), ("ts_0", 0),
                         ("ts_after_all", 99999)):
            if ts == -3 and v < 7 or ts in (-4, -5) and v < 9:
                continue
            t.obs(f"v{v}_{step}", LIST_OFFSETS, v, list_offsets_body("oracle-lo", 0, ts))
    t.obs("v7_latest_committed", LIST_OFFSETS, 7, list_offsets_body("oracle-lo", 0, -1, isolation=1))
    t.obs("v7_unknown_partition", LIST_OFFSETS, 7, list_offsets_body("oracle-lo", 5, -1))
    t.obs("v7_unknown_topic", LIST_OFFSETS, 7, list_offsets_body("oracle-lo-nosuch", 0, -1))
    t.obs("v7_ts_-7", LIST_OFFSETS, 7, list_offsets_body("oracle-lo", 0, -7))


@case("list_offsets.empty", "ListOffsets v7 on an empty partition: earliest, latest, max timestamp, by timestamp")
def _list_offsets_empty(t: Target):
    create_topic(t, "oracle-lo-empty", 1)
    for step, ts in (("earliest", -2), ("latest", -1), ("max_ts", -3), ("ts_0", 0)):
        t.obs(step, LIST_OFFSETS, 7, list_offsets_body("oracle-lo-empty", 0, ts))


# ---------------------------------------------------------------------------------------------
# Groups (classic protocol)

@case("groups.unknown_group", "Heartbeat/SyncGroup/OffsetCommit/LeaveGroup to a group that does not exist")
def _groups_unknown(t: Target):
    g = "oracle-g-nosuch"
    create_topic(t, "oracle-g-utopic", 1)
    find_coordinator(t, g)
    t.obs("heartbeat", HEARTBEAT, 4, {"GroupId": g, "GenerationId": 1, "MemberId": "m-1"})
    t.obs("sync", SYNC_GROUP, 5, sync_body(g, 1, "m-1"))
    t.obs("commit_member", OFFSET_COMMIT, 8, commit_body(g, 1, "m-1", "oracle-g-utopic"))
    t.obs("commit_member_unknown_topic", OFFSET_COMMIT, 8, commit_body(g, 1, "m-1", "oracle-g-nosuch-topic"))
    t.obs("leave", LEAVE_GROUP, 5, {"GroupId": g, "Members": [{"MemberId": "m-1"}]})
    t.obs("describe", DESCRIBE_GROUPS, 5, {"Groups": [g], "IncludeAuthorizedOperations": False})


@case("groups.error_paths", "One joined member; then unknown member / illegal generation on Heartbeat, SyncGroup, OffsetCommit")
def _groups_errors(t: Target):
    g = "oracle-g-err"
    create_topic(t, "oracle-g-topic", 1)
    find_coordinator(t, g)
    t.obs("join_no_member_id", JOIN_GROUP, 5, join_body(g))
    j = join_member(t, g)
    t.obs_value("join", JOIN_GROUP, 5, j)
    me, gen = j.get("MemberId", ""), j.get("GenerationId", -1)
    t.alias(me, "member")
    t.obs("sync_unknown_member", SYNC_GROUP, 5, sync_body(g, gen, "nobody"))
    t.obs("sync_illegal_generation", SYNC_GROUP, 5, sync_body(g, gen + 5, me))
    t.obs("sync", SYNC_GROUP, 5, sync_body(g, gen, me, [{"MemberId": me, "Assignment": assignment("oracle-g-topic", [0])}]))
    t.obs("heartbeat", HEARTBEAT, 4, {"GroupId": g, "GenerationId": gen, "MemberId": me})
    t.obs("heartbeat_unknown_member", HEARTBEAT, 4, {"GroupId": g, "GenerationId": gen, "MemberId": "nobody"})
    t.obs("heartbeat_illegal_generation", HEARTBEAT, 4, {"GroupId": g, "GenerationId": gen + 5, "MemberId": me})
    t.obs("heartbeat_v0_illegal_generation", HEARTBEAT, 0, {"GroupId": g, "GenerationId": gen + 5, "MemberId": me})
    t.obs("commit", OFFSET_COMMIT, 8, commit_body(g, gen, me, "oracle-g-topic", 3))
    t.obs("commit_unknown_member", OFFSET_COMMIT, 8, commit_body(g, gen, "nobody", "oracle-g-topic"))
    t.obs("commit_illegal_generation", OFFSET_COMMIT, 8, commit_body(g, gen + 5, me, "oracle-g-topic"))
    t.obs("commit_simple_on_live_group", OFFSET_COMMIT, 8, commit_body(g, -1, "", "oracle-g-topic"))
    t.obs("commit_v2_illegal_generation", OFFSET_COMMIT, 2, commit_body(g, gen + 5, me, "oracle-g-topic"))
    t.obs("fetch_offsets", OFFSET_FETCH, 8, {"Groups": [{"GroupId": g, "Topics": None}], "RequireStable": False})
    t.obs("describe", DESCRIBE_GROUPS, 5, {"Groups": [g], "IncludeAuthorizedOperations": False})
    t.obs("join_bad_session_timeout", JOIN_GROUP, 5, join_body(g, member=me, session=10))
    t.obs("join_unknown_member", JOIN_GROUP, 5, join_body(g, member="nobody"))
    t.obs("join_wrong_protocol_type", JOIN_GROUP, 5, {**join_body("oracle-g-err"), "ProtocolType": "connect",
                                                      "MemberId": "nobody"})
    t.obs("leave_unknown", LEAVE_GROUP, 5, {"GroupId": g, "Members": [{"MemberId": "nobody"}]})
    t.obs("leave", LEAVE_GROUP, 5, {"GroupId": g, "Members": [{"MemberId": me}]})
    t.obs("describe_after_leave", DESCRIBE_GROUPS, 5, {"Groups": [g], "IncludeAuthorizedOperations": False})


@case("groups.rebalance_in_progress", "A second member joins: the first one's Heartbeat/OffsetCommit/SyncGroup see REBALANCE_IN_PROGRESS")
def _groups_rebalance(t: Target):
    g = "oracle-g-reb"
    create_topic(t, "oracle-g-rtopic", 1)
    find_coordinator(t, g)
    j = join_member(t, g, rebalance=10000)
    me, gen = j.get("MemberId", ""), j.get("GenerationId", -1)
    t.alias(me, "first")
    t.call(SYNC_GROUP, 5, sync_body(g, gen, me, [{"MemberId": me, "Assignment": assignment("oracle-g-rtopic", [0])}]))
    second: dict = {}

    def join2():  # blocks until the first member rejoins
        second["r"] = join_member(t, g, conn="second", rebalance=10000)
    th = threading.Thread(target=join2, daemon=True)
    th.start()
    time.sleep(1.0)
    t.obs("heartbeat", HEARTBEAT, 4, {"GroupId": g, "GenerationId": gen, "MemberId": me})
    t.obs("commit", OFFSET_COMMIT, 8, commit_body(g, gen, me, "oracle-g-rtopic"))
    t.obs("sync_old_generation", SYNC_GROUP, 5, sync_body(g, gen, me))
    t.obs("describe", DESCRIBE_GROUPS, 5, {"Groups": [g], "IncludeAuthorizedOperations": False})
    t.obs("rejoin", JOIN_GROUP, 5, join_body(g, member=me, rebalance=10000))
    th.join(15)
    t.alias((second.get("r") or {}).get("MemberId"), "second")
    t.obs_value("second_join", JOIN_GROUP, 5, second.get("r") or {"_transport": "no answer"})


@case("groups.fenced_instance", "Static member (group.instance.id) replaced by a new join: the old member id is FENCED_INSTANCE_ID")
def _groups_fenced(t: Target):
    g = "oracle-g-static"
    create_topic(t, "oracle-g-stopic", 1)
    find_coordinator(t, g)
    a = t.call(JOIN_GROUP, 5, join_body(g, instance="inst-1"))
    t.obs_value("join_static", JOIN_GROUP, 5, a)
    old, gen = a.get("MemberId", ""), a.get("GenerationId", -1)
    t.alias(old, "old")
    t.obs("sync", SYNC_GROUP, 5, sync_body(g, gen, old, [{"MemberId": old, "Assignment": assignment("oracle-g-stopic", [0])}],
                                          instance="inst-1"))
    b = t.call(JOIN_GROUP, 5, join_body(g, instance="inst-1"))
    t.alias(b.get("MemberId"), "new")
    t.obs_value("join_static_again", JOIN_GROUP, 5, b)
    t.obs("heartbeat_fenced", HEARTBEAT, 4, {"GroupId": g, "GenerationId": gen, "MemberId": old, "GroupInstanceId": "inst-1"})
    t.obs("commit_fenced", OFFSET_COMMIT, 8, commit_body(g, gen, old, "oracle-g-stopic", instance="inst-1"))
    t.obs("sync_fenced", SYNC_GROUP, 5, sync_body(g, gen, old, instance="inst-1"))
    t.obs("leave_fenced", LEAVE_GROUP, 5, {"GroupId": g, "Members": [{"MemberId": old, "GroupInstanceId": "inst-1"}]})
    t.obs("describe", DESCRIBE_GROUPS, 5, {"Groups": [g], "IncludeAuthorizedOperations": False})


@case("groups.simple_commit", "OffsetCommit/OffsetFetch for a group with no members (generation -1), OffsetFetch of unknown group")
def _groups_simple(t: Target):
    g = "oracle-g-simple"
    create_topic(t, "oracle-g-simtopic", 2)
    find_coordinator(t, g)
    t.obs("commit_v8", OFFSET_COMMIT, 8, commit_body(g, -1, "", "oracle-g-simtopic", 5))
    t.obs("commit_v2", OFFSET_COMMIT, 2, commit_body(g, -1, "", "oracle-g-simtopic", 6))
    t.obs("commit_unknown_topic", OFFSET_COMMIT, 8, commit_body(g, -1, "", "oracle-g-nosuch", 1))
    t.obs("fetch_v8", OFFSET_FETCH, 8, {"Groups": [{"GroupId": g, "Topics": [{"Name": "oracle-g-simtopic",
                                                                           "PartitionIndexes": [0, 1]}]}]})
    t.obs("fetch_v5", OFFSET_FETCH, 5, {"GroupId": g, "Topics": [{"Name": "oracle-g-simtopic", "PartitionIndexes": [0, 1]}]})
    t.obs("fetch_all_v7", OFFSET_FETCH, 7, {"GroupId": g, "Topics": None})
    t.obs("fetch_unknown_group", OFFSET_FETCH, 8, {"Groups": [{"GroupId": "oracle-g-never", "Topics": None}]})
    t.obs("describe", DESCRIBE_GROUPS, 5, {"Groups": [g, "oracle-g-never"], "IncludeAuthorizedOperations": False})
    t.obs("delete", DELETE_GROUPS, 2, {"GroupsNames": [g, "oracle-g-never"]})


# ---------------------------------------------------------------------------------------------
# DescribeConfigs

@case("describe_configs.topic_defaults", "DescribeConfigs v4 (synonyms, documentation) of a topic with no overrides: every key")
def _dc_topic(t: Target):
    create_topic(t, "oracle-dc-plain", 1)
    t.obs("v4", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_TOPIC, "ResourceName": "oracle-dc-plain",
                                                      "ConfigurationKeys": None}],
                                      "IncludeSynonyms": True, "IncludeDocumentation": True})
    t.obs("v1", DESCRIBE_CONFIGS, 1, {"Resources": [{"ResourceType": RESOURCE_TOPIC, "ResourceName": "oracle-dc-plain",
                                                      "ConfigurationKeys": None}], "IncludeSynonyms": False})


@case("describe_configs.topic_overrides", "DescribeConfigs v4 of a topic with overrides; selected keys; an unknown key")
def _dc_topic_overrides(t: Target):
    create_topic(t, "oracle-dc-over", 1, {"retention.ms": "123456", "cleanup.policy": "compact",
                                          "min.insync.replicas": "1", "segment.bytes": "1048576"})
    t.obs("all", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_TOPIC, "ResourceName": "oracle-dc-over",
                                                       "ConfigurationKeys": None}], "IncludeSynonyms": True})
    t.obs("keys", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_TOPIC, "ResourceName": "oracle-dc-over",
                                                        "ConfigurationKeys": ["retention.ms", "no.such.key", "segment.ms"]}],
                                        "IncludeSynonyms": True})


@case("describe_configs.errors", "DescribeConfigs of an unknown topic, an invalid topic name, a bad broker id, an unknown resource type")
def _dc_errors(t: Target):
    for step, rtype, name in (("unknown_topic", RESOURCE_TOPIC, "oracle-dc-nosuch"),
                              ("invalid_topic", RESOURCE_TOPIC, "bad name!"),
                              ("broker_not_a_number", RESOURCE_BROKER, "abc"),
                              ("other_broker", RESOURCE_BROKER, "42"),
                              ("unknown_type", 99, "x")):
        t.obs(step, DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": rtype, "ResourceName": name,
                                                          "ConfigurationKeys": None}]})


@case("describe_configs.broker", "DescribeConfigs v4 of broker 1 (every key, with synonyms) and the cluster default resource", quick=False)
def _dc_broker(t: Target):
    node = str(t.system.ids[0])
    t.obs("broker", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_BROKER, "ResourceName": node,
                                                          "ConfigurationKeys": None}], "IncludeSynonyms": True})
    t.obs("cluster_default", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_BROKER, "ResourceName": "",
                                                                   "ConfigurationKeys": None}], "IncludeSynonyms": True})


BROKER_KEYS = ["log.retention.hours", "log.retention.ms", "log.retention.bytes", "log.segment.bytes", "num.partitions",
               "default.replication.factor", "min.insync.replicas", "auto.create.topics.enable", "message.max.bytes",
               "log.cleanup.policy", "compression.type", "log.roll.hours", "log.roll.ms", "offsets.topic.num.partitions",
               "offsets.topic.replication.factor", "group.initial.rebalance.delay.ms", "group.min.session.timeout.ms",
               "group.max.session.timeout.ms", "socket.request.max.bytes", "node.id", "log.dirs", "listeners",
               "advertised.listeners", "broker.rack", "unclean.leader.election.enable", "log.message.timestamp.type"]


@case("describe_configs.broker_keys", "DescribeConfigs v4 of broker 1 for the keys moldau documents (value, source, read-only, synonyms)")
def _dc_broker_keys(t: Target):
    node = str(t.system.ids[0])
    t.obs("broker_keys", DESCRIBE_CONFIGS, 4, {"Resources": [{"ResourceType": RESOURCE_BROKER, "ResourceName": node,
                                                               "ConfigurationKeys": BROKER_KEYS}], "IncludeSynonyms": True})


# ---------------------------------------------------------------------------------------------
# CreateTopics

def _ct(name: str, partitions: int = 1, rf: int = 1, configs: dict | None = None, assignments=None) -> dict:
    return {"Name": name, "NumPartitions": partitions, "ReplicationFactor": rf, "Assignments": assignments or [],
            "Configs": [{"Name": k, "Value": v} for k, v in (configs or {}).items()]}


def _ct_body(*topics, validate_only: bool = False) -> dict:
    return {"Topics": list(topics), "timeoutMs": 30000, "validateOnly": validate_only}


@case("create_topics.validation", "CreateTopics v7: invalid partitions, replication factor, configs, names; existing topic")
def _create_topics(t: Target):
    create_topic(t, "oracle-ct-exists", 1)
    steps = [
        ("partitions_0", _ct("oracle-ct-p0", 0)),
        ("partitions_-2", _ct("oracle-ct-pm2", -2)),
        ("rf_0", _ct("oracle-ct-rf0", 1, 0)),
        ("rf_5", _ct("oracle-ct-rf5", 1, 5)),
        ("rf_-2", _ct("oracle-ct-rfm2", 1, -2)),
        ("unknown_config", _ct("oracle-ct-cfg1", configs={"no.such.config": "1"})),
        ("bad_config_value", _ct("oracle-ct-cfg2", configs={"retention.ms": "abc"})),
        ("bad_cleanup_policy", _ct("oracle-ct-cfg3", configs={"cleanup.policy": "bogus"})),
        ("null_config_value", _ct("oracle-ct-cfg4", configs={"retention.ms": None})),
        ("existing", _ct("oracle-ct-exists")),
        ("name_space", _ct("bad name!")),
        ("name_dotdot", _ct("..")),
        ("name_long", _ct("a" * 250)),
        ("name_empty", _ct("")),
        ("assignment_and_partitions", _ct("oracle-ct-asg1", 2, 1, assignments=[{"PartitionIndex": 0, "BrokerIds": [1]}])),
        ("assignment_unknown_broker", _ct("oracle-ct-asg2", -1, -1, assignments=[{"PartitionIndex": 0, "BrokerIds": [77]}])),
        ("assignment_gap", _ct("oracle-ct-asg3", -1, -1, assignments=[{"PartitionIndex": 1, "BrokerIds": [1]}])),
        ("defaults_-1", _ct("oracle-ct-defaults", -1, -1)),
        ("ok_with_configs", _ct("oracle-ct-ok", 2, 1, {"retention.ms": "1000", "cleanup.policy": "compact"})),
    ]
    for step, topic in steps:
        if step == "assignment_unknown_broker" or step == "assignment_gap" or step == "assignment_and_partitions":
            topic["Assignments"] = [dict(a, BrokerIds=[t.system.ids[0] if b == 1 else b for b in a["BrokerIds"]])
                                    for a in topic["Assignments"]]
        t.obs(step, CREATE_TOPICS, 7, _ct_body(topic))
    t.obs("duplicate_in_request", CREATE_TOPICS, 7, _ct_body(_ct("oracle-ct-dup"), _ct("oracle-ct-dup")))
    t.obs("v4_existing", CREATE_TOPICS, 4, _ct_body(_ct("oracle-ct-exists")))
    t.obs("v2_bad_partitions", CREATE_TOPICS, 2, _ct_body(_ct("oracle-ct-v2", 0)))


@case("create_topics.validate_only", "CreateTopics v7 validate_only: reported as created, configs returned, nothing created")
def _create_topics_validate(t: Target):
    t.obs("validate", CREATE_TOPICS, 7, _ct_body(_ct("oracle-ct-val", 3, 1, {"retention.ms": "5000"}), validate_only=True))
    t.obs("validate_bad", CREATE_TOPICS, 7, _ct_body(_ct("oracle-ct-val2", 0), validate_only=True))
    t.obs("after", METADATA, 12, {"Topics": [{"Name": "oracle-ct-val"}], "AllowAutoTopicCreation": False})


@case("delete_topics.errors", "DeleteTopics v6 of an unknown topic, an unknown topic id, an internal topic")
def _delete_topics(t: Target):
    import uuid
    t.obs("unknown", DELETE_TOPICS, 6, {"Topics": [{"Name": "oracle-dt-nosuch", "TopicId": uuid.UUID(int=0)}],
                                        "TimeoutMs": 10000})
    t.obs("unknown_id", DELETE_TOPICS, 6, {"Topics": [{"Name": None, "TopicId": uuid.uuid4()}], "TimeoutMs": 10000})
    t.obs("v4_unknown", DELETE_TOPICS, 4, {"TopicNames": ["oracle-dt-nosuch"], "TimeoutMs": 10000})


@case("create_partitions.errors", "CreatePartitions v3: fewer partitions, same count, unknown topic, validate_only")
def _create_partitions(t: Target):
    create_topic(t, "oracle-cp", 2)
    for step, count, name, vo in (("decrease", 1, "oracle-cp", False), ("same", 2, "oracle-cp", False),
                                  ("unknown", 3, "oracle-cp-nosuch", False), ("validate", 4, "oracle-cp", True),
                                  ("increase", 3, "oracle-cp", False)):
        t.obs(step, CREATE_PARTITIONS, 3, {"Topics": [{"Name": name, "Count": count, "Assignments": None}],
                                           "TimeoutMs": 10000, "ValidateOnly": vo})


@case("init_producer_id.basic", "InitProducerId v4 without a transactional id; v0")
def _init_pid(t: Target):
    deadline = time.time() + 30  # the transaction coordinator loads first (COORDINATOR_LOAD_IN_PROGRESS)
    while time.time() < deadline and t.call(INIT_PRODUCER_ID, 4, {"TransactionalId": None, "TransactionTimeoutMs": 60000,
                                                                 "ProducerId": -1, "ProducerEpoch": -1}).get("ErrorCode") == 14:
        time.sleep(0.2)
    t.obs("v4", INIT_PRODUCER_ID, 4, {"TransactionalId": None, "TransactionTimeoutMs": 60000,
                                      "ProducerId": -1, "ProducerEpoch": -1})
    t.obs("v0", INIT_PRODUCER_ID, 0, {"TransactionalId": None, "TransactionTimeoutMs": 60000})
