//! Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), which
//! `kubectl get` uses: columns per built-in kind, and for custom resources the CRD's
//! `additionalPrinterColumns` evaluated as JSONPath.

use serde_json::{Value, json};

use super::meta::parse_time;
use super::registry::ResourceType;

/// A Table of `objects` (already in the requested version).
pub fn table(
    rt: &ResourceType,
    version: &str,
    objects: &[Value],
    list_meta: Value,
    include_object: &str,
) -> Value {
    let columns = columns(rt, version);
    let defs: Vec<Value> = columns
        .iter()
        .map(|c| {
            json!({"name": c.name, "type": c.kind, "format": c.format, "description": c.description,
                   "priority": c.priority})
        })
        .collect();
    let rows: Vec<Value> = objects
        .iter()
        .map(|o| {
            let cells: Vec<Value> = columns.iter().map(|c| (c.cell)(o)).collect();
            let object = match include_object {
                "None" => Value::Null,
                "Object" => o.clone(),
                _ => json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                            "metadata": o.get("metadata").cloned().unwrap_or(json!({}))}),
            };
            json!({"cells": cells, "object": object})
        })
        .collect();
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": list_meta,
           "columnDefinitions": defs, "rows": rows})
}

struct Column {
    name: String,
    kind: &'static str,
    format: &'static str,
    description: String,
    priority: i64,
    cell: Box<dyn Fn(&Value) -> Value>,
}

fn col(name: &str, f: impl Fn(&Value) -> Value + 'static) -> Column {
    Column {
        name: name.into(),
        kind: "string",
        format: "",
        description: String::new(),
        priority: 0,
        cell: Box::new(f),
    }
}

fn name_col() -> Column {
    Column {
        format: "name",
        description: "Name must be unique within a namespace.".into(),
        ..col("Name", |o| {
            o.pointer("/metadata/name").cloned().unwrap_or(json!(""))
        })
    }
}

fn age_col() -> Column {
    col("Age", |o| {
        json!(
            o.pointer("/metadata/creationTimestamp")
                .and_then(Value::as_str)
                .map(age)
                .unwrap_or_else(|| "<unknown>".into())
        )
    })
}

fn s(o: &Value, ptr: &str) -> Value {
    match o.pointer(ptr) {
        Some(Value::String(x)) => json!(x),
        Some(Value::Null) | None => json!("<none>"),
        Some(other) => json!(other.to_string()),
    }
}

