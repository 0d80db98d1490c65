//! Dynamic provisioning and binding: every pending PersistentVolumeClaim gets a
//! PersistentVolume backed by a directory under the data dir (`volumes/<pv name>`), bound
//! both ways (claimRef, volumeName, phase Bound). The directory outlives pods, so a broker
//! keeps its log across pod restarts; when the claim is deleted, the volume and its data are
//! deleted too (reclaim policy Delete).

use std::path::PathBuf;

use serde_json::{Value, json};

use super::Client;
use crate::api::meta::str_at;
use crate::api::server::ResourceRef;

pub struct VolumeBinder {
    c: Client,
    data_dir: PathBuf,
}

/// The directory backing a PersistentVolume.
pub fn volume_dir(data_dir: &std::path::Path, pv: &str) -> PathBuf {
    data_dir.join("volumes").join(pv)
}

impl VolumeBinder {
    pub fn new(c: Client, data_dir: PathBuf) -> VolumeBinder {
        VolumeBinder { c, data_dir }
    }

    pub fn round(&mut self) {
        let pvcs_r = ResourceRef::core("persistentvolumeclaims");
        let pvs_r = ResourceRef::core("persistentvolumes");
        let pvcs = self.c.list(&pvcs_r, None);
        for pvc in pvcs.iter().filter(|p| {
            p.pointer("/status/phase").and_then(Value::as_str) != Some("Bound")
                && p.pointer("/metadata/deletionTimestamp").is_none()
        }) {
            let uid = str_at(pvc, "/metadata/uid").unwrap_or("");
            let ns = str_at(pvc, "/metadata/namespace").unwrap_or("default");
            let name = str_at(pvc, "/metadata/name").unwrap_or("");
            let pv_name = format!("pvc-{uid}");
            let dir = volume_dir(&self.data_dir, &pv_name);
            if let Err(e) = std::fs::create_dir_all(&dir) {
                self.c.event(
                    pvc,
                    "Warning",
                    "ProvisioningFailed",
                    &format!("creating {}: {e}", dir.display()),
                );
                continue;
            }
            let size = pvc
                .pointer("/spec/resources/requests/storage")
                .cloned()
                .unwrap_or(json!("1Gi"));
            let modes = pvc
                .pointer("/spec/accessModes")
                .cloned()
                .unwrap_or(json!(["ReadWriteOnce"]));
            let class = pvc
                .pointer("/spec/storageClassName")
                .cloned()
                .unwrap_or(json!("standard"));
            let pv = json!({"apiVersion": "v1", "kind": "PersistentVolume",
                "metadata": {"name": pv_name, "annotations": {"pv.kubernetes.io/provisioned-by": "kube-standin"}},
                "spec": {"capacity": {"storage": size}, "accessModes": modes,
                    "persistentVolumeReclaimPolicy": "Delete", "storageClassName": class,
                    "volumeMode": "Filesystem",
                    "hostPath": {"path": dir.display().to_string(), "type": "DirectoryOrCreate"},
                    "claimRef": {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "namespace": ns,
                                 "name": name, "uid": uid}}});
            if self.c.get(&pvs_r, None, &pv_name).is_none() {
                if self.c.create(&pvs_r, None, pv).is_err() {
                    continue;
                }
                let _ = self
                    .c
                    .merge_status(&pvs_r, None, &pv_name, &json!({"phase": "Bound"}));
            }
            let bound = self.c.merge(&pvcs_r, Some(ns), name, &json!({
                "metadata": {"annotations": {"pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes"}},
                "spec": {"volumeName": pv_name}}));
            if let Err(e) = &bound {
                tracing::warn!(%ns, %name, error = %e, "binding a claim failed");
            }
            if bound.is_ok() {
                let _ = self.c.merge_status(
                    &pvcs_r,
                    Some(ns),
                    name,
                    &json!({
                    "phase": "Bound", "accessModes": modes, "capacity": {"storage": size}}),
                );
            }
        }
        // Released volumes (their claim is gone) are deleted with their data.
        let claims: Vec<&str> = pvcs
            .iter()
            .filter_map(|p| str_at(p, "/metadata/uid"))
            .collect();
        for pv in self.c.list(&pvs_r, None) {
            let claim_uid = str_at(&pv, "/spec/claimRef/uid");
            let provisioned = str_at(
                &pv,
                "/metadata/annotations/pv.kubernetes.io~1provisioned-by",
            ) == Some("kube-standin");
            if provisioned && claim_uid.is_some_and(|u| !claims.contains(&u)) {
                let name = str_at(&pv, "/metadata/name").unwrap_or("").to_string();
                let _ = std::fs::remove_dir_all(volume_dir(&self.data_dir, &name));
                let _ = self.c.delete(&pvs_r, None, &name, None);
            }
        }
    }
}
