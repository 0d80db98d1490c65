//! `moldau-operator broker-init`: the broker pods' init container. It runs with the pod's
//! service account (in-cluster config) before the broker starts and writes the per-pod
//! properties only the cluster can tell: `broker.rack` from a label of the node the pod was
//! scheduled on, and the external listener's advertised address — the node's address and the
//! per-broker NodePort, or the per-broker LoadBalancer's address once it has one. The broker
//! reads the file as a second `--config`.
//!
//! The decisions are pure functions of the Node and Service objects; `run` only fetches them.

use std::path::PathBuf;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Node, Service};
use kube::api::Api;

use crate::crd::cluster::ExternalType;

/// `broker-init` arguments (the operator fills them in; see `cluster::desired`).
#[derive(clap::Args, Debug, Clone)]
pub struct BrokerInitArgs {
    /// Where to write the per-pod properties.
    #[arg(long)]
    pub output: PathBuf,
    /// The node label whose value becomes `broker.rack`.
    #[arg(long)]
    pub rack_topology_key: Option<String>,
    /// The advertised listeners the broker has without the external one (written as
    /// `advertised.listeners`, with the external listener appended).
    #[arg(long)]
    pub advertised_listeners: Option<String>,
    /// The external listener's name in `listeners` (e.g. EXTERNAL).
    #[arg(long, requires = "external_service")]
    pub external_listener: Option<String>,
    /// The per-broker Service that exposes the external listener.
    #[arg(long, requires = "external_type")]
    pub external_service: Option<String>,
    /// NodePort or LoadBalancer.
    #[arg(long, value_parser = parse_type)]
    pub external_type: Option<ExternalType>,
    /// A host to advertise instead of the node's or load balancer's address.
    #[arg(long)]
    pub external_host: Option<String>,
}

fn parse_type(s: &str) -> Result<ExternalType, String> {
    match s {
        "NodePort" => Ok(ExternalType::NodePort),
        "LoadBalancer" => Ok(ExternalType::LoadBalancer),
        other => Err(format!("{other:?} is neither NodePort nor LoadBalancer")),
    }
}

/// `broker.rack`: the value of `key` on the node.
pub fn node_rack(node: &Node, key: &str) -> Result<String, String> {
    node.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(key))
        .filter(|v| !v.is_empty())
        .cloned()
        .ok_or_else(|| {
            format!(
                "node {} has no label {key:?} (spec.rack.topologyKey); label the node or change the key",
                node.metadata.name.as_deref().unwrap_or("?")
            )
        })
}

/// The address clients outside the cluster reach a node on: its external DNS name or IP
/// first, then the internal ones, then its host name.
pub fn node_address(node: &Node) -> Option<String> {
    let addrs = node.status.as_ref()?.addresses.as_ref()?;
    [
        "ExternalDNS",
        "ExternalIP",
        "InternalDNS",
        "InternalIP",
        "Hostname",
    ]
    .iter()
    .find_map(|t| {
        addrs
            .iter()
            .find(|a| a.type_ == *t && !a.address.is_empty())
    })
    .map(|a| a.address.clone())
}

/// The external listener's advertised `(host, port)`: None while a load balancer has no
/// address yet; an error when the Service cannot serve the listener.
pub fn external_endpoint(
    kind: ExternalType,
    svc: &Service,
    node: Option<&Node>,
    host: Option<&str>,
) -> Result<Option<(String, i32)>, String> {
    let name = svc.metadata.name.as_deref().unwrap_or("?");
    let port = svc
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .and_then(|p| p.first())
        .ok_or_else(|| format!("service {name} has no port"))?;
    match kind {
        ExternalType::NodePort => {
            let node_port = port
                .node_port
                .ok_or_else(|| format!("service {name} has no nodePort allocated"))?;
            let host = match host {
                Some(h) => h.to_string(),
                None => node
                    .and_then(node_address)
                    .ok_or_else(|| "the pod's node has no address".to_string())?,
            };
            Ok(Some((host, node_port)))
        }
        ExternalType::LoadBalancer => {
            let ingress = svc
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref())
                .and_then(|i| i.first());
            let lb = ingress.and_then(|i| i.hostname.clone().or_else(|| i.ip.clone()));
            Ok(match (host, lb) {
                // The advertised name must resolve to the balancer: wait for it either way.
                (_, None) => None,
                (Some(h), Some(_)) => Some((h.to_string(), port.port)),
                (None, Some(a)) => Some((a, port.port)),
            })
        }
    }
}

