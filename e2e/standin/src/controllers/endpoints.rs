//! The endpoints controller: for every Service with a selector, an Endpoints object of the
//! same name listing the matching pods — ready ones under `addresses`, the others under
//! `notReadyAddresses` (all under `addresses` with `publishNotReadyAddresses`) — with the
//! service's ports resolved against the pods' named container ports.

use serde_json::{Value, json};

use super::{Client, pod_ready};
use crate::api::meta::str_at;
use crate::api::selectors::LabelSelector;
use crate::api::server::ResourceRef;

pub struct EndpointsController {
    c: Client,
}

/// The port a service port targets on `pod` (its targetPort, a number or a container port name).
fn target_port(sp: &Value, pod: &Value) -> Option<i64> {
    match sp.get("targetPort").or(sp.get("port"))? {
        Value::Number(n) => n.as_i64(),
        Value::String(name) => pod
            .pointer("/spec/containers")
            .and_then(Value::as_array)?
            .iter()
            .flat_map(|c| {
                c.get("ports")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name.as_str()))
            .and_then(|p| p.get("containerPort").and_then(Value::as_i64)),
        _ => None,
    }
}

/// The Endpoints subsets for `svc` over `pods` (already matched by its selector).
pub fn subsets(svc: &Value, pods: &[Value]) -> Vec<Value> {
    let publish_all = svc.pointer("/spec/publishNotReadyAddresses") == Some(&json!(true));
    let svc_name = str_at(svc, "/metadata/name").unwrap_or("");
    let ports: Vec<Value> = svc
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // One subset per distinct port mapping, as the controller groups them.
    let mut groups: Vec<(Vec<Value>, Vec<Value>, Vec<Value>)> = Vec::new();
    for pod in pods {
        let Some(ip) = str_at(pod, "/status/podIP") else {
            continue;
        };
        if pod.pointer("/metadata/deletionTimestamp").is_some() && !publish_all {
            continue;
        }
        let mut addr = json!({"ip": ip, "nodeName": pod.pointer("/spec/nodeName"),
            "targetRef": {"kind": "Pod", "namespace": pod.pointer("/metadata/namespace"),
                          "name": pod.pointer("/metadata/name"), "uid": pod.pointer("/metadata/uid")}});
        if let Some(h) = str_at(pod, "/spec/hostname")
            && str_at(pod, "/spec/subdomain") == Some(svc_name)
        {
            addr["hostname"] = json!(h);
        }
        let resolved: Vec<Value> = ports
            .iter()
            .filter_map(|sp| {
                let mut p = json!({"port": target_port(sp, pod)?,
                    "protocol": sp.get("protocol").cloned().unwrap_or(json!("TCP"))});
                if let Some(n) = sp.get("name") {
                    p["name"] = n.clone();
                }
                Some(p)
            })
            .collect();
        let ready = publish_all || pod_ready(pod);
        let i = match groups.iter().position(|g| g.0 == resolved) {
            Some(i) => i,
            None => {
                groups.push((resolved, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if ready {
            groups[i].1.push(addr);
        } else {
            groups[i].2.push(addr);
        }
    }
    groups
        .into_iter()
        .map(|(ports, ready, not_ready)| {
            let mut s = json!({"ports": ports});
            if !ready.is_empty() {
                s["addresses"] = json!(ready);
            }
            if !not_ready.is_empty() {
                s["notReadyAddresses"] = json!(not_ready);
            }
            s
        })
        .collect()
}

impl EndpointsController {
    pub fn new(c: Client) -> EndpointsController {
        EndpointsController { c }
    }

    pub fn round(&mut self) {
        let eps_r = ResourceRef::core("endpoints");
        let pods = self.c.list(&ResourceRef::core("pods"), None);
        for svc in self.c.list(&ResourceRef::core("services"), None) {
            let Some(sel) = svc.pointer("/spec/selector").and_then(Value::as_object) else {
                continue;
            };
            let selector =
                LabelSelector::from_object(&json!({"matchLabels": sel})).unwrap_or_default();
            let ns = str_at(&svc, "/metadata/namespace").unwrap_or("default");
            let name = str_at(&svc, "/metadata/name").unwrap_or("");
            let matched: Vec<Value> = pods
                .iter()
                .filter(|p| {
                    str_at(p, "/metadata/namespace") == Some(ns) && selector.matches_object(p)
                })
                .cloned()
                .collect();
            let want = subsets(&svc, &matched);
            let mut labels = svc
                .pointer("/metadata/labels")
                .cloned()
                .unwrap_or(json!({}));
            if svc.pointer("/spec/clusterIP") == Some(&json!("None")) {
                labels["service.kubernetes.io/headless"] = json!("");
            }
            match self.c.get(&eps_r, Some(ns), name) {
                Some(cur) if cur.get("subsets").cloned().unwrap_or(json!([])) == json!(want) => {}
                Some(cur) => {
                    let mut o = cur.clone();
                    o["subsets"] = json!(want);
                    o["metadata"]["labels"] = labels;
                    let _ = self.c.api.update(
                        &eps_r,
                        Some(ns),
                        name,
                        o,
                        None,
                        &crate::api::server::WriteOptions::manager(self.c.manager),
                    );
                }
                None => {
                    let _ = self.c.create(
                        &eps_r,
                        Some(ns),
                        json!({"apiVersion": "v1", "kind": "Endpoints",
                        "metadata": {"name": name, "labels": labels}, "subsets": want}),
                    );
                }
            }
        }
    }
}