fn columns(rt: &ResourceType, version: &str) -> Vec<Column> {
    if let Some(crd) = &rt.crd {
        let printer = crd
            .version(version)
            .map(|v| v.printer_columns.clone())
            .unwrap_or_default();
        let mut cols = vec![name_col()];
        if printer.is_empty() {
            cols.push(age_col());
            return cols;
        }
        for pc in printer {
            let path = pc
                .get("jsonPath")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let ty = pc
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("string")
                .to_string();
            let name = pc
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let kind: &'static str = match ty.as_str() {
                "integer" => "integer",
                "number" => "number",
                "boolean" => "boolean",
                "date" => "date",
                _ => "string",
            };
            cols.push(Column {
                kind,
                description: pc
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .into(),
                priority: pc.get("priority").and_then(Value::as_i64).unwrap_or(0),
                ..col(&name, move |o| {
                    let vals = jsonpath(o, &path);
                    match vals.as_slice() {
                        [] => Value::Null,
                        [one] if ty == "date" => {
                            json!(one.as_str().map(age).unwrap_or_default())
                        }
                        [one] => one.clone(),
                        many => json!(
                            many.iter()
                                .map(|v| match v {
                                    Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                })
                                .collect::<Vec<_>>()
                                .join(",")
                        ),
                    }
                })
            });
        }
        return cols;
    }
    let mut cols = vec![name_col()];
    match rt.kind.as_str() {
        "Pod" => {
            cols.push(col("Ready", |o| {
                let st = o
                    .pointer("/status/containerStatuses")
                    .and_then(Value::as_array);
                let total = o
                    .pointer("/spec/containers")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                let ready = st.map_or(0, |a| {
                    a.iter()
                        .filter(|c| c.get("ready") == Some(&json!(true)))
                        .count()
                });
                json!(format!("{ready}/{total}"))
            }));
            cols.push(col("Status", |o| {
                if o.pointer("/metadata/deletionTimestamp").is_some() {
                    return json!("Terminating");
                }
                let waiting = o
                    .pointer("/status/containerStatuses")
                    .and_then(Value::as_array)
                    .and_then(|a| {
                        a.iter()
                            .find_map(|c| c.pointer("/state/waiting/reason").cloned())
                    });
                waiting.unwrap_or_else(|| s(o, "/status/phase"))
            }));
            cols.push(Column {
                kind: "integer",
                ..col("Restarts", |o| {
                    json!(
                        o.pointer("/status/containerStatuses")
                            .and_then(Value::as_array)
                            .map_or(0, |a| a
                                .iter()
                                .map(|c| c.get("restartCount").and_then(Value::as_i64).unwrap_or(0))
                                .sum::<i64>())
                    )
                })
            });
            cols.push(age_col());
            cols.push(Column {
                priority: 1,
                ..col("IP", |o| s(o, "/status/podIP"))
            });
            cols.push(Column {
                priority: 1,
                ..col("Node", |o| s(o, "/spec/nodeName"))
            });
        }
        "Service" => {
            cols.push(col("Type", |o| s(o, "/spec/type")));
            cols.push(col("Cluster-IP", |o| s(o, "/spec/clusterIP")));
            cols.push(col("External-IP", |o| {
                let ing = o.pointer("/status/loadBalancer/ingress/0/ip").cloned();
                ing.unwrap_or(json!("<none>"))
            }));
            cols.push(col("Port(s)", |o| {
                let ports = o.pointer("/spec/ports").and_then(Value::as_array);
                let parts: Vec<String> = ports
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        let port = p.get("port").map(|v| v.to_string()).unwrap_or_default();
                        let proto = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
                        match p.get("nodePort") {
                            Some(np) => format!("{port}:{np}/{proto}"),
                            None => format!("{port}/{proto}"),
                        }
                    })
                    .collect();
                json!(if parts.is_empty() {
                    "<none>".into()
                } else {
                    parts.join(",")
                })
            }));
            cols.push(age_col());
        }
        "StatefulSet" | "Deployment" => {
            cols.push(col("Ready", |o| {
                let ready = o
                    .pointer("/status/readyReplicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let want = o
                    .pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                json!(format!("{ready}/{want}"))
            }));
            cols.push(age_col());
        }
        "ConfigMap" | "Secret" => {
            if rt.kind == "Secret" {
                cols.push(col("Type", |o| s(o, "/type")));
            }
            cols.push(Column {
                kind: "integer",
                ..col("Data", |o| {
                    let n = o
                        .get("data")
                        .and_then(Value::as_object)
                        .map_or(0, |m| m.len())
                        + o.get("binaryData")
                            .and_then(Value::as_object)
                            .map_or(0, |m| m.len());
                    json!(n)
                })
            });
            cols.push(age_col());
        }
        "Namespace" => {
            cols.push(col("Status", |o| s(o, "/status/phase")));
            cols.push(age_col());
        }
        "PersistentVolumeClaim" => {
            cols.push(col("Status", |o| s(o, "/status/phase")));
            cols.push(col("Volume", |o| s(o, "/spec/volumeName")));
            cols.push(col("Capacity", |o| s(o, "/status/capacity/storage")));
            cols.push(col("Access Modes", |o| {
                json!(
                    o.pointer("/spec/accessModes")
                        .and_then(Value::as_array)
                        .map(|a| a
                            .iter()
                            .filter_map(|m| m.as_str())
                            .map(|m| match m {
                                "ReadWriteOnce" => "RWO",
                                "ReadOnlyMany" => "ROX",
                                "ReadWriteMany" => "RWX",
                                "ReadWriteOncePod" => "RWOP",
                                other => other,
                            })
                            .collect::<Vec<_>>()
                            .join(","))
                        .unwrap_or_default()
                )
            }));
            cols.push(col("StorageClass", |o| s(o, "/spec/storageClassName")));
            cols.push(age_col());
        }
        "CustomResourceDefinition" => {
            cols.push(Column {
                kind: "date",
                ..col("Created At", |o| s(o, "/metadata/creationTimestamp"))
            });
        }
        "Event" => {
            cols.push(col("Type", |o| s(o, "/type")));
            cols.push(col("Reason", |o| s(o, "/reason")));
            cols.push(col("Object", |o| {
                let k = o
                    .pointer("/involvedObject/kind")
                    .or(o.pointer("/regarding/kind"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let n = o
                    .pointer("/involvedObject/name")
                    .or(o.pointer("/regarding/name"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                json!(format!("{}/{n}", k.to_lowercase()))
            }));
            cols.push(col("Message", |o| {
                s(
                    o,
                    if o.get("note").is_some() {
                        "/note"
                    } else {
                        "/message"
                    },
                )
            }));
        }
        "Endpoints" => {
            cols.push(col("Endpoints", |o| {
                let mut eps = Vec::new();
                for sub in o
                    .get("subsets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    for a in sub
                        .get("addresses")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        for p in sub
                            .get("ports")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                        {
                            eps.push(format!(
                                "{}:{}",
                                a.get("ip").and_then(Value::as_str).unwrap_or(""),
                                p.get("port").map(|v| v.to_string()).unwrap_or_default()
                            ));
                        }
                    }
                }
                json!(if eps.is_empty() {
                    "<none>".into()
                } else {
                    eps.join(",")
                })
            }));
            cols.push(age_col());
        }
        "PodDisruptionBudget" => {
            cols.push(col("Min Available", |o| s(o, "/spec/minAvailable")));
            cols.push(col("Max Unavailable", |o| s(o, "/spec/maxUnavailable")));
            cols.push(col("Allowed Disruptions", |o| {
                s(o, "/status/disruptionsAllowed")
            }));
            cols.push(age_col());
        }
        _ => cols.push(age_col()),
    }
    cols
}

/// kubectl's short durations: 45s, 5m12s, 3h, 2d5h, 40d.
pub fn age(ts: &str) -> String {
    let Some(t) = parse_time(ts) else {
        return "<unknown>".into();
    };
    let secs = (chrono::Utc::now() - t).num_seconds().max(0);
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 600 => format!("{}m{}s", s / 60, s % 60),
        s if s < 3 * 3600 => format!("{}m", s / 60),
        s if s < 8 * 3600 => format!("{}h{}m", s / 3600, (s % 3600) / 60),
        s if s < 48 * 3600 => format!("{}h", s / 3600),
        s if s < 8 * 86400 => format!("{}d{}h", s / 86400, (s % 86400) / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// The JSONPath subset printer columns use: `.a.b`, `.a[0]`, `.a[*].b`,
/// `.a[?(@.type=="Ready")].status`, optionally wrapped in `{}`.
pub fn jsonpath(root: &Value, path: &str) -> Vec<Value> {
    let p = path.trim().trim_start_matches('{').trim_end_matches('}');
    let mut cur = vec![root.clone()];
    let mut rest = p.trim_start_matches('$');
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let field = &r[..end];
            rest = &r[end..];
            if field.is_empty() {
                continue;
            }
            cur = cur.iter().filter_map(|v| v.get(field).cloned()).collect();
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Vec::new();
            };
            let inner = &r[..end];
            rest = &r[end + 1..];
            cur = cur
                .iter()
                .flat_map(|v| {
                    let items = v.as_array().cloned().unwrap_or_default();
                    if inner == "*" {
                        return items;
                    }
                    if let Ok(i) = inner.parse::<i64>() {
                        let idx = if i < 0 { items.len() as i64 + i } else { i };
                        return items.get(idx as usize).cloned().into_iter().collect();
                    }
                    if let Some(f) = inner.strip_prefix("?(@.").and_then(|x| x.strip_suffix(')')) {
                        let (field, want) = match f.split_once("==") {
                            Some((a, b)) => (
                                a.trim(),
                                Some(b.trim().trim_matches(|c| c == '"' || c == '\'')),
                            ),
                            None => (f.trim(), None),
                        };
                        return items
                            .into_iter()
                            .filter(|x| match (x.get(field), want) {
                                (Some(Value::String(s)), Some(w)) => s == w,
                                (Some(other), Some(w)) => {
                                    *other
                                        == serde_json::from_str::<Value>(w).unwrap_or(Value::Null)
                                }
                                (Some(_), None) => true,
                                (None, _) => false,
                            })
                            .collect();
                    }
                    Vec::new()
                })
                .collect();
        } else {
            return Vec::new();
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonpath_subset() {
        let o = json!({"status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Stalled", "status": "False"}],
                                  "brokers": [{"id": 1}, {"id": 2}]}});
        assert_eq!(
            jsonpath(&o, ".status.conditions[?(@.type==\"Ready\")].status"),
            vec![json!("True")]
        );
        assert_eq!(
            jsonpath(&o, ".status.brokers[*].id"),
            vec![json!(1), json!(2)]
        );
        assert_eq!(jsonpath(&o, ".status.brokers[-1].id"), vec![json!(2)]);
        assert!(jsonpath(&o, ".spec.nothing").is_empty());
    }
}
