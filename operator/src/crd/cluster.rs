//! `KafkaCluster` (kafka.moldau.dev/v1alpha1): a moldau cluster — its brokers, their storage,
//! configuration, listeners and pod placement — and its observed state.
//!
//! Every optional field is an `Option` without a schema default: defaults live in the operator,
//! so the API server never rewrites what a GitOps tool applied (no permanent diffs).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Affinity, PodSecurityContext, ResourceRequirements, Toleration};
use kube::{CustomResource, KubeSchema};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Condition;

/// The desired state of a moldau cluster.
#[derive(CustomResource, KubeSchema, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[kube(
    group = "kafka.moldau.dev",
    version = "v1alpha1",
    kind = "KafkaCluster",
    namespaced,
    status = "KafkaClusterStatus",
    shortname = "kc",
    category = "kafka",
    printcolumn = r#"{"name":"Brokers","type":"integer","jsonPath":".spec.replicas","description":"Desired brokers"}"#,
    printcolumn = r#"{"name":"Ready","type":"integer","jsonPath":".status.readyBrokers","description":"Brokers ready"}"#,
    printcolumn = r#"{"name":"Status","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].reason"}"#,
    printcolumn = r#"{"name":"Bootstrap","type":"string","jsonPath":".status.bootstrapServers","priority":1}"#,
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct KafkaClusterSpec {
    /// Number of brokers. The first one (fewer than three brokers) or the first three are also
    /// the voters of the metadata quorum; changing the voters after creation is refused.
    #[x_kube(validation = kube::core::Rule::new("self >= 1").message("replicas must be at least 1"))]
    pub replicas: i32,
    /// The broker image (default: the operator's matching moldau-broker image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// CPU and memory requests and limits of each broker container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    /// Each broker's persistent volume.
    pub storage: StorageSpec,
    /// Broker properties (Kafka's names, e.g. `log.retention.hours`). Cluster-wide dynamic
    /// keys (the defaults of topic configs Kafka lets change at runtime, such as
    /// `log.retention.ms`, `log.segment.bytes`, `min.insync.replicas`) are applied at once,
    /// without a restart; a change to any other key is applied by a rolling restart, one broker
    /// at a time. Per-topic settings belong in KafkaTopic configs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<BTreeMap<String, String>>,
    /// Client listeners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listeners: Option<ListenersSpec>,
    /// Rack awareness: `broker.rack` is set from this label of the broker's node (read by the
    /// pod's init container when it starts; the brokers then spread replicas across racks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rack: Option<RackSpec>,
    /// Overrides of the broker pods' template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_template: Option<PodTemplateOverrides>,
    /// The brokers' PodDisruptionBudget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_disruption_budget: Option<PodDisruptionBudgetSpec>,
    /// How restarts proceed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<RolloutSpec>,
    /// Stop reconciling (nothing is changed while true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageSpec {
    /// Size of each broker's volume (a Kubernetes quantity, e.g. `10Gi`).
    pub size: String,
    /// StorageClass of the volumes (default: the cluster's default class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    /// Delete the volumes when the KafkaCluster is deleted (default: false, data is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_claim: Option<bool>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListenersSpec {
    /// Port of the listener inside the cluster (default 9092).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_port: Option<i32>,
    /// A listener reachable from outside the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<ExternalListener>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalListener {
    /// `NodePort` or `LoadBalancer`: one Service per broker of this type
    /// (`<cluster>-broker-<id>-external`); each broker advertises its own Service's address.
    #[serde(rename = "type")]
    pub kind: ExternalType,
    /// Port of the external listener on the brokers (default 9094).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The host advertised to external clients, `{id}` replaced by the broker id (e.g.
    /// `kafka-{id}.example.com`, names you point at the nodes or the balancers); without it,
    /// the address of the broker's node (NodePort: ExternalDNS, ExternalIP, InternalDNS,
    /// InternalIP, then Hostname) or of its load balancer (LoadBalancer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertised_host_template: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, JsonSchema)]
pub enum ExternalType {
    NodePort,
    LoadBalancer,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RackSpec {
    /// Node label whose value is the broker's rack, e.g. `topology.kubernetes.io/zone`.
    pub topology_key: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateOverrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerations: Option<Vec<Toleration>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<BTreeMap<String, String>>,
    /// Extra annotations of the broker pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    /// Extra labels of the broker pods (the operator's own labels win).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_class_name: Option<String>,
    /// Pod security context (default: non-root user 65532, fsGroup 65532).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<PodSecurityContext>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PodDisruptionBudgetSpec {
    /// Create the PodDisruptionBudget (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Brokers that may be unavailable at once (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<i32>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RolloutSpec {
    /// How long one broker may take to be Ready and back in every ISR after its restart
    /// before the roll stops and reports it (default 600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_timeout_seconds: Option<i64>,
}

/// The observed state of a moldau cluster.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KafkaClusterStatus {
    /// The generation this status describes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Ready, Reconciling, Stalled (kstatus), and Degraded, RollingRestart, ScaleDownBlocked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Brokers Ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_brokers: Option<i32>,
    /// One entry per broker.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brokers: Vec<BrokerStatus>,
    /// `host:port,...` for clients inside the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap_servers: Option<String>,
    /// The cluster id the brokers report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// A rolling restart or scaling in progress, and what it waits for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<RolloutStatus>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BrokerStatus {
    pub id: i32,
    pub pod: String,
    pub ready: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rack: Option<String>,
    /// Partitions this broker leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaders: Option<i32>,
    /// Partition replicas on this broker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<i32>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RolloutStatus {
    /// `RollingRestart`, `ScaleUp` or `ScaleDown`.
    pub kind: String,
    /// The revision of the broker configuration being rolled out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_revision: Option<String>,
    /// Pods already on the target revision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<String>,
    /// The pod being restarted now, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// What the next step waits for, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_for: Option<String>,
    /// When the current step started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_started: Option<String>,
}
