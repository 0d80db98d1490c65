#!/usr/bin/env python3
"""The differential oracle's runner: starts Apache Kafka 4.4 and moldau (1 node each by
default), runs every case on both at the same time, normalises and compares the responses,
and writes a JSON report and a markdown summary.

    python3 -m e2e.oracle [--full | --quick] [--only GLOB] [--report target/oracle/report.md]
    e2e/oracle/run.py --full --report target/oracle/report.md
"""

import argparse
import fnmatch
import json
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "e2e.oracle"

from . import diff as D  # noqa: E402
from . import normalise as N  # noqa: E402
from . import schema  # noqa: E402
from .cases import CASES, Case  # noqa: E402
from .client import Target  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "e2e" / "tests"

# The same cluster settings on both sides (moldau's test harness sets these for every cluster;
# Kafka gets them too, so that config values and coordinator placement agree).
COMMON = {
    "offsets.topic.num.partitions": "10",
    "broker.session.timeout.ms": "3000",
    "broker.heartbeat.interval.ms": "500",
    "replica.lag.time.max.ms": "5000",
    "leader.imbalance.check.interval.seconds": "5",
    "group.initial.rebalance.delay.ms": "0",
}


def all_cases(full: bool = True, only: str | None = None) -> list[Case]:
    from . import replay
    cases = CASES + replay.cases()
    if not full:
        cases = [c for c in cases if c.quick]
    if only:
        pats = only.split(",")
        cases = [c for c in cases if any(fnmatch.fnmatchcase(c.id, p) for p in pats)]
    return cases


