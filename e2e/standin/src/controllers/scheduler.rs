//! Nodes and scheduling. The stand-in has `N` nodes (`standin-0`, ...), all run by the one
//! process kubelet, labelled like cloud nodes (hostname, zone `zone-<i mod 3>`, region) so
//! rack awareness can be tested. The scheduler binds each unscheduled pod to the least loaded
//! node that satisfies its nodeSelector and required node affinity, and marks pods it cannot
//! place Unschedulable.

use serde_json::{Value, json};

use super::Client;
use crate::api::meta::{self, str_at};
use crate::api::server::ResourceRef;

pub fn node_name(i: usize) -> String {
    format!("standin-{i}")
}

/// Creates the Node objects.
pub fn register_nodes(c: &Client, n: usize) {
    for i in 0..n.max(1) {
        let name = node_name(i);
        let now = meta::now();
        let node = json!({"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": {
                "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                "topology.kubernetes.io/zone": format!("zone-{}", i % 3),
                "topology.kubernetes.io/region": "standin"}},
            "spec": {},
            "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                "message": "kubelet is posting ready status", "lastHeartbeatTime": now, "lastTransitionTime": now}],
                "addresses": [{"type": "InternalIP", "address": "127.0.0.1"}, {"type": "Hostname", "address": name}],
                "capacity": {"cpu": "2", "memory": "24Gi", "pods": "110"},
                "allocatable": {"cpu": "2", "memory": "24Gi", "pods": "110"},
                "nodeInfo": {"kubeletVersion": "v1.32.0-standin", "operatingSystem": "linux", "architecture": "amd64"}}});
        let nodes = ResourceRef::core("nodes");
        if c.create(&nodes, None, node.clone()).is_ok() {
            let _ = c.merge_status(&nodes, None, &name, &node["status"]);
        }
    }
}

pub struct Scheduler {
    c: Client,
}

/// Whether `node` satisfies the pod's nodeSelector and required node affinity terms.
fn fits(pod: &Value, node: &Value) -> bool {
    let labels = node.pointer("/metadata/labels");
    let label = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    if let Some(sel) = pod.pointer("/spec/nodeSelector").and_then(Value::as_object)
        && !sel.iter().all(|(k, v)| label(k) == v.as_str())
    {
        return false;
    }
    let terms = pod
        .pointer("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
        .and_then(Value::as_array);
    let Some(terms) = terms else {
        return true;
    };
    terms.iter().any(|t| {
        t.get("matchExpressions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .all(|e| {
                let key = e.get("key").and_then(Value::as_str).unwrap_or("");
                let values = meta::strings(e.get("values"));
                let v = label(key);
                match e.get("operator").and_then(Value::as_str) {
                    Some("In") => v.is_some_and(|x| values.iter().any(|w| w == x)),
                    Some("NotIn") => v.is_none_or(|x| values.iter().all(|w| w != x)),
                    Some("Exists") => v.is_some(),
                    Some("DoesNotExist") => v.is_none(),
                    _ => false,
                }
            })
    })
}

impl Scheduler {
    pub fn new(c: Client) -> Scheduler {
        Scheduler { c }
    }

    pub fn round(&mut self) {
        let pods_r = ResourceRef::core("pods");
        let nodes = self.c.list(&ResourceRef::core("nodes"), None);
        let mut pods = self.c.list(&pods_r, None);
        let pending: Vec<usize> = (0..pods.len())
            .filter(|&i| {
                pods[i].pointer("/spec/nodeName").is_none()
                    && pods[i].pointer("/metadata/deletionTimestamp").is_none()
            })
            .collect();
        for i in pending {
            // Pods bound earlier in this round count towards their node's load.
            let pod = &pods[i];
            let load = |n: &str| {
                pods.iter()
                    .filter(|p| p.pointer("/spec/nodeName").and_then(Value::as_str) == Some(n))
                    .count()
            };
            // Spread pods of one owner over nodes (zones) first, then balance.
            let owner = pod
                .pointer("/metadata/ownerReferences/0/uid")
                .and_then(Value::as_str);
            let siblings = |n: &str| {
                pods.iter()
                    .filter(|p| {
                        p.pointer("/spec/nodeName").and_then(Value::as_str) == Some(n)
                            && owner.is_some()
                            && p.pointer("/metadata/ownerReferences/0/uid")
                                .and_then(Value::as_str)
                                == owner
                    })
                    .count()
            };
            let best = nodes
                .iter()
                .filter(|n| fits(pod, n))
                .filter_map(|n| str_at(n, "/metadata/name"))
                .min_by_key(|n| (siblings(n), load(n), n.to_string()));
            let ns = str_at(pod, "/metadata/namespace");
            let name = str_at(pod, "/metadata/name").unwrap_or("");
            match best {
                Some(node) => {
                    // As the binding subresource does: spec.nodeName and PodScheduled.
                    let bound =
                        self.c
                            .merge(&pods_r, ns, name, &json!({"spec": {"nodeName": node}}));
                    if let Err(e) = &bound {
                        tracing::warn!(pod = %name, error = %e, "binding a pod failed");
                    }
                    if bound.is_ok() {
                        let node = node.to_string();
                        let (ns, name) = (ns.map(String::from), name.to_string());
                        pods[i]["spec"]["nodeName"] = json!(node);
                        let pod = &pods[i];
                        let ns = ns.as_deref();
                        let name = name.as_str();
                        let now = meta::now();
                        let _ = self.c.merge_status(&pods_r, ns, name, &json!({"conditions": [
                            {"type": "PodScheduled", "status": "True", "lastTransitionTime": now}]}));
                        self.c.event(
                            pod,
                            "Normal",
                            "Scheduled",
                            &format!(
                                "Successfully assigned {}/{name} to {node}",
                                ns.unwrap_or("")
                            ),
                        );
                    }
                }
                None => {
                    let already = pod
                        .pointer("/status/conditions")
                        .and_then(Value::as_array)
                        .is_some_and(|cs| {
                            cs.iter()
                                .any(|c| c.get("reason") == Some(&json!("Unschedulable")))
                        });
                    if !already {
                        let msg = format!(
                            "0/{} nodes are available: {} node(s) didn't match Pod's node affinity/selector.",
                            nodes.len(),
                            nodes.len()
                        );
                        let _ = self.c.merge_status(&pods_r, ns, name, &json!({"conditions": [
                            {"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": msg,
                             "lastTransitionTime": meta::now()}]}));
                        self.c.event(pod, "Warning", "FailedScheduling", &msg);
                    }
                }
            }
        }
    }
}
