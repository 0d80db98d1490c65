//! The objects a KafkaCluster should have, as a pure function of its spec: the broker
//! ServiceAccount (and, when the pods must read their Node or Service, its Role, RoleBinding and
//! ClusterRoleBinding), the ConfigMap with `server.properties`, the headless Service (stable pod
//! DNS for advertised listeners and the quorum), the bootstrap Service, one external Service
//! per broker when an external listener is asked for, the StatefulSet and the
//! PodDisruptionBudget. Each is a server-side-apply configuration: only the fields the
//! operator owns, with owner references to the KafkaCluster.

use std::collections::BTreeMap;

use kube::ResourceExt;
use serde_json::{Value, json};

use crate::crd::KafkaCluster;
use crate::crd::cluster::ExternalType;

/// Ports of the broker container.
pub const KAFKA_PORT: i32 = 9092;
pub const CONTROLLER_PORT: i32 = 9093;
pub const METRICS_PORT: i32 = 9404;
pub const EXTERNAL_PORT: i32 = 9094;
/// The external listener's name in `listeners`.
pub const EXTERNAL_LISTENER: &str = "EXTERNAL";
/// Where the broker's volume and its config are mounted.
pub const DATA_DIR: &str = "/var/lib/moldau";
pub const CONFIG_DIR: &str = "/etc/moldau";
/// Where the init container writes the per-pod properties (rack, external address).
pub const POD_CONFIG_DIR: &str = "/var/run/moldau";
/// The label on the per-broker external Services (the reconcile prunes stale ones by it).
pub const LISTENER_LABEL: &str = "kafka.moldau.dev/listener";
/// The label naming a cluster-scoped object's KafkaCluster namespace.
pub const NAMESPACE_LABEL: &str = "kafka.moldau.dev/namespace";
/// The pod annotation carrying the hash of everything that needs a restart to take effect.
pub const CONFIG_HASH: &str = "kafka.moldau.dev/config-hash";

/// Broker properties the operator sets itself; a spec that sets them is refused.
pub const MANAGED_KEYS: &[&str] = &[
    "node.id",
    "broker.id",
    "process.roles",
    "listeners",
    "advertised.listeners",
    "listener.security.protocol.map",
    "inter.broker.listener.name",
    "controller.listener.names",
    "controller.quorum.voters",
    "log.dirs",
    "log.dir",
    "metrics.listener",
    "broker.rack",
];

/// Broker properties that apply without a restart: the cluster-wide dynamic defaults the
/// brokers accept through the Admin service (stored in the metadata quorum). They are kept
/// out of `server.properties`, so removing one from the spec reverts it to the default at
/// once; every other key is static and rolls the brokers.
pub const DYNAMIC_KEYS: &[&str] = moldau_proto::DYNAMIC_CLUSTER_CONFIGS;

/// Operator-wide settings that shape the objects.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// The broker image when the spec names none.
    pub image: String,
    /// The image of the broker pods' init container (`moldau-operator broker-init`).
    pub init_image: String,
    /// The ClusterRole that lets broker pods read Nodes (bound per cluster when needed).
    pub broker_cluster_role: String,
}

impl Defaults {
    /// `image` as the broker image, the built-in defaults for the rest.
    pub fn with_image(image: impl Into<String>) -> Defaults {
        Defaults {
            image: image.into(),
            init_image: crate::DEFAULT_OPERATOR_IMAGE.into(),
            broker_cluster_role: crate::DEFAULT_BROKER_CLUSTER_ROLE.into(),
        }
    }
}

/// Why a spec cannot be turned into objects (a Stalled condition tells the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SpecError {
    pub reason: &'static str,
    pub message: String,
}

fn spec_error(reason: &'static str, message: impl Into<String>) -> SpecError {
    SpecError {
        reason,
        message: message.into(),
    }
}

/// Names of a cluster's objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub cluster: String,
    pub namespace: String,
    /// Headless Service: `<pod>.<headless>.<ns>.svc.cluster.local` per broker.
    pub headless: String,
    pub bootstrap: String,
    pub config: String,
    /// StatefulSet, ServiceAccount and PodDisruptionBudget.
    pub brokers: String,
}

impl Names {
    pub fn of(kc: &KafkaCluster) -> Names {
        let cluster = kc.name_any();
        Names {
            namespace: kc.namespace().unwrap_or_else(|| "default".into()),
            headless: format!("{cluster}-brokers"),
            bootstrap: format!("{cluster}-bootstrap"),
            config: format!("{cluster}-config"),
            brokers: format!("{cluster}-broker"),
            cluster,
        }
    }

    pub fn pod(&self, ordinal: i32) -> String {
        format!("{}-{ordinal}", self.brokers)
    }

    /// A broker's external Service.
    pub fn external(&self, ordinal: i32) -> String {
        format!("{}-external", self.pod(ordinal))
    }