def start_systems(root: Path, n: int = 1):
    """(kafka, moldau), started in parallel."""
    sys.path.insert(0, str(TESTS))
    from apache_kafka import start_system  # noqa: E402

    out: dict = {}
    errors: dict = {}

    def start(name):
        try:
            # Kafka's fixture sets offsets.topic.replication.factor to min(3, n); moldau gets the same.
            extra = {} if name == "kafka" else {"offsets.topic.replication.factor": str(min(3, n))}
            out[name] = start_system(name, root / name, n=n, overrides={**COMMON, **extra})
        except BaseException as e:  # noqa: BLE001
            errors[name] = e
    threads = [threading.Thread(target=start, args=(name,)) for name in ("kafka", "moldau")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        for s in out.values():
            s.close()
        name, e = next(iter(errors.items()))
        raise RuntimeError(f"could not start {name}: {e}") from e
    return out["kafka"], out["moldau"]


def run_case(c: Case, kafka: Target, moldau: Target, timeout: float = 90.0) -> dict:
    res: dict = {}

    def side(t: Target):
        t.begin_case()
        start = time.time()
        try:
            c.fn(t)
            res[t.name] = {"ok": True}
        except Exception:  # noqa: BLE001 - a harness failure is reported, not raised
            res[t.name] = {"ok": False, "error": traceback.format_exc(limit=6)}
        res[t.name]["seconds"] = round(time.time() - start, 2)
        for name in list(t.conns):
            if name != "main":
                t.drop(name)
    threads = [threading.Thread(target=side, args=(t,), daemon=True) for t in (kafka, moldau)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout)
    out = {"id": c.id, "doc": c.doc, "quick": c.quick,
           "seconds": {t.name: res.get(t.name, {}).get("seconds") for t in (kafka, moldau)}}
    errors = {t.name: res.get(t.name, {"error": "timed out"}).get("error") for t in (kafka, moldau)
              if not res.get(t.name, {}).get("ok")}
    if errors:
        out.update(status="harness-error", errors=errors, diffs=[], steps=[])
        return out
    kctx, mctx = N.Context(kafka.system, kafka.topic_ids), N.Context(moldau.system, moldau.topic_ids)
    kctx.members.update(getattr(kafka, "aliases", {}))
    mctx.members.update(getattr(moldau, "aliases", {}))
    ksteps, msteps = kafka.observed, moldau.observed
    diffs, steps = [], []
    for i in range(max(len(ksteps), len(msteps))):
        if i >= len(ksteps) or i >= len(msteps) or ksteps[i][0] != msteps[i][0]:
            diffs.append({"step": f"#{i}", "api_key": -1, "version": -1, "path": "_steps",
                          "kafka": [s[0] for s in ksteps], "moldau": [s[0] for s in msteps], "class": "value"})
            break
        step, api, ver, kr = ksteps[i]
        _, _, mver, mr = msteps[i]
        kn = N.normalise(api, ver, kr, kctx)
        mn = N.normalise(api, mver, mr, mctx)
        steps.append({"step": step, "api": schema.api_name(api) if api >= 0 else "raw", "api_key": api,
                      "version": ver, "kafka": kn, "moldau": mn})
        for d in D.diff_step(step, api, ver, kn, mn):
            if d["class"] == "transport":
                # A connection closed on a version that side does not advertise is what the
                # protocol prescribes: the cause is the ApiVersions difference.
                for t, resp in ((kafka, kr), (moldau, mr)):
                    rng = t.api_versions.get(api)
                    if isinstance(resp, dict) and "_transport" in resp and api >= 0 and \
                            (rng is None or not rng[0] <= ver <= rng[1]):
                        d["class"] = "unadvertised-version"
                        d["note"] = f"{t.name} advertises {schema.api_name(api)} {rng or 'not at all'}"
            diffs.append(d)
    out.update(status=D.status(diffs), diffs=diffs, steps=steps)
    return out


def apply_known(results: list[dict], known: list[dict]) -> None:
    for r in results:
        for d in r["diffs"]:
            e = D.allowed(r["id"], d, known)
            d["allowed"] = e["reason"] if e else None


def unexpected(results: list[dict]) -> list[tuple[str, dict]]:
    """Differences (and harness errors) the allow-list does not cover."""
    out = []
    for r in results:
        if r["status"] == "harness-error":
            out.append((r["id"], {"step": "-", "path": "-", "class": "harness-error", "kafka": r["errors"].get("kafka"),
                                  "moldau": r["errors"].get("moldau")}))
        for d in r["diffs"]:
            if not d.get("allowed"):
                out.append((r["id"], d))
    return out


def _short(v, n: int = 160) -> str:
    s = json.dumps(v, default=str) if not isinstance(v, str) else v
    return s if len(s) <= n else s[:n] + "…"


def summary(results: list[dict]) -> dict:
    by_status: dict = {}
    by_class: dict = {}
    by_class_unexpected: dict = {}
    for r in results:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        for d in r["diffs"]:
            by_class[d["class"]] = by_class.get(d["class"], 0) + 1
            if not d.get("allowed"):
                by_class_unexpected[d["class"]] = by_class_unexpected.get(d["class"], 0) + 1
    return {"cases": len(results), "by_status": by_status, "differences_by_class": by_class,
            "unexpected_by_class": by_class_unexpected,
            "steps": sum(len(r["steps"]) for r in results)}


_KEEP_KEYS = {"Configs", "SupportedFeatures", "FinalizedFeatures"}


def _general(path: str) -> str:
    """A difference's path with topic/partition/member keys replaced by *, config names kept."""
    import re

    def sub(m):
        return m.group(0) if m.group(1) in _KEEP_KEYS else f"{m.group(1)}[*]"
    return re.sub(r"(\w+)\[[^\]]*\]", sub, path)


def findings(results: list[dict]) -> list[dict]:
    """Differences grouped by (API, class, generalised path), with the cases and value pairs."""
    groups: dict = {}
    for r in results:
        for d in r["diffs"]:
            api = schema.api_name(d["api_key"]) if d["api_key"] >= 0 else "raw"
            key = (api, d["class"], _general(d["path"]) if d["class"] != "transport" else d["step"])
            g = groups.setdefault(key, {"api": api, "class": d["class"], "path": key[2], "versions": set(),
                                        "cases": [], "values": [], "allowed": d.get("allowed"), "count": 0})
            g["count"] += 1
            g["versions"].add(d["version"])
            if r["id"] not in g["cases"]:
                g["cases"].append(r["id"])
            pair = (_short(d["kafka"], 120), _short(d["moldau"], 120))
            if pair not in g["values"] and len(g["values"]) < 3:
                g["values"].append(pair)
    out = sorted(groups.values(), key=lambda g: (g["allowed"] is not None, g["class"], g["api"], g["path"]))
    for g in out:
        g["versions"] = sorted(g["versions"])
    return out


def api_versions_table(meta: dict) -> list[str]:
    av = meta.get("api_versions") or {}
    k, m = av.get("kafka", {}), av.get("moldau", {})
    rows = ["| key | API | Kafka 4.4 | moldau | |", "|---|---|---|---|---|"]
    for key in sorted(set(k) | set(m), key=int):
        kr, mr = k.get(key), m.get(key)
        if kr and mr:
            note = "same" if tuple(kr) == tuple(mr) else "differs"
        else:
            note = "Kafka only" if kr else "moldau only"
        fmt = lambda r: f"{r[0]}-{r[1]}" if r else "—"  # noqa: E731
        rows.append(f"| {key} | {schema.api_name(int(key))} | {fmt(kr)} | {fmt(mr)} | {note} |")
    return rows


def write_report(results: list[dict], md_path: Path, meta: dict) -> tuple[Path, Path]:
    md_path.parent.mkdir(parents=True, exist_ok=True)
    json_path = md_path.with_suffix(".json")
    summ = summary(results)
    json_path.write_text(json.dumps({"meta": meta, "summary": summ, "classes": D.CLASS_DOC,
                                     "findings": findings(results), "cases": results},
                                    indent=1, default=str))
    lines = ["# moldau vs Apache Kafka 4.4 — differential oracle report", "",
             f"Run {meta.get('started')} — {summ['cases']} cases, {summ['steps']} compared responses, "
             f"{meta.get('seconds')} s. Kafka {meta.get('kafka')}, moldau {meta.get('moldau')}.", "",
             "## Summary", "", "| status | cases |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(summ["by_status"].items())]
    lines += ["", "| difference class | all | not in allow-list | meaning |", "|---|---|---|---|"]
    for k, v in sorted(summ["differences_by_class"].items()):
        lines.append(f"| {k} | {v} | {summ['unexpected_by_class'].get(k, 0)} | {D.CLASS_DOC.get(k, '')} |")
    groups = findings(results)
    lines += ["", "## Findings (differences grouped by API, class and field path)", "",
              "| # | API (versions) | class | path | kafka → moldau (examples) | cases | allowed |", "|---|---|---|---|---|---|---|"]
    for i, g in enumerate(groups, 1):
        vals = "<br>".join(f"`{a}` → `{b}`" for a, b in g["values"])
        cases = ", ".join(g["cases"][:4]) + (f" (+{len(g['cases']) - 4})" if len(g["cases"]) > 4 else "")
        cells = [i, f"{g['api']} ({','.join(map(str, g['versions']))})", g["class"], f"`{g['path']}`", vals,
                 f"{g['count']}× {cases}", g["allowed"] or ""]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    lines += ["", "## ApiVersions (v3) side by side", ""] + api_versions_table(meta)
    lines += ["", "## Cases", "", "| case | status | differences (unexpected) | kafka s | moldau s |", "|---|---|---|---|---|"]
    for r in results:
        n_un = sum(1 for d in r["diffs"] if not d.get("allowed"))
        lines.append(f"| {r['id']} | {r['status']} | {len(r['diffs'])} ({n_un}) | {r['seconds'].get('kafka')} | "
                     f"{r['seconds'].get('moldau')} |")
    lines += ["", "## Differences", ""]
    for r in results:
        if r["status"] == "harness-error":
            lines += [f"### {r['id']} — harness error", ""]
            for side, err in r["errors"].items():
                lines += [f"{side}:", "```", str(err).strip(), "```"]
            lines.append("")
            continue
        if not r["diffs"]:
            continue
        lines += [f"### {r['id']} — {r['status']}", "", r["doc"], "",
                  "| step | api v | path | kafka | moldau | class | allowed |", "|---|---|---|---|---|---|---|"]
        for d in r["diffs"]:
            api = schema.api_name(d["api_key"]) if d["api_key"] >= 0 else "-"
            cells = [d["step"], f"{api} v{d['version']}", f"`{d['path']}`", _short(d["kafka"]), _short(d["moldau"]),
                     d["class"], d.get("allowed") or ""]
            lines.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
        lines.append("")
    md_path.write_text("\n".join(lines) + "\n")
    return md_path, json_path


def run(cases: list[Case], n: int = 1, root: Path | None = None, log=print) -> tuple[list[dict], dict]:
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    t0 = time.time()
    tmp = None
    if root is None:
        tmp = tempfile.TemporaryDirectory(prefix="moldau-oracle-")
        root = Path(tmp.name)
    kafka_sys, moldau_sys = start_systems(root, n)
    log(f"started both systems in {time.time() - t0:.1f}s: kafka {kafka_sys.bootstrap}, moldau {moldau_sys.bootstrap}")
    kafka, moldau = Target("kafka", kafka_sys), Target("moldau", moldau_sys)
    for t in (kafka, moldau):
        av = t.call(18, 3, {"ClientSoftwareName": "moldau-oracle", "ClientSoftwareVersion": "1.0"})
        t.api_versions = {k["ApiKey"]: (k["MinVersion"], k["MaxVersion"]) for k in av.get("ApiKeys", [])}
    results = []
    try:
        for c in cases:
            r = run_case(c, kafka, moldau)
            results.append(r)
            log(f"  {c.id:45s} {r['status']:22s} {len(r['diffs']):4d} diffs  "
                f"(kafka {r['seconds'].get('kafka')}s, moldau {r['seconds'].get('moldau')}s)")
    finally:
        kafka.close()
        moldau.close()
        kafka_sys.close()
        moldau_sys.close()
        if tmp:
            tmp.cleanup()
    apply_known(results, D.load_known())
    meta = {"api_versions": {"kafka": kafka.api_versions, "moldau": moldau.api_versions},
            "started": started, "seconds": round(time.time() - t0, 1), "nodes": n,
            "kafka": "Apache Kafka 4.4.0", "moldau": "target/debug/moldau-broker"}
    return results, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--full", action="store_true", help="every case (default)")
    g.add_argument("--quick", action="store_true", help="the bounded subset the pytest runs")
    ap.add_argument("--only", help="comma-separated globs on case ids")
    ap.add_argument("--nodes", type=int, default=1)
    ap.add_argument("--report", default=str(REPO / "target" / "oracle" / "report.md"))
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    a = ap.parse_args(argv)
    cases = all_cases(full=not a.quick, only=a.only)
    if a.list:
        for c in cases:
            print(f"{c.id:45s} {'quick' if c.quick else 'full '}  {c.doc}")
        return 0
    results, meta = run(cases, n=a.nodes)
    md, js = write_report(results, Path(a.report), meta)
    summ = summary(results)
    print(json.dumps(summ, indent=1))
    print(f"report: {md}\n        {js}")
    return 1 if unexpected(results) else 0


if __name__ == "__main__":
    sys.exit(main())
