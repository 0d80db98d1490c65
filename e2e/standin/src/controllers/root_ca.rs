//! The root CA publisher (kube-controller-manager's `root-ca-cert-publisher`): every namespace
//! has a `kube-root-ca.crt` ConfigMap holding the cluster CA, which service-account volumes
//! project into pods as `ca.crt`. A changed or deleted copy is put back.

use serde_json::json;

use super::Client;
use crate::api::meta::str_at;
use crate::api::server::ResourceRef;

pub const NAME: &str = "kube-root-ca.crt";

pub struct RootCaPublisher {
    c: Client,
    ca_pem: String,
}

impl RootCaPublisher {
    pub fn new(c: Client, ca_pem: String) -> RootCaPublisher {
        RootCaPublisher { c, ca_pem }
    }

    pub fn round(&mut self) {
        let cms = ResourceRef::core("configmaps");
        let namespaces: Vec<String> = self
            .c
            .list(&ResourceRef::core("namespaces"), None)
            .iter()
            .filter(|n| n.pointer("/metadata/deletionTimestamp").is_none())
            .filter_map(|n| str_at(n, "/metadata/name").map(String::from))
            .collect();
        for ns in namespaces {
            let data = json!({"ca.crt": self.ca_pem});
            match self.c.get(&cms, Some(&ns), NAME) {
                None => {
                    let _ = self.c.create(
                        &cms,
                        Some(&ns),
                        json!({"apiVersion": "v1", "kind": "ConfigMap",
                               "metadata": {"name": NAME, "namespace": ns,
                                   "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                               "data": data}),
                    );
                }
                Some(cm) if cm.get("data") != Some(&data) => {
                    let _ = self.c.merge(&cms, Some(&ns), NAME, &json!({"data": data}));
                }
                Some(_) => {}
            }
        }
    }
}
