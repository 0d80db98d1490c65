//! The StatefulSet controller, as Kubernetes' behaves: pods `NAME-<ordinal>` with stable
//! hostnames under `spec.serviceName`, one PersistentVolumeClaim per volumeClaimTemplate and
//! ordinal (`<template>-NAME-<ordinal>`) that outlives its pod (unless the retention policy
//! says Delete), ControllerRevisions for the pod template, OrderedReady (one pod at a time,
//! each waiting for its predecessors to be Running and Ready; scale-down from the highest
//! ordinal) or Parallel pod management, RollingUpdate (highest ordinal first, one at a time,
//! down to the partition) or OnDelete updates, and the status fields (replicas, readyReplicas,
//! availableReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision,
//! observedGeneration).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Client, controlled_by, owner_ref, pod_ready};
use crate::api::meta::{parse_time, str_at};
use crate::api::server::ResourceRef;

pub struct StatefulSetController {
    c: Client,
}

const REVISION_LABEL: &str = "controller-revision-hash";

/// A revision name like Kubernetes': `<set>-<hash in a vowel-free alphabet>`.
fn revision_name(set: &str, template: &Value) -> String {
    format!("{set}-{}", super::template_hash(template))
}

fn running_and_ready(pod: &Value) -> bool {
    pod.pointer("/status/phase").and_then(Value::as_str) == Some("Running") && pod_ready(pod)
}

fn terminating(pod: &Value) -> bool {
    pod.pointer("/metadata/deletionTimestamp").is_some()
}

fn available(pod: &Value, min_ready_secs: i64) -> bool {
    if !running_and_ready(pod) {
        return false;
    }
    if min_ready_secs <= 0 {
        return true;
    }
    let since = pod
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c.get("type") == Some(&json!("Ready"))))
        .and_then(|c| c.get("lastTransitionTime"))
        .and_then(Value::as_str)
        .and_then(parse_time);
    since.is_some_and(|t| (chrono::Utc::now() - t).num_seconds() >= min_ready_secs)
}

impl StatefulSetController {
    pub fn new(c: Client) -> StatefulSetController {
        StatefulSetController { c }
    }

    pub fn round(&mut self) {
        for sts in self
            .c
            .list(&ResourceRef::new("apps", "v1", "statefulsets"), None)
        {
            if !terminating(&sts) {
                self.reconcile(&sts);
            }
        }
    }

    fn revision(&self, sts: &Value, ns: &str, name: &str, uid: &str) -> String {
        let template = sts.pointer("/spec/template").cloned().unwrap_or(json!({}));
        let rev = revision_name(name, &template);
        let revs_r = ResourceRef::new("apps", "v1", "controllerrevisions");
        if self.c.get(&revs_r, Some(ns), &rev).is_none() {
            let next = self
                .c
                .list(&revs_r, Some(ns))
                .iter()
                .filter(|r| controlled_by(r, uid))
                .filter_map(|r| r.get("revision").and_then(Value::as_i64))
                .max()
                .unwrap_or(0)
                + 1;
            let mut labels = sts
                .pointer("/spec/selector/matchLabels")
                .cloned()
                .unwrap_or(json!({}));
            labels[REVISION_LABEL] = json!(rev.trim_start_matches(&format!("{name}-")));
            let _ = self.c.create(&revs_r, Some(ns), json!({"apiVersion": "apps/v1", "kind": "ControllerRevision",
                "metadata": {"name": rev, "labels": labels, "ownerReferences": [owner_ref(sts, true)]},
                "data": {"spec": {"template": template}}, "revision": next}));
        }
        rev
    }

    /// The pod template of a revision (the current one may be older than the spec).
    fn template_of(&self, sts: &Value, ns: &str, rev: &str, update_rev: &str) -> Value {
        if rev == update_rev {
            return sts.pointer("/spec/template").cloned().unwrap_or(json!({}));
        }
        self.c
            .get(
                &ResourceRef::new("apps", "v1", "controllerrevisions"),
                Some(ns),
                rev,
            )
            .and_then(|r| r.pointer("/data/spec/template").cloned())
            .unwrap_or_else(|| sts.pointer("/spec/template").cloned().unwrap_or(json!({})))
    }

    fn claim_name(template: &Value, set: &str, ord: i64) -> String {
        format!(
            "{}-{set}-{ord}",
            str_at(template, "/metadata/name").unwrap_or("data")
        )
    }

