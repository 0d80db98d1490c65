//! The Deployment controller, simplified: Kubernetes keeps a ReplicaSet per pod template and
//! the ReplicaSet owns the pods; here the Deployment owns its pods directly (named
//! `<deployment>-<template hash>-<random>`, labelled `pod-template-hash`). It keeps `replicas`
//! pods of the current template, replaces pods of older templates (RollingUpdate: a new one
//! first, an old one removed once the new is Ready; Recreate: old ones first) and reports the
//! status fields `kubectl rollout status` reads.

use serde_json::{Value, json};

use super::{Client, controlled_by, owner_ref, pod_ready, template_hash};
use crate::api::meta::{self, str_at};
use crate::api::server::ResourceRef;

pub struct DeploymentController {
    c: Client,
}

impl DeploymentController {
    pub fn new(c: Client) -> DeploymentController {
        DeploymentController { c }
    }

    pub fn round(&mut self) {
        for d in self
            .c
            .list(&ResourceRef::new("apps", "v1", "deployments"), None)
        {
            if d.pointer("/metadata/deletionTimestamp").is_none() {
                self.reconcile(&d);
            }
        }
    }

    fn reconcile(&self, d: &Value) {
        let ns = str_at(d, "/metadata/namespace")
            .unwrap_or("default")
            .to_string();
        let name = str_at(d, "/metadata/name").unwrap_or("").to_string();
        let uid = str_at(d, "/metadata/uid").unwrap_or("").to_string();
        let replicas = d
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .max(0) as usize;
        let template = d.pointer("/spec/template").cloned().unwrap_or(json!({}));
        let hash = template_hash(&template);
        let recreate = d.pointer("/spec/strategy/type").and_then(Value::as_str) == Some("Recreate");
        let pods_r = ResourceRef::core("pods");
        let pods: Vec<Value> = self
            .c
            .list(&pods_r, Some(&ns))
            .into_iter()
            .filter(|p| {
                controlled_by(p, &uid) && p.pointer("/metadata/deletionTimestamp").is_none()
            })
            .collect();
        let hash_of = |p: &Value| str_at(p, "/metadata/labels/pod-template-hash").map(String::from);
        let (current, old): (Vec<&Value>, Vec<&Value>) = pods
            .iter()
            .partition(|p| hash_of(p).as_deref() == Some(hash.as_str()));
        let ready_current = current.iter().filter(|p| pod_ready(p)).count();
        let delete = |p: &Value| {
            let _ = self.c.delete(
                &pods_r,
                Some(&ns),
                str_at(p, "/metadata/name").unwrap_or(""),
                None,
            );
        };
        if recreate && !old.is_empty() {
            old.iter().for_each(|p| delete(p));
        } else {
            // Old pods go once enough new ones are Ready (maxUnavailable 0, maxSurge 1).
            let excess_old = (ready_current + old.len()).saturating_sub(replicas);
            old.iter().take(excess_old).for_each(|p| delete(p));
            if current.len() < replicas && (old.is_empty() || current.len() == ready_current) {
                self.create_pod(d, &ns, &name, &hash, &template);
            }
        }
        if recreate && old.is_empty() && current.len() < replicas {
            self.create_pod(d, &ns, &name, &hash, &template);
        }
        for p in current.iter().skip(replicas) {
            delete(p);
        }
        let ready = pods.iter().filter(|p| pod_ready(p)).count();
        let available = ready_current.min(replicas);
        let now = meta::now();
        let progressing_done =
            current.len() == replicas && old.is_empty() && ready_current == replicas;
        let status = json!({
            "observedGeneration": d.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
            "replicas": pods.len(), "updatedReplicas": current.len(), "readyReplicas": ready,
            "availableReplicas": available, "unavailableReplicas": replicas.saturating_sub(available),
            "conditions": [
                {"type": "Available", "status": if available >= replicas { "True" } else { "False" },
                 "reason": if available >= replicas { "MinimumReplicasAvailable" } else { "MinimumReplicasUnavailable" },
                 "lastUpdateTime": now, "lastTransitionTime": now},
                {"type": "Progressing", "status": "True",
                 "reason": if progressing_done { "NewReplicaSetAvailable" } else { "ReplicaSetUpdated" },
                 "lastUpdateTime": now, "lastTransitionTime": now},
            ],
        });
        let strip = |v: &Value| {
            let mut v = v.clone();
            if let Some(cs) = v.get_mut("conditions").and_then(Value::as_array_mut) {
                for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                    c.remove("lastUpdateTime");
                    c.remove("lastTransitionTime");
                }
            }
            v
        };
        if strip(d.get("status").unwrap_or(&Value::Null)) != strip(&status) {
            let _ = self
                .c
                .put_status(&ResourceRef::new("apps", "v1", "deployments"), d, status);
        }
    }

    fn create_pod(&self, d: &Value, ns: &str, name: &str, hash: &str, template: &Value) {
        let mut labels = template
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or(json!({}));
        labels["pod-template-hash"] = json!(hash);
        let mut metadata = json!({"generateName": format!("{name}-{hash}-"), "labels": labels,
                                  "ownerReferences": [owner_ref(d, true)]});
        if let Some(a) = template.pointer("/metadata/annotations") {
            metadata["annotations"] = a.clone();
        }
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata,
                         "spec": template.get("spec").cloned().unwrap_or(json!({}))});
        match self.c.create(&ResourceRef::core("pods"), Some(ns), pod) {
            Ok(p) => self.c.event(
                d,
                "Normal",
                "ScalingReplicaSet",
                &format!("Created pod {}", str_at(&p, "/metadata/name").unwrap_or("")),
            ),
            Err(e) => self.c.event(d, "Warning", "FailedCreate", &e.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiServer;

    #[test]
    fn keeps_replicas_and_rolls_a_new_template() {
        let api = ApiServer::new(1000);
        let c = Client::new(api.clone(), "test");
        let mut ctl = DeploymentController::new(Client::new(api.clone(), "kcm"));
        let dr = ResourceRef::new("apps", "v1", "deployments");
        c.create(&dr, Some("default"), json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "op"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "op"}},
                     "template": {"metadata": {"labels": {"app": "op"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}}})).unwrap();
        ctl.round();
        ctl.round();
        let pods = c.list(&ResourceRef::core("pods"), Some("default"));
        assert_eq!(pods.len(), 1);
        assert!(
            str_at(&pods[0], "/metadata/name")
                .unwrap()
                .starts_with("op-")
        );
        let first = str_at(&pods[0], "/metadata/name").unwrap().to_string();
        c.merge(&dr, Some("default"), "op", &json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "i:2"}]}}}})).unwrap();
        ctl.round();
        let names: Vec<String> = c
            .list(&ResourceRef::core("pods"), Some("default"))
            .iter()
            .map(|p| str_at(p, "/metadata/name").unwrap().to_string())
            .collect();
        assert_eq!(
            names.len(),
            2,
            "a new pod first; the old one stays until it is Ready"
        );
        assert!(names.contains(&first));
    }
}