    /// The ClusterRoleBinding letting the brokers read Nodes (cluster-scoped, so the
    /// namespace is part of its name).
    pub fn node_reader_binding(&self) -> String {
        format!("moldau-broker-{}-{}", self.namespace, self.cluster)
    }

    /// A broker's stable DNS name.
    pub fn host(&self, ordinal: i32) -> String {
        format!(
            "{}.{}.{}.svc.cluster.local",
            self.pod(ordinal),
            self.headless,
            self.namespace
        )
    }

    pub fn bootstrap_servers(&self, port: i32) -> String {
        format!(
            "{}.{}.svc.cluster.local:{port}",
            self.bootstrap, self.namespace
        )
    }
}

/// The labels on every object of a cluster; the selector is the first three.
pub fn labels(n: &Names) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("app.kubernetes.io/name".into(), "moldau".into()),
        ("app.kubernetes.io/instance".into(), n.cluster.clone()),
        ("app.kubernetes.io/component".into(), "broker".into()),
        (
            "app.kubernetes.io/managed-by".into(),
            "moldau-operator".into(),
        ),
    ])
}

pub fn selector(n: &Names) -> BTreeMap<String, String> {
    labels(n)
        .into_iter()
        .filter(|(k, _)| k != "app.kubernetes.io/managed-by")
        .collect()
}

/// The metadata quorum: the first broker of one or two, the first three of more. Fixed at
/// creation; the operator refuses to change it afterwards.
pub fn voters(replicas: i32) -> i32 {
    if replicas >= 3 { 3 } else { 1 }
}