/// The per-pod properties file.
pub fn properties(rack: Option<&str>, advertised: Option<&str>) -> String {
    let mut out = String::from("# Written by moldau-operator broker-init for this pod.\n");
    if let Some(r) = rack {
        out.push_str(&format!("broker.rack={r}\n"));
    }
    if let Some(a) = advertised {
        out.push_str(&format!("advertised.listeners={a}\n"));
    }
    out
}

fn env(name: &str) -> anyhow::Result<String> {
    std::env::var(name).map_err(|_| {
        anyhow::anyhow!("{name} is not set (the pod spec passes it from the downward API)")
    })
}

/// Reads the node and the external Service, then writes the properties.
pub async fn run(args: BrokerInitArgs) -> anyhow::Result<()> {
    // Always the pod's own service account: a kubeconfig in the image must not win.
    let config = kube::Config::incluster()
        .map_err(|e| anyhow::anyhow!("reading the pod's service account credentials: {e}"))?;
    let client = kube::Client::try_from(config)
        .map_err(|e| anyhow::anyhow!("connecting to the Kubernetes API: {e}"))?;
    let needs_node = args.rack_topology_key.is_some()
        || (args.external_type == Some(ExternalType::NodePort) && args.external_host.is_none());
    let node = if needs_node {
        let name = env("NODE_NAME")?;
        let node = Api::<Node>::all(client.clone())
            .get(&name)
            .await
            .map_err(|e| anyhow::anyhow!("reading node {name}: {e}"))?;
        Some(node)
    } else {
        None
    };
    let rack = match (&args.rack_topology_key, &node) {
        (Some(key), Some(n)) => Some(node_rack(n, key).map_err(anyhow::Error::msg)?),
        _ => None,
    };
    let mut advertised = args.advertised_listeners.clone();
    if let (Some(listener), Some(svc_name), Some(kind)) = (
        &args.external_listener,
        &args.external_service,
        args.external_type,
    ) {
        let services: Api<Service> = Api::namespaced(client.clone(), &env("POD_NAMESPACE")?);
        let started = std::time::Instant::now();
        let (host, port) = loop {
            let svc = services
                .get(svc_name)
                .await
                .map_err(|e| anyhow::anyhow!("reading service {svc_name}: {e}"))?;
            match external_endpoint(kind, &svc, node.as_ref(), args.external_host.as_deref())
                .map_err(anyhow::Error::msg)?
            {
                Some(e) => break e,
                None => {
                    tracing::info!(
                        service = %svc_name,
                        waited_secs = started.elapsed().as_secs(),
                        "waiting for the load balancer's address"
                    );
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        };
        let external = format!("{listener}://{host}:{port}");
        advertised = Some(match advertised {
            Some(a) if !a.is_empty() => format!("{a},{external}"),
            _ => external,
        });
    }
    let text = properties(rack.as_deref(), advertised.as_deref());
    let tmp = args.output.with_extension("tmp");
    std::fs::write(&tmp, &text)
        .and_then(|()| std::fs::rename(&tmp, &args.output))
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", args.output.display()))?;
    tracing::info!(output = %args.output.display(), rack = ?rack, advertised = ?advertised, "per-pod broker properties written");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node() -> Node {
        serde_json::from_value(json!({
            "metadata": {"name": "n1", "labels": {"topology.kubernetes.io/zone": "eu-1b"}},
            "status": {"addresses": [
                {"type": "Hostname", "address": "n1"},
                {"type": "InternalIP", "address": "10.0.0.5"},
            ]},
        }))
        .unwrap()
    }

    fn service(v: serde_json::Value) -> Service {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn rack_is_the_node_label_or_a_clear_error() {
        assert_eq!(
            node_rack(&node(), "topology.kubernetes.io/zone").unwrap(),
            "eu-1b"
        );
        let e = node_rack(&node(), "rack").unwrap_err();
        assert!(e.contains("node n1 has no label \"rack\""), "{e}");
    }

    #[test]
    fn node_address_prefers_external_then_internal() {
        assert_eq!(node_address(&node()).as_deref(), Some("10.0.0.5"));
        let mut n = node();
        n.status.as_mut().unwrap().addresses.as_mut().unwrap().push(
            serde_json::from_value(json!({"type": "ExternalIP", "address": "203.0.113.7"}))
                .unwrap(),
        );
        assert_eq!(node_address(&n).as_deref(), Some("203.0.113.7"));
        assert_eq!(node_address(&Node::default()), None);
    }

    #[test]
    fn node_port_endpoint_is_node_address_and_node_port() {
        let svc = service(json!({"metadata": {"name": "b-0-external"},
            "spec": {"type": "NodePort", "ports": [{"port": 9094, "nodePort": 31094}]}}));
        assert_eq!(
            external_endpoint(ExternalType::NodePort, &svc, Some(&node()), None).unwrap(),
            Some(("10.0.0.5".into(), 31094))
        );
        assert_eq!(
            external_endpoint(
                ExternalType::NodePort,
                &svc,
                None,
                Some("kafka-0.example.com")
            )
            .unwrap(),
            Some(("kafka-0.example.com".into(), 31094))
        );
        let unallocated = service(json!({"metadata": {"name": "b-0-external"},
            "spec": {"ports": [{"port": 9094}]}}));
        assert!(
            external_endpoint(ExternalType::NodePort, &unallocated, Some(&node()), None)
                .unwrap_err()
                .contains("no nodePort")
        );
    }

    #[test]
    fn load_balancer_endpoint_waits_for_an_address() {
        let pending = service(json!({"metadata": {"name": "b-1-external"},
            "spec": {"type": "LoadBalancer", "ports": [{"port": 9094, "nodePort": 30001}]},
            "status": {"loadBalancer": {}}}));
        assert_eq!(
            external_endpoint(ExternalType::LoadBalancer, &pending, None, None).unwrap(),
            None
        );
        let mut ready = pending.clone();
        ready.status = serde_json::from_value(
            json!({"loadBalancer": {"ingress": [{"hostname": "lb-1.elb.example.com"}]}}),
        )
        .unwrap();
        assert_eq!(
            external_endpoint(ExternalType::LoadBalancer, &ready, None, None).unwrap(),
            Some(("lb-1.elb.example.com".into(), 9094))
        );
        assert_eq!(
            external_endpoint(
                ExternalType::LoadBalancer,
                &ready,
                None,
                Some("k1.example.com")
            )
            .unwrap(),
            Some(("k1.example.com".into(), 9094))
        );
    }

    #[test]
    fn properties_file_has_rack_and_listeners() {
        let p = properties(
            Some("zone-1"),
            Some("PLAINTEXT://b-1.h.ns.svc.cluster.local:9092,EXTERNAL://10.0.0.5:31094"),
        );
        assert!(p.contains("\nbroker.rack=zone-1\n"), "{p}");
        assert!(p.contains(
            "\nadvertised.listeners=PLAINTEXT://b-1.h.ns.svc.cluster.local:9092,EXTERNAL://10.0.0.5:31094\n"
        ));
        assert!(!properties(None, None).contains('='));
    }
}
