//! A load-balancer controller for Services of type LoadBalancer, in the spirit of k3s'
//! ServiceLB or MetalLB in layer-2 mode: each such Service gets an ingress address in the
//! stand-in's load-balancer block (`--lb-network`, loopback), derived from its ClusterIP
//! (`127.96.X.Y` → `127.98.X.Y`, so addresses never collide), written to
//! `status.loadBalancer.ingress`; the kube-proxy then serves the Service's ports there.

use serde_json::{Value, json};

use super::Client;
use crate::api::meta::str_at;
use crate::api::server::ResourceRef;

pub struct ServiceLb {
    c: Client,
    prefix: String,
}

/// The ingress address of a Service with `cluster_ip`, in the block `prefix` (two octets).
pub fn ingress_ip(prefix: &str, cluster_ip: &str) -> Option<String> {
    let octets: Vec<&str> = cluster_ip.split('.').collect();
    let [_, _, c, d] = octets.as_slice() else {
        return None;
    };
    Some(format!("{prefix}.{c}.{d}"))
}

impl ServiceLb {
    pub fn new(c: Client, prefix: String) -> ServiceLb {
        ServiceLb { c, prefix }
    }

    pub fn round(&mut self) {
        let services = ResourceRef::core("services");
        for s in self.c.list(&services, None) {
            if str_at(&s, "/spec/type") != Some("LoadBalancer")
                || s.pointer("/metadata/deletionTimestamp").is_some()
            {
                continue;
            }
            let Some(ip) = str_at(&s, "/spec/clusterIP").and_then(|c| ingress_ip(&self.prefix, c))
            else {
                continue;
            };
            let want = json!([{"ip": ip, "ipMode": "VIP"}]);
            if s.pointer("/status/loadBalancer/ingress") == Some(&want) {
                continue;
            }
            let (Some(ns), Some(name)) = (
                str_at(&s, "/metadata/namespace"),
                str_at(&s, "/metadata/name"),
            ) else {
                continue;
            };
            let status: Value = json!({"loadBalancer": {"ingress": want}});
            if self
                .c
                .merge_status(&services, Some(ns), name, &status)
                .is_ok()
            {
                self.c.event(
                    &s,
                    "Normal",
                    "IPAllocated",
                    &format!("Assigned IP [\"{ip}\"]"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingress_follows_the_cluster_ip() {
        assert_eq!(
            ingress_ip("127.98", "127.96.3.7").as_deref(),
            Some("127.98.3.7")
        );
        assert_eq!(ingress_ip("127.98", "None"), None);
    }
}
