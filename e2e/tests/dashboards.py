"""The chart's Grafana dashboards (charts/moldau/dashboards/*.json) and alert rules
(charts/moldau/rules/moldau-alerts.yaml) as data for tests: every panel query, made concrete
(Grafana's variables replaced) so it can be sent to Prometheus's HTTP API or checked by promtool.

    for dashboard, panel, expr in panel_queries():
        query(substitute(expr, "kafka", "my-cluster"))
"""

import json
import re
from pathlib import Path

import yaml

CHART = Path(__file__).resolve().parents[2] / "charts" / "moldau"
DASHBOARDS = CHART / "dashboards"
RULES = CHART / "rules" / "moldau-alerts.yaml"

# Grafana's global variables, as Grafana fills them for a 1-hour range and a 15s scrape
# interval: $__rate_interval is at least four scrape intervals.
GLOBALS = {
    "__rate_interval": "1m",
    "__interval": "1m",
    "__interval_ms": "60000",
    "__range": "1h",
    "__range_s": "3600",
    "__range_ms": "3600000",
}

# $name, ${name}, ${name:format} and [[name]]: Grafana's variable syntaxes.
VARIABLE = re.compile(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")


def dashboard_files() -> list[Path]:
    """The dashboards' JSON files, sorted."""
    return sorted(DASHBOARDS.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def panels(dashboard: dict) -> list[dict]:
    """Every panel of a dashboard, those inside rows (collapsed rows keep theirs in
    "panels") included; the row panels themselves too."""
    out = []

    def walk(ps):
        for p in ps:
            out.append(p)
            walk(p.get("panels", []))

    walk(dashboard.get("panels", []))
    return out


def panel_queries() -> list[tuple[str, str, str]]:
    """(dashboard title, panel title, expr) of every target of every panel of every
    dashboard."""
    out = []
    for f in dashboard_files():
        d = load(f)
        for p in panels(d):
            for t in p.get("targets", []):
                out.append((d["title"], p.get("title", ""), t["expr"]))
    return out


def variable_queries() -> list[tuple[str, str, str]]:
    """(dashboard title, variable name, query) of every query variable, e.g.
    label_values(kafka_brokers, namespace)."""
    out = []
    for f in dashboard_files():
        d = load(f)
        for v in d.get("templating", {}).get("list", []):
            if v.get("type") == "query":
                q = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
                out.append((d["title"], v["name"], q))
    return out


def _quote(value: str) -> str:
    """A value for inside a PromQL double-quoted string."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def substitute(expr: str, namespace: str, cluster: str, **variables: str) -> str:
    """The expression with Grafana's variables replaced by concrete values: $namespace and
    $cluster by these, the globals ($__rate_interval, $__range, ...) by GLOBALS, any other
    dashboard variable by `variables` or else ".*" (its "All", the value the dashboards give
    allValue; they match such variables with =~). Raises ValueError on a variable it cannot
    fill."""
    values = dict(GLOBALS)
    values.update({k: _quote(v) for k, v in variables.items()})
    values["namespace"] = _quote(namespace)
    values["cluster"] = _quote(cluster)

    def fill(m: re.Match) -> str:
        name = m.group(1) or m.group(2) or m.group(3)
        if name in values:
            return values[name]
        if name.startswith("__"):
            raise ValueError(f"unknown Grafana global ${name} in {expr!r}")
        return ".*"

    out = VARIABLE.sub(fill, expr)
    if "$" in out:
        raise ValueError(f"unreplaced variable in {out!r}")
    return out


def selector_of(label_values_query: str) -> str:
    """The series selector of a label_values(selector, label) variable query, as PromQL."""
    m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\s*\)\s*", label_values_query, re.S)
    if not m:
        raise ValueError(f"not label_values(selector, label): {label_values_query!r}")
    return m.group(1)


def rule_groups() -> list[dict]:
    """The rule file's groups, as parsed."""
    return yaml.safe_load(RULES.read_text())["groups"]


def alert_rules() -> list[tuple[str, str]]:
    """(alert name, expr) of every alerting rule of the rule file."""
    return [(r["alert"], r["expr"].strip()) for g in rule_groups() for r in g["rules"] if "alert" in r]
