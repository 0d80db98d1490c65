"""Field-by-field comparison of two normalised responses, classification of each difference,
and matching against the allow-list (known_differences.json)."""

import fnmatch
import json
from pathlib import Path

MISSING = "<absent>"
KNOWN = Path(__file__).resolve().parent / "known_differences.json"

# Arrays whose order carries meaning are compared by position; others by their key fields.
ORDERED = {"Synonyms", "Records", "ReplicaNodes", "IsrNodes", "_records"}
KEYS = [("ApiKey",), ("ResourceType", "ResourceName"), ("Name",), ("Topic",), ("TopicId",), ("PartitionIndex",),
        ("Partition",), ("Index",), ("NodeId",), ("BrokerId",), ("GroupId",), ("MemberId",), ("Key",),
        ("BatchIndex",)]

# Classes. "loose" ones are wording: reported side by side, never a failure by default.
LOOSE = {"error-message", "documentation"}
CLASS_DOC = {
    "transport": "one side closed the connection / timed out / sent no response",
    "unadvertised-version": "one side closed the connection on a version it does not advertise (see api-versions)",
    "error-one-side": "one side answers with an error code, the other with none (0)",
    "error-code": "both sides answer with an error, but different codes",
    "error-message": "error message wording (compared loosely)",
    "documentation": "config documentation wording (compared loosely)",
    "api-versions": "ApiVersions: a key's version range differs, or only one side lists a key",
    "config": "DescribeConfigs: a config's value, source, read-only flag, type or synonyms differ",
    "presence": "a field or an array item exists on one side only",
    "value": "a field's value differs",
}


def _key_of(items: list) -> tuple | None:
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    for key in KEYS:
        if all(all(k in x for k in key) for x in items):
            vals = [tuple(x[k] for k in key) for x in items]
            if len(set(map(repr, vals))) == len(vals):
                return key
    return None


def _fmt_key(vals: tuple) -> str:
    return ",".join(str(v) for v in vals)


def compare(k, m, path: str = "") -> list[tuple[str, object, object]]:
    """[(path, kafka value, moldau value)] for every leaf that differs."""
    out = []
    if isinstance(k, dict) and isinstance(m, dict):
        for f in list(k) + [x for x in m if x not in k]:
            p = f"{path}.{f}" if path else f
            if f not in m:
                out.append((p, k[f], MISSING))
            elif f not in k:
                out.append((p, MISSING, m[f]))
            else:
                out.extend(compare(k[f], m[f], p))
        return out
    if isinstance(k, list) and isinstance(m, list):
        last = path.rsplit(".", 1)[-1]
        key = None
        if last not in ORDERED and (k or m):
            kk, mk = _key_of(k), _key_of(m)
            key = kk if not m else mk if not k else (kk if kk == mk else None)
        if key is not None:
            kd = {_fmt_key(tuple(x[f] for f in key)): x for x in k}
            md = {_fmt_key(tuple(x[f] for f in key)): x for x in m}
            for kk in list(kd) + [x for x in md if x not in kd]:
                p = f"{path}[{kk}]"
                if kk not in md:
                    out.append((p, kd[kk], MISSING))
                elif kk not in kd:
                    out.append((p, MISSING, md[kk]))
                else:
                    out.extend(compare(kd[kk], md[kk], p))
            return out
        for i in range(max(len(k), len(m))):
            p = f"{path}[#{i}]"
            if i >= len(m):
                out.append((p, k[i], MISSING))
            elif i >= len(k):
                out.append((p, MISSING, m[i]))
            else:
                out.extend(compare(k[i], m[i], p))
        return out
    if k != m:
        out.append((path, k, m))
    return out


def classify(api_key: int, path: str, kv, mv) -> str:
    leaf = path.rsplit(".", 1)[-1].split("[")[0]
    if "_transport" in path or "_no_response" in path or "_raw_response" in path:
        return "transport"
    if leaf.endswith("ErrorMessage"):
        return "error-message"
    if leaf == "Documentation":
        return "documentation"
    if leaf.endswith("ErrorCode") and isinstance(kv, int) and isinstance(mv, int):
        return "error-one-side" if 0 in (kv, mv) else "error-code"
    if api_key == 18 and (path.startswith("ApiKeys") or "Features" in path):
        return "api-versions"
    if api_key == 32 and ".Configs" in path:
        return "config"
    if (isinstance(kv, str) and kv == MISSING) or (isinstance(mv, str) and mv == MISSING):
        return "presence"
    return "value"


def diff_step(step: str, api_key: int, version: int, k: dict, m: dict) -> list[dict]:
    # A transport failure on one side makes the whole step one difference.
    if any(isinstance(x, dict) and ("_transport" in x or "_no_response" in x or "_raw_response" in x) for x in (k, m)):
        if k == m:
            return []
        return [{"step": step, "api_key": api_key, "version": version, "path": "_transport", "kafka": k,
                 "moldau": m, "class": "transport"}]
    out = []
    for path, kv, mv in compare(k, m):
        out.append({"step": step, "api_key": api_key, "version": version, "path": path, "kafka": kv, "moldau": mv,
                    "class": classify(api_key, path, kv, mv)})
    return out


def load_known(path: Path = KNOWN) -> list[dict]:
    if not path.exists():
        return []
    return json.loads(path.read_text())


def allowed(case_id: str, d: dict, known: list[dict]) -> dict | None:
    """The allow-list entry that covers difference `d` of case `case_id`, if any. An entry has
    `case` (glob on the case id), `path` (glob on "step:path"), optional `class`, and `reason`."""
    full = f"{d['step']}:{d['path']}"
    for e in known:
        if not fnmatch.fnmatchcase(case_id, e.get("case", "*")):
            continue
        if not fnmatch.fnmatchcase(full, e.get("path", "*")):
            continue
        if "class" in e and e["class"] != d["class"]:
            continue
        return e
    return None


def status(diffs: list[dict]) -> str:
    if not diffs:
        return "same"
    classes = {d["class"] for d in diffs}
    if classes & {"error-one-side", "transport", "unadvertised-version"}:
        return "only-one-side-errors"
    if classes <= LOOSE:
        return "same-except-wording"
    return "differs"