/// `controller.quorum.voters` for a cluster whose quorum is its first `voters` brokers.
pub fn quorum_voters(n: &Names, voters: i32) -> String {
    (0..voters)
        .map(|i| format!("{i}@{}:{CONTROLLER_PORT}", n.host(i)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Everything the cluster should have.
#[derive(Debug, Clone, PartialEq)]
pub struct Desired {
    pub names: Names,
    pub service_account: Value,
    /// Role and RoleBinding (read the external Services) when there is an external listener.
    pub rbac: Vec<Value>,
    /// The ClusterRoleBinding for reading Nodes, when rack awareness or a NodePort listener
    /// needs it. Cluster-scoped: no owner reference; the KafkaCluster's finalizer removes it.
    pub node_reader: Option<Value>,
    /// One external Service per broker.
    pub external_services: Vec<Value>,
    pub config_map: Value,
    pub headless_service: Value,
    pub bootstrap_service: Value,
    pub stateful_set: Value,
    pub pod_disruption_budget: Option<Value>,
    /// Hash of what needs a broker restart (the StatefulSet template carries it).
    pub config_hash: String,
    /// Cluster-wide dynamic broker configs, applied through the Admin service.
    pub dynamic_configs: BTreeMap<String, String>,
}

impl Desired {
    /// The objects in the order they are applied (dependencies first).
    pub fn objects(&self) -> Vec<&Value> {
        let mut v = vec![&self.service_account];
        v.extend(&self.rbac);
        v.extend(self.node_reader.as_ref());
        v.extend([
            &self.config_map,
            &self.headless_service,
            &self.bootstrap_service,
        ]);
        v.extend(&self.external_services);
        v.push(&self.stateful_set);
        v.extend(self.pod_disruption_budget.as_ref());
        v
    }
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn meta(kc: &KafkaCluster, n: &Names, name: &str) -> Value {
    json!({
        "name": name,
        "namespace": n.namespace,
        "labels": labels(n),
        "ownerReferences": [{
            "apiVersion": "kafka.moldau.dev/v1alpha1", "kind": "KafkaCluster",
            "name": n.cluster, "uid": kc.uid().unwrap_or_default(),
            "controller": true, "blockOwnerDeletion": true,
        }],
    })
}

/// The broker properties file (the static part; per-broker values are `--override`s) and the
/// dynamic cluster-wide configs, which are applied through the Admin service instead.
pub fn server_properties(
    kc: &KafkaCluster,
    n: &Names,
    voters: i32,
) -> Result<(String, BTreeMap<String, String>), SpecError> {
    let user = kc.spec.config.clone().unwrap_or_default();
    let external = kc.spec.listeners.as_ref().and_then(|l| l.external.as_ref());
    if let Some(k) = user.keys().find(|k| MANAGED_KEYS.contains(&k.as_str())) {
        return Err(spec_error(
            "ManagedConfigKey",
            format!("spec.config.{k} is set by the operator; remove it from the KafkaCluster"),
        ));
    }
    if let Some((k, _)) = user
        .iter()
        .find(|(k, v)| k.trim().is_empty() || k.contains('=') || v.contains('\n'))
    {
        return Err(spec_error(
            "InvalidConfig",
            format!("spec.config key {k:?} or its value is not a valid property"),
        ));
    }
    let replicas = kc.spec.replicas;
    let rf = replicas.min(3).to_string();
    let mut props: BTreeMap<String, String> = BTreeMap::from([
        ("controller.quorum.voters".into(), quorum_voters(n, voters)),
        ("controller.listener.names".into(), "CONTROLLER".into()),
        ("inter.broker.listener.name".into(), "PLAINTEXT".into()),
        (
            "listener.security.protocol.map".into(),
            if external.is_some() {
                format!("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,{EXTERNAL_LISTENER}:PLAINTEXT")
            } else {
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT".into()
            },
        ),
        ("log.dirs".into(), format!("{DATA_DIR}/data")),
        ("default.replication.factor".into(), rf.clone()),
        ("offsets.topic.replication.factor".into(), rf),
        (
            "min.insync.replicas".into(),
            if replicas >= 3 {
                "2".into()
            } else {
                "1".into()
            },
        ),
    ]);
    props.extend(user);
    let (dynamic, props): (BTreeMap<_, _>, BTreeMap<_, _>) = props
        .into_iter()
        .partition(|(k, _)| DYNAMIC_KEYS.contains(&k.as_str()));
    let mut out = String::from(
        "# Generated by moldau-operator from the KafkaCluster; edits are overwritten.\n\
         # Dynamic keys (applied without a restart) are set through the Admin service.\n",
    );
    for (k, v) in props {
        out.push_str(&format!("{k}={v}\n"));
    }
    Ok((out, dynamic))
}

fn quantity_ok(q: &str) -> bool {
    let digits = q.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &q[digits.len()..];
    !digits.is_empty()
        && digits.parse::<f64>().is_ok_and(|x| x > 0.0)
        && matches!(
            suffix,
            "" | "k" | "M" | "G" | "T" | "P" | "E" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
        )
}

/// The desired objects of `kc`. `voters` is the quorum size fixed at the cluster's creation
/// (None for a new cluster).
pub fn desired(
    kc: &KafkaCluster,
    d: &Defaults,
    voters_fixed: Option<i32>,
) -> Result<Desired, SpecError> {
    let n = Names::of(kc);
    let spec = &kc.spec;
    if spec.replicas < 1 {
        return Err(spec_error(
            "InvalidReplicas",
            "spec.replicas must be at least 1",
        ));
    }
    if !quantity_ok(&spec.storage.size) {
        return Err(spec_error(
            "InvalidStorageSize",
            format!(
                "spec.storage.size {:?} is not a quantity like 10Gi",
                spec.storage.size
            ),
        ));
    }
    let port = spec
        .listeners
        .as_ref()
        .and_then(|l| l.internal_port)
        .unwrap_or(KAFKA_PORT);
    let external = spec.listeners.as_ref().and_then(|l| l.external.clone());
    let external_port = external.as_ref().map(|e| e.port.unwrap_or(EXTERNAL_PORT));
    for (field, p) in [
        ("spec.listeners.internalPort", Some(port)),
        ("spec.listeners.external.port", external_port),
    ] {
        let Some(p) = p else { continue };
        if !(1..=65535).contains(&p) || p == CONTROLLER_PORT || p == METRICS_PORT {
            return Err(spec_error(
                "InvalidListener",
                format!(
                    "{field} {p} must be a port from 1 to 65535 other than {CONTROLLER_PORT} (controller) and {METRICS_PORT} (metrics)"
                ),
            ));
        }
    }
    if external_port == Some(port) {
        return Err(spec_error(
            "InvalidListener",
            format!("spec.listeners.external.port {port} is the internal listener's port"),
        ));
    }
    if let Some(k) = spec.rack.as_ref().map(|r| r.topology_key.trim())
        && k.is_empty()
    {
        return Err(spec_error(
            "InvalidRack",
            "spec.rack.topologyKey must name a node label, e.g. topology.kubernetes.io/zone",
        ));
    }
    let voters = voters_fixed.unwrap_or_else(|| voters(spec.replicas));
    if spec.replicas < voters {
        return Err(spec_error(
            "BelowQuorum",
            format!(
                "spec.replicas {} is below the {voters} voters of the metadata quorum fixed at creation; set at least {voters}",
                spec.replicas
            ),
        ));
    }
    let (properties, dynamic_configs) = server_properties(kc, &n, voters)?;
    let image = spec.image.clone().unwrap_or_else(|| d.image.clone());
    let tpl = spec.pod_template.clone().unwrap_or_default();
    // What needs a restart: the static properties and the image (the template is added below).
    let config_hash = format!("{:016x}", fnv(&format!("{properties}\n{image}")));

    let service_account =
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(kc, &n, &n.brokers)});
    let config_map = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(kc, &n, &n.config),
        "data": {"server.properties": properties}});
    let ports = json!([
        {"name": "kafka", "port": port, "targetPort": "kafka", "protocol": "TCP"},
        {"name": "controller", "port": CONTROLLER_PORT, "targetPort": "controller", "protocol": "TCP"},
        {"name": "metrics", "port": METRICS_PORT, "targetPort": "metrics", "protocol": "TCP"},
    ]);
    let headless_service = json!({"apiVersion": "v1", "kind": "Service", "metadata": meta(kc, &n, &n.headless),
        "spec": {"clusterIP": "None", "publishNotReadyAddresses": true, "selector": selector(&n), "ports": ports}});
    let bootstrap_service = json!({"apiVersion": "v1", "kind": "Service", "metadata": meta(kc, &n, &n.bootstrap),
        "spec": {"type": "ClusterIP", "selector": selector(&n),
                 "ports": [{"name": "kafka", "port": port, "targetPort": "kafka", "protocol": "TCP"}]}});

    let mut pod_labels = tpl.labels.clone().unwrap_or_default();
    pod_labels.extend(labels(&n));
    let mut pod_annotations = tpl.annotations.clone().unwrap_or_default();
    let internal_advertised = format!(
        "PLAINTEXT://$(POD_NAME).{}.$(POD_NAMESPACE).svc.cluster.local:{port}",
        n.headless
    );
    let mut listeners =
        format!("PLAINTEXT://$(POD_IP):{port},CONTROLLER://$(POD_IP):{CONTROLLER_PORT}");
    if let Some(p) = external_port {
        listeners.push_str(&format!(",{EXTERNAL_LISTENER}://$(POD_IP):{p}"));
    }
    // The init container finds what only the cluster knows: the node's rack label, the
    // external address. The broker reads its file as a second properties file.
    let needs_init = spec.rack.is_some() || external.is_some();
    let mut args = vec![
        "--config".to_string(),
        format!("{CONFIG_DIR}/server.properties"),
    ];
    if needs_init {
        args.extend([
            "--config".into(),
            format!("{POD_CONFIG_DIR}/pod.properties"),
        ]);
    }
    args.extend([
        "--override".into(),
        "node.id=$(POD_INDEX)".into(),
        "--override".into(),
        format!("listeners={listeners}"),
    ]);
    if external.is_none() {
        args.extend([
            "--override".into(),
            format!("advertised.listeners={internal_advertised}"),
        ]);
    }
    args.extend([
        "--override".into(),
        format!("metrics.listener=$(POD_IP):{METRICS_PORT}"),
    ]);
    let env = json!([
        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
        {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
        {"name": "POD_INDEX", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['apps.kubernetes.io/pod-index']"}}},
    ]);
    let restricted = json!({"runAsNonRoot": true, "readOnlyRootFilesystem": true,
                            "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}});
    let mut broker_ports = vec![
        json!({"name": "kafka", "containerPort": port, "protocol": "TCP"}),
        json!({"name": "controller", "containerPort": CONTROLLER_PORT, "protocol": "TCP"}),
        json!({"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"}),
    ];
    if let Some(p) = external_port {
        broker_ports.push(json!({"name": "external", "containerPort": p, "protocol": "TCP"}));
    }
    let mut mounts = vec![
        json!({"name": "data", "mountPath": DATA_DIR}),
        json!({"name": "config", "mountPath": CONFIG_DIR, "readOnly": true}),
        json!({"name": "tmp", "mountPath": "/tmp"}),
    ];
    let init = needs_init.then(|| {
        mounts.push(json!({"name": "pod-config", "mountPath": POD_CONFIG_DIR, "readOnly": true}));
        let mut init_args = vec![
            "broker-init".to_string(),
            "--output".into(),
            format!("{POD_CONFIG_DIR}/pod.properties"),
        ];
        if let Some(r) = &spec.rack {
            init_args.extend([
                "--rack-topology-key".into(),
                r.topology_key.trim().to_string(),
            ]);
        }
        if let Some(e) = &external {
            init_args.extend([
                "--advertised-listeners".into(),
                internal_advertised.clone(),
                "--external-listener".into(),
                EXTERNAL_LISTENER.into(),
                "--external-service".into(),
                "$(POD_NAME)-external".into(),
                "--external-type".into(),
                match e.kind {
                    ExternalType::NodePort => "NodePort".into(),
                    ExternalType::LoadBalancer => "LoadBalancer".into(),
                },
            ]);
            if let Some(t) = &e.advertised_host_template {
                init_args.extend(["--external-host".into(), t.replace("{id}", "$(POD_INDEX)")]);
            }
        }
        let mut init_env = env.as_array().cloned().unwrap_or_default();
        init_env.push(
            json!({"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}),
        );
        json!({
            "name": "broker-init",
            "image": d.init_image,
            "args": init_args,
            "env": init_env,
            "securityContext": restricted,
            "volumeMounts": [{"name": "pod-config", "mountPath": POD_CONFIG_DIR}],
        })
    });
    let mut container = json!({
        "name": "broker",
        "image": image,
        "args": args,
        "env": env,
        "ports": broker_ports,
        // Ready: registered, active and in every ISR it belongs to (the rolling restart waits
        // for this before the next broker).
        "readinessProbe": {"httpGet": {"path": "/ready", "port": "metrics"}, "periodSeconds": 2, "failureThreshold": 3},
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "metrics"}, "initialDelaySeconds": 10,
                          "periodSeconds": 10, "failureThreshold": 6},
        "securityContext": restricted,
        "volumeMounts": mounts,
    });
    if let Some(r) = &spec.resources {
        container["resources"] = serde_json::to_value(r).unwrap_or(json!({}));
    }
    let security = tpl
        .security_context
        .as_ref()
        .and_then(|s| serde_json::to_value(s).ok())
        .unwrap_or(json!({"runAsNonRoot": true, "runAsUser": 65532, "runAsGroup": 65532, "fsGroup": 65532}));
    let mut pod_spec = json!({
        "serviceAccountName": n.brokers,
        // SIGTERM is a controlled shutdown: leaderships move away, then logs are flushed.
        "terminationGracePeriodSeconds": 120,
        "securityContext": security,
        "containers": [container],
        "volumes": [
            {"name": "config", "configMap": {"name": n.config}},
            {"name": "tmp", "emptyDir": {}},
        ],
    });
    if let Some(i) = init {
        pod_spec["initContainers"] = json!([i]);
        if let Some(vs) = pod_spec["volumes"].as_array_mut() {
            vs.push(json!({"name": "pod-config", "emptyDir": {}}));
        }
    }
    if let Some(a) = &tpl.affinity {
        pod_spec["affinity"] = serde_json::to_value(a).unwrap_or(json!({}));
    }
    if let Some(t) = &tpl.tolerations {
        pod_spec["tolerations"] = serde_json::to_value(t).unwrap_or(json!([]));
    }
    if let Some(ns) = &tpl.node_selector {
        pod_spec["nodeSelector"] = json!(ns);
    }
    if let Some(p) = &tpl.priority_class_name {
        pod_spec["priorityClassName"] = json!(p);
    }
    let mut claim_spec = json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": spec.storage.size}}});
    if let Some(c) = &spec.storage.storage_class_name {
        claim_spec["storageClassName"] = json!(c);
    }
    let retain = if spec.storage.delete_claim == Some(true) {
        "Delete"
    } else {
        "Retain"
    };
    // Everything a running broker would not pick up without a restart: the properties, the
    // image and the whole pod template (resources, placement, probes, ...).
    let config_hash = format!(
        "{:016x}",
        fnv(&format!(
            "{config_hash}\n{pod_spec}\n{}\n{}",
            json!(pod_labels),
            json!(pod_annotations)
        ))
    );
    pod_annotations.insert(CONFIG_HASH.into(), config_hash.clone());
    let stateful_set = json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": meta(kc, &n, &n.brokers),
        "spec": {
            "replicas": spec.replicas,
            "serviceName": n.headless,
            // All brokers start together: the quorum needs a majority of its voters up.
            "podManagementPolicy": "Parallel",
            // The operator restarts pods itself, one at a time, with its own health gate.
            "updateStrategy": {"type": "OnDelete"},
            "persistentVolumeClaimRetentionPolicy": {"whenDeleted": retain, "whenScaled": "Retain"},
            "selector": {"matchLabels": selector(&n)},
            "template": {"metadata": {"labels": pod_labels, "annotations": pod_annotations}, "spec": pod_spec},
            "volumeClaimTemplates": [{"metadata": {"name": "data", "labels": selector(&n)}, "spec": claim_spec}],
        },
    });
    let pdb_spec = spec.pod_disruption_budget.clone();
    let pod_disruption_budget = (pdb_spec.as_ref().and_then(|p| p.enabled) != Some(false)).then(|| {
        json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(kc, &n, &n.brokers),
               "spec": {"maxUnavailable": pdb_spec.and_then(|p| p.max_unavailable).unwrap_or(1),
                        "selector": {"matchLabels": selector(&n)}}})
    });
    let reads_node = spec.rack.is_some()
        || external.as_ref().is_some_and(|e| {
            e.kind == ExternalType::NodePort && e.advertised_host_template.is_none()
        });
    let mut binding_labels = labels(&n);
    binding_labels.insert(NAMESPACE_LABEL.into(), n.namespace.clone());
    let node_reader = reads_node.then(|| {
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
               "metadata": {"name": n.node_reader_binding(), "labels": binding_labels},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": d.broker_cluster_role},
               "subjects": [{"kind": "ServiceAccount", "name": n.brokers, "namespace": n.namespace}]})
    });
    let external_names: Vec<String> = (0..spec.replicas).map(|i| n.external(i)).collect();
    let rbac = if external.is_some() {
        vec![
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta(kc, &n, &n.brokers),
                   "rules": [{"apiGroups": [""], "resources": ["services"], "verbs": ["get"], "resourceNames": external_names}]}),
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": meta(kc, &n, &n.brokers),
                   "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": n.brokers},
                   "subjects": [{"kind": "ServiceAccount", "name": n.brokers, "namespace": n.namespace}]}),
        ]
    } else {
        vec![]
    };
    let external_services = match (&external, external_port) {
        (Some(e), Some(p)) => (0..spec.replicas)
            .map(|i| {
                let mut m = meta(kc, &n, &n.external(i));
                m["labels"][LISTENER_LABEL] = json!("external");
                let kind = match e.kind {
                    ExternalType::NodePort => "NodePort",
                    ExternalType::LoadBalancer => "LoadBalancer",
                };
                json!({"apiVersion": "v1", "kind": "Service", "metadata": m,
                       "spec": {"type": kind,
                                "selector": {"statefulset.kubernetes.io/pod-name": n.pod(i)},
                                "ports": [{"name": "external", "port": p, "targetPort": "external", "protocol": "TCP"}]}})
            })
            .collect(),
        _ => vec![],
    };
    Ok(Desired {
        names: n,
        service_account,
        rbac,
        node_reader,
        external_services,
        config_map,
        headless_service,
        bootstrap_service,
        stateful_set,
        pod_disruption_budget,
        config_hash,
        dynamic_configs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crd::KafkaClusterSpec;

    fn cluster(yaml: &str) -> KafkaCluster {
        let spec: KafkaClusterSpec = serde_yaml::from_str(yaml).unwrap();
        let mut kc = KafkaCluster::new("prod", spec);
        kc.metadata.namespace = Some("kafka".into());
        kc.metadata.uid = Some("u-1".into());
        kc
    }

    fn defaults() -> Defaults {
        Defaults::with_image("ghcr.io/moldau/moldau-broker:0.1.0")
    }

    #[test]
    fn three_brokers() {
        let kc =
            cluster("replicas: 3\nstorage: {size: 10Gi}\nconfig: {log.retention.hours: '24'}\n");
        let d = desired(&kc, &defaults(), None).unwrap();
        let sts = &d.stateful_set;
        assert_eq!(sts["spec"]["replicas"], 3);
        assert_eq!(sts["spec"]["serviceName"], "prod-brokers");
        assert_eq!(sts["spec"]["podManagementPolicy"], "Parallel");
        assert_eq!(sts["spec"]["updateStrategy"]["type"], "OnDelete");
        assert_eq!(sts["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(
            sts["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"],
            "10Gi"
        );
        let c = &sts["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["image"], "ghcr.io/moldau/moldau-broker:0.1.0");
        let args: Vec<&str> = c["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert!(args.contains(&"node.id=$(POD_INDEX)"));
        assert!(args.contains(&"advertised.listeners=PLAINTEXT://$(POD_NAME).prod-brokers.$(POD_NAMESPACE).svc.cluster.local:9092"));
        assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
        assert_eq!(c["securityContext"]["capabilities"]["drop"][0], "ALL");
        let props = d.config_map["data"]["server.properties"].as_str().unwrap();
        assert!(props.contains("controller.quorum.voters=0@prod-broker-0.prod-brokers.kafka.svc.cluster.local:9093,1@prod-broker-1.prod-brokers.kafka.svc.cluster.local:9093,2@prod-broker-2.prod-brokers.kafka.svc.cluster.local:9093\n"));
        assert!(props.contains("log.retention.hours=24\n"));
        assert!(props.contains("default.replication.factor=3\n"));
        assert!(
            !props.contains("min.insync.replicas"),
            "dynamic: set through the Admin service"
        );
        assert_eq!(d.dynamic_configs["min.insync.replicas"], "2");
        assert_eq!(d.headless_service["spec"]["clusterIP"], "None");
        assert_eq!(d.headless_service["spec"]["publishNotReadyAddresses"], true);
        assert_eq!(
            d.pod_disruption_budget.as_ref().unwrap()["spec"]["maxUnavailable"],
            1
        );
        assert_eq!(
            d.names.bootstrap_servers(9092),
            "prod-bootstrap.kafka.svc.cluster.local:9092"
        );
    }

    #[test]
    fn config_hash_covers_config_image_and_template() {
        let base = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        let again = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_eq!(base.config_hash, again.config_hash);
        let changed = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\nconfig: {log.retention.hours: '1'}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_ne!(
            base.config_hash, changed.config_hash,
            "broker configs are static: a change rolls the brokers"
        );
        let image = desired(
            &cluster("replicas: 3\nimage: x:2\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_ne!(base.config_hash, image.config_hash);
        let resources = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\nresources: {limits: {memory: 1Gi}}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_ne!(
            base.config_hash, resources.config_hash,
            "a template change rolls too"
        );
        let more = desired(
            &cluster("replicas: 4\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_eq!(
            base.config_hash, more.config_hash,
            "scaling is not a restart"
        );
    }

    #[test]
    fn dynamic_keys_apply_without_a_restart() {
        let base = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        let d = desired(
            &cluster(
                "replicas: 3\nstorage: {size: 1Gi}\nconfig: {log.retention.ms: '60000', min.insync.replicas: '1', num.partitions: '6'}\n",
            ),
            &defaults(),
            None,
        )
        .unwrap();
        let props = d.config_map["data"]["server.properties"].as_str().unwrap();
        assert!(!props.contains("log.retention.ms"), "{props}");
        assert!(
            props.contains("num.partitions=6\n"),
            "static keys stay in the file"
        );
        assert_eq!(
            d.dynamic_configs,
            BTreeMap::from([
                ("log.retention.ms".to_string(), "60000".to_string()),
                ("min.insync.replicas".to_string(), "1".to_string()),
            ]),
            "the user's value wins over the operator's default"
        );
        let only_dynamic = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\nconfig: {log.retention.ms: '60000'}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_eq!(
            base.config_hash, only_dynamic.config_hash,
            "a dynamic key does not roll the brokers"
        );
    }

    #[test]
    fn refusals() {
        let e = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\nconfig: {node.id: '7'}\n"),
            &defaults(),
            None,
        )
        .unwrap_err();
        assert_eq!(e.reason, "ManagedConfigKey");
        assert!(e.message.contains("spec.config.node.id"));
        let e = desired(
            &cluster("replicas: 3\nstorage: {size: lots}\n"),
            &defaults(),
            None,
        )
        .unwrap_err();
        assert_eq!(e.reason, "InvalidStorageSize");
        for (yaml, reason) in [
            ("rack: {topologyKey: ' '}", "InvalidRack"),
            (
                "listeners: {external: {type: NodePort, port: 9093}}",
                "InvalidListener",
            ),
            (
                "listeners: {internalPort: 9094, external: {type: NodePort}}",
                "InvalidListener",
            ),
            ("listeners: {internalPort: 70000}", "InvalidListener"),
        ] {
            let e = desired(
                &cluster(&format!("replicas: 3\nstorage: {{size: 1Gi}}\n{yaml}\n")),
                &defaults(),
                None,
            )
            .unwrap_err();
            assert_eq!(e.reason, reason, "{yaml}: {}", e.message);
        }
        // The quorum is fixed: 3 voters need at least 3 brokers.
        let e = desired(
            &cluster("replicas: 2\nstorage: {size: 1Gi}\n"),
            &defaults(),
            Some(3),
        )
        .unwrap_err();
        assert_eq!(e.reason, "BelowQuorum");
        // One or two brokers: one voter; more brokers later keep it.
        let d = desired(
            &cluster("replicas: 5\nstorage: {size: 1Gi}\n"),
            &defaults(),
            Some(1),
        )
        .unwrap();
        let props = d.config_map["data"]["server.properties"].as_str().unwrap();
        assert!(
            props.contains("controller.quorum.voters=0@prod-broker-0."),
            "{props}"
        );
        assert!(!props.contains(",1@"));
    }

    fn args_of(c: &Value) -> Vec<String> {
        c["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn rack_awareness_reads_the_node_in_an_init_container() {
        let d = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\nrack: {topologyKey: topology.kubernetes.io/zone}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        let pod = &d.stateful_set["spec"]["template"]["spec"];
        let init = &pod["initContainers"][0];
        assert_eq!(init["image"], crate::DEFAULT_OPERATOR_IMAGE);
        let init_args = args_of(init);
        assert_eq!(init_args[0], "broker-init");
        assert!(
            init_args
                .windows(2)
                .any(|w| w == ["--rack-topology-key", "topology.kubernetes.io/zone"])
        );
        assert!(
            init["env"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["name"] == "NODE_NAME"
                    && e["valueFrom"]["fieldRef"]["fieldPath"] == "spec.nodeName")
        );
        assert_eq!(init["securityContext"]["readOnlyRootFilesystem"], true);
        let broker = args_of(&pod["containers"][0]);
        assert!(
            broker
                .windows(2)
                .any(|w| w == ["--config", "/var/run/moldau/pod.properties"])
        );
        // Rack only: the advertised listener is still the operator's.
        assert!(
            broker
                .iter()
                .any(|a| a.starts_with("advertised.listeners=PLAINTEXT://"))
        );
        assert!(
            pod["volumes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["name"] == "pod-config" && v["emptyDir"].is_object())
        );
        let crb = d
            .node_reader
            .as_ref()
            .expect("a ClusterRoleBinding to read nodes");
        assert_eq!(crb["metadata"]["name"], "moldau-broker-kafka-prod");
        assert_eq!(crb["metadata"]["labels"][NAMESPACE_LABEL], "kafka");
        assert!(
            crb["metadata"].get("ownerReferences").is_none(),
            "cluster-scoped"
        );
        assert_eq!(crb["roleRef"]["name"], "moldau-broker");
        assert_eq!(crb["subjects"][0]["name"], "prod-broker");
        assert!(d.rbac.is_empty() && d.external_services.is_empty());
        // Objects that need the binding come after it.
        let kinds: Vec<&str> = d
            .objects()
            .iter()
            .map(|o| o["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds[..3],
            ["ServiceAccount", "ClusterRoleBinding", "ConfigMap"]
        );
        // Without rack or external listeners nothing of this exists.
        let plain = desired(
            &cluster("replicas: 3\nstorage: {size: 1Gi}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert!(
            plain.stateful_set["spec"]["template"]["spec"]
                .get("initContainers")
                .is_none()
        );
        assert!(plain.node_reader.is_none() && plain.rbac.is_empty());
    }

    #[test]
    fn external_listener_gets_a_service_per_broker_and_an_advertised_address() {
        let d = desired(
            &cluster(
                "replicas: 3\nstorage: {size: 1Gi}\nlisteners: {external: {type: NodePort}}\n",
            ),
            &defaults(),
            None,
        )
        .unwrap();
        let names: Vec<&str> = d
            .external_services
            .iter()
            .map(|s| s["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "prod-broker-0-external",
                "prod-broker-1-external",
                "prod-broker-2-external"
            ]
        );
        let svc = &d.external_services[1];
        assert_eq!(svc["spec"]["type"], "NodePort");
        assert_eq!(
            svc["spec"]["selector"]["statefulset.kubernetes.io/pod-name"],
            "prod-broker-1"
        );
        assert_eq!(svc["spec"]["ports"][0]["port"], 9094);
        assert_eq!(svc["metadata"]["labels"][LISTENER_LABEL], "external");
        assert_eq!(svc["metadata"]["ownerReferences"][0]["uid"], "u-1");
        let pod = &d.stateful_set["spec"]["template"]["spec"];
        let broker = args_of(&pod["containers"][0]);
        assert!(broker.contains(&"listeners=PLAINTEXT://$(POD_IP):9092,CONTROLLER://$(POD_IP):9093,EXTERNAL://$(POD_IP):9094".to_string()));
        assert!(
            !broker
                .iter()
                .any(|a| a.starts_with("advertised.listeners=")),
            "the init container writes them"
        );
        let init = args_of(&pod["initContainers"][0]);
        for pair in [
            [
                "--advertised-listeners",
                "PLAINTEXT://$(POD_NAME).prod-brokers.$(POD_NAMESPACE).svc.cluster.local:9092",
            ],
            ["--external-listener", "EXTERNAL"],
            ["--external-service", "$(POD_NAME)-external"],
            ["--external-type", "NodePort"],
        ] {
            assert!(init.windows(2).any(|w| w == pair), "{pair:?} in {init:?}");
        }
        let props = d.config_map["data"]["server.properties"].as_str().unwrap();
        assert!(props.contains(
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT\n"
        ));
        let role = &d.rbac[0];
        assert_eq!(role["kind"], "Role");
        assert_eq!(role["rules"][0]["resourceNames"], json!(names));
        assert_eq!(d.rbac[1]["kind"], "RoleBinding");
        assert!(
            d.node_reader.is_some(),
            "NodePort advertises the node's address"
        );

        // A LoadBalancer with a host template needs no node access.
        let lb = desired(
            &cluster("replicas: 1\nstorage: {size: 1Gi}\nlisteners: {external: {type: LoadBalancer, port: 19094, advertisedHostTemplate: 'kafka-{id}.example.com'}}\n"),
            &defaults(),
            None,
        )
        .unwrap();
        assert_eq!(lb.external_services[0]["spec"]["type"], "LoadBalancer");
        assert_eq!(lb.external_services[0]["spec"]["ports"][0]["port"], 19094);
        let init = args_of(&lb.stateful_set["spec"]["template"]["spec"]["initContainers"][0]);
        assert!(
            init.windows(2)
                .any(|w| w == ["--external-host", "kafka-$(POD_INDEX).example.com"])
        );
        assert!(lb.node_reader.is_none());
    }
}