    fn create_pod(&self, sts: &Value, ns: &str, name: &str, ord: i64, rev: &str, template: &Value) {
        let pod_name = format!("{name}-{ord}");
        let pvcs_r = ResourceRef::core("persistentvolumeclaims");
        let policy = sts
            .pointer("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted")
            .and_then(Value::as_str);
        let mut claim_volumes = Vec::new();
        for t in sts
            .pointer("/spec/volumeClaimTemplates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let claim = Self::claim_name(t, name, ord);
            let vol_name = str_at(t, "/metadata/name").unwrap_or("data").to_string();
            claim_volumes
                .push(json!({"name": vol_name, "persistentVolumeClaim": {"claimName": claim}}));
            if self.c.get(&pvcs_r, Some(ns), &claim).is_some() {
                continue;
            }
            let mut labels = t.pointer("/metadata/labels").cloned().unwrap_or(json!({}));
            if let Some(sel) = sts
                .pointer("/spec/selector/matchLabels")
                .and_then(Value::as_object)
            {
                for (k, v) in sel {
                    labels[k] = v.clone();
                }
            }
            let mut meta = json!({"name": claim, "labels": labels});
            if let Some(a) = t.pointer("/metadata/annotations") {
                meta["annotations"] = a.clone();
            }
            if policy == Some("Delete") {
                meta["ownerReferences"] = json!([owner_ref(sts, true)]);
            }
            let pvc = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
                             "spec": t.get("spec").cloned().unwrap_or(json!({}))});
            match self.c.create(&pvcs_r, Some(ns), pvc) {
                Ok(_) => self.c.event(
                    sts,
                    "Normal",
                    "SuccessfulCreate",
                    &format!("create Claim {claim} Pod {pod_name} in StatefulSet {name} success"),
                ),
                Err(e) => {
                    self.c.event(sts, "Warning", "FailedCreate", &format!("create Claim {claim} for Pod {pod_name} in StatefulSet {name} failed error: {}", e.message));
                    return;
                }
            }
        }
        let mut labels = template
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or(json!({}));
        labels[REVISION_LABEL] = json!(rev);
        labels["statefulset.kubernetes.io/pod-name"] = json!(pod_name);
        labels["apps.kubernetes.io/pod-index"] = json!(ord.to_string());
        let mut meta =
            json!({"name": pod_name, "labels": labels, "ownerReferences": [owner_ref(sts, true)]});
        if let Some(a) = template.pointer("/metadata/annotations") {
            meta["annotations"] = a.clone();
        }
        let mut spec = template.get("spec").cloned().unwrap_or(json!({}));
        spec["hostname"] = json!(pod_name);
        if let Some(svc) = sts
            .pointer("/spec/serviceName")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            spec["subdomain"] = json!(svc);
        }
        let mut volumes: Vec<Value> = spec
            .get("volumes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for cv in claim_volumes {
            volumes.retain(|v| v.get("name") != cv.get("name"));
            volumes.push(cv);
        }
        if !volumes.is_empty() {
            spec["volumes"] = json!(volumes);
        }
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec});
        match self.c.create(&ResourceRef::core("pods"), Some(ns), pod) {
            Ok(_) => self.c.event(
                sts,
                "Normal",
                "SuccessfulCreate",
                &format!("create Pod {pod_name} in StatefulSet {name} successful"),
            ),
            Err(e) if e.code == 409 => {}
            Err(e) => self.c.event(
                sts,
                "Warning",
                "FailedCreate",
                &format!(
                    "create Pod {pod_name} in StatefulSet {name} failed error: {}",
                    e.message
                ),
            ),
        }
    }

    fn delete_pod(&self, sts: &Value, ns: &str, pod: &Value) {
        let pod_name = str_at(pod, "/metadata/name").unwrap_or("");
        let set = str_at(sts, "/metadata/name").unwrap_or("");
        if self
            .c
            .delete(&ResourceRef::core("pods"), Some(ns), pod_name, None)
            .is_ok()
        {
            self.c.event(
                sts,
                "Normal",
                "SuccessfulDelete",
                &format!("delete Pod {pod_name} in StatefulSet {set} successful"),
            );
        }
    }

    fn reconcile(&self, sts: &Value) {
        let ns = str_at(sts, "/metadata/namespace")
            .unwrap_or("default")
            .to_string();
        let name = str_at(sts, "/metadata/name").unwrap_or("").to_string();
        let uid = str_at(sts, "/metadata/uid").unwrap_or("").to_string();
        let spec = sts.get("spec").cloned().unwrap_or(json!({}));
        let replicas = spec
            .get("replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .max(0);
        let start = spec
            .pointer("/ordinals/start")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .max(0);
        let ordered = spec.get("podManagementPolicy").and_then(Value::as_str) != Some("Parallel");
        let rolling =
            spec.pointer("/updateStrategy/type").and_then(Value::as_str) != Some("OnDelete");
        let partition = spec
            .pointer("/updateStrategy/rollingUpdate/partition")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let min_ready = spec
            .get("minReadySeconds")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let update_rev = self.revision(sts, &ns, &name, &uid);
        let revs_r = ResourceRef::new("apps", "v1", "controllerrevisions");
        let current_rev = str_at(sts, "/status/currentRevision")
            .filter(|r| self.c.get(&revs_r, Some(&ns), r).is_some())
            .unwrap_or(&update_rev)
            .to_string();
        let pods_r = ResourceRef::core("pods");
        let prefix = format!("{name}-");
        let mut pods: BTreeMap<i64, Value> = BTreeMap::new();
        for p in self.c.list(&pods_r, Some(&ns)) {
            if !controlled_by(&p, &uid) {
                continue;
            }
            if let Some(ord) = str_at(&p, "/metadata/name")
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|o| o.parse().ok())
            {
                pods.insert(ord, p);
            }
        }
        let range = start..start + replicas;
        let rev_of =
            |p: &Value| str_at(p, &format!("/metadata/labels/{REVISION_LABEL}")).map(String::from);
        // Failed pods are replaced.
        for (_, p) in pods
            .iter()
            .filter(|(o, p)| range.contains(o) && !terminating(p))
        {
            if matches!(
                p.pointer("/status/phase").and_then(Value::as_str),
                Some("Failed" | "Succeeded")
            ) {
                self.delete_pod(sts, &ns, p);
            }
        }
        // Create missing pods in ordinal order.
        let mut blocked = false;
        for ord in range.clone() {
            match pods.get(&ord) {
                None => {
                    let rev = if rolling && ord < start + partition {
                        current_rev.clone()
                    } else {
                        update_rev.clone()
                    };
                    let template = self.template_of(sts, &ns, &rev, &update_rev);
                    self.create_pod(sts, &ns, &name, ord, &rev, &template);
                    if ordered {
                        blocked = true;
                        break;
                    }
                }
                Some(p) if ordered && !running_and_ready(p) => {
                    blocked = true;
                    break;
                }
                Some(_) => {}
            }
        }
        // Scale down: ordinals out of range, highest first.
        let condemned: Vec<(i64, Value)> = pods
            .iter()
            .rev()
            .filter(|(o, _)| !range.contains(o))
            .map(|(o, p)| (*o, p.clone()))
            .collect();
        let scale_down_policy = spec
            .pointer("/persistentVolumeClaimRetentionPolicy/whenScaled")
            .and_then(Value::as_str);
        if !condemned.is_empty() {
            let any_terminating = pods.values().any(terminating);
            let healthy = range
                .clone()
                .all(|o| pods.get(&o).is_some_and(running_and_ready));
            for (ord, p) in &condemned {
                if terminating(p) {
                    continue;
                }
                if ordered && (any_terminating || !healthy) {
                    break;
                }
                self.delete_pod(sts, &ns, p);
                if scale_down_policy == Some("Delete") {
                    for t in spec
                        .get("volumeClaimTemplates")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        let _ = self.c.delete(
                            &ResourceRef::core("persistentvolumeclaims"),
                            Some(&ns),
                            &Self::claim_name(t, &name, *ord),
                            None,
                        );
                    }
                }
                if ordered {
                    break;
                }
            }
        }
        // Rolling update: highest ordinal first, one at a time, when everything is healthy.
        if rolling && !blocked && condemned.is_empty() {
            let all_healthy = range
                .clone()
                .all(|o| pods.get(&o).is_some_and(running_and_ready));
            if all_healthy {
                let stale = range
                    .clone()
                    .rev()
                    .filter(|o| *o >= start + partition)
                    .find(|o| pods.get(o).and_then(rev_of).as_deref() != Some(update_rev.as_str()));
                if let Some(o) = stale {
                    self.delete_pod(sts, &ns, &pods[&o]);
                }
            }
        }
        // Status.
        let live: Vec<&Value> = pods.values().collect();
        let count = |f: &dyn Fn(&Value) -> bool| live.iter().filter(|p| f(p)).count() as i64;
        let ready = count(&|p| running_and_ready(p));
        let avail = count(&|p| available(p, min_ready));
        let updated = count(&|p| rev_of(p).as_deref() == Some(update_rev.as_str()));
        let mut current = count(&|p| rev_of(p).as_deref() == Some(current_rev.as_str()));
        let mut cur_rev = current_rev.clone();
        if updated == replicas && ready == replicas && live.len() as i64 == replicas {
            cur_rev = update_rev.clone();
            current = updated;
        }
        let status = json!({
            "observedGeneration": sts.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
            "replicas": live.len(), "readyReplicas": ready, "availableReplicas": avail,
            "currentReplicas": current, "updatedReplicas": updated,
            "currentRevision": cur_rev, "updateRevision": update_rev, "collisionCount": 0,
        });
        let mut want = sts.get("status").cloned().unwrap_or(json!({}));
        let before = want.clone();
        if let (Some(w), Some(s)) = (want.as_object_mut(), status.as_object()) {
            for (k, v) in s {
                w.insert(k.clone(), v.clone());
            }
        }
        if want != before {
            let _ = self
                .c
                .put_status(&ResourceRef::new("apps", "v1", "statefulsets"), sts, want);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiServer;

    fn sts(policy: &str, replicas: i64) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"},
            "spec": {"replicas": replicas, "serviceName": "web", "podManagementPolicy": policy,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"containers": [{"name": "c", "image": "img:1"}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "data"},
                    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}})
    }

    fn make_ready(c: &Client, name: &str) {
        let now = crate::api::meta::now();
        c.merge_status(
            &ResourceRef::core("pods"),
            Some("default"),
            name,
            &json!({"phase": "Running",
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": now}]}),
        )
        .unwrap();
    }

    fn pod_names(c: &Client) -> Vec<String> {
        c.list(&ResourceRef::core("pods"), Some("default"))
            .iter()
            .filter(|p| !terminating(p))
            .map(|p| str_at(p, "/metadata/name").unwrap().to_string())
            .collect()
    }

    #[test]
    fn ordered_ready_creates_one_at_a_time_with_claims() {
        let api = ApiServer::new(1000);
        let c = Client::new(api.clone(), "test");
        let mut ctl = StatefulSetController::new(Client::new(api.clone(), "kcm"));
        c.create(
            &ResourceRef::new("apps", "v1", "statefulsets"),
            Some("default"),
            sts("OrderedReady", 3),
        )
        .unwrap();
        ctl.round();
        ctl.round();
        assert_eq!(
            pod_names(&c),
            vec!["web-0"],
            "web-1 waits for web-0 to be ready"
        );
        let p0 = c
            .get(&ResourceRef::core("pods"), Some("default"), "web-0")
            .unwrap();
        assert_eq!(p0["spec"]["hostname"], "web-0");
        assert_eq!(p0["spec"]["subdomain"], "web");
        assert_eq!(
            p0["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"],
            "data-web-0"
        );
        assert!(
            c.get(
                &ResourceRef::core("persistentvolumeclaims"),
                Some("default"),
                "data-web-0"
            )
            .is_some()
        );
        make_ready(&c, "web-0");
        ctl.round();
        assert_eq!(pod_names(&c), vec!["web-0", "web-1"]);
        make_ready(&c, "web-1");
        ctl.round();
        make_ready(&c, "web-2");
        ctl.round();
        let s = c
            .get(
                &ResourceRef::new("apps", "v1", "statefulsets"),
                Some("default"),
                "web",
            )
            .unwrap();
        assert_eq!(s["status"]["readyReplicas"], 3);
        assert_eq!(
            s["status"]["currentRevision"],
            s["status"]["updateRevision"]
        );
        // Scale down removes the highest ordinal; its claim stays (Retain).
        c.merge(
            &ResourceRef::new("apps", "v1", "statefulsets"),
            Some("default"),
            "web",
            &json!({"spec": {"replicas": 2}}),
        )
        .unwrap();
        ctl.round();
        assert_eq!(pod_names(&c), vec!["web-0", "web-1"]);
        assert!(
            c.get(
                &ResourceRef::core("persistentvolumeclaims"),
                Some("default"),
                "data-web-2"
            )
            .is_some()
        );
    }

    #[test]
    fn parallel_creates_all_and_rolling_update_goes_from_the_top() {
        let api = ApiServer::new(1000);
        let c = Client::new(api.clone(), "test");
        let mut ctl = StatefulSetController::new(Client::new(api.clone(), "kcm"));
        let sr = ResourceRef::new("apps", "v1", "statefulsets");
        c.create(&sr, Some("default"), sts("Parallel", 3)).unwrap();
        ctl.round();
        assert_eq!(pod_names(&c).len(), 3);
        for n in ["web-0", "web-1", "web-2"] {
            make_ready(&c, n);
        }
        ctl.round();
        c.merge(&sr, Some("default"), "web", &json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "img:2"}]}}}})).unwrap();
        ctl.round();
        assert_eq!(
            pod_names(&c),
            vec!["web-0", "web-1"],
            "web-2 is replaced first"
        );
    }
}
