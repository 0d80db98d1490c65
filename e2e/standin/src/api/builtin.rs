//! Defaulting and validation of the built-in kinds, the parts that shape what an operator
//! sees and must cope with: the defaults the API server fills in (which a careless desired
//! state then "changes" on every reconcile), required fields, selector/template agreement, and
//! the fields that are immutable after creation.

use serde_json::{Map, Value, json};

use super::errors::FieldError;

/// Counters for allocated addresses and ports.
#[derive(Debug)]
pub struct Allocator {
    /// The first two octets of ClusterIPs (`10.96` like kubeadm's default; the stand-in's
    /// binary uses a loopback block so that its kube-proxy can listen on them).
    prefix: String,
    next_cluster_ip: u32,
    next_node_port: u16,
}

impl Default for Allocator {
    fn default() -> Self {
        Allocator::new("10.96")
    }
}

impl Allocator {
    pub fn new(prefix: &str) -> Allocator {
        Allocator {
            prefix: prefix.to_string(),
            next_cluster_ip: 0,
            next_node_port: 0,
        }
    }

    /// The `kubernetes` Service's address (`<prefix>.0.1`).
    pub fn api_service_ip(&self) -> String {
        format!("{}.0.1", self.prefix)
    }

    /// The next ClusterIP.
    pub fn cluster_ip(&mut self) -> String {
        self.next_cluster_ip += 1;
        let n = self.next_cluster_ip + 1;
        format!("{}.{}.{}", self.prefix, (n >> 8) & 0xff, n & 0xff)
    }

    pub fn node_port(&mut self) -> u16 {
        let p = 30000 + self.next_node_port % 2768;
        self.next_node_port += 1;
        p
    }
}

fn obj_mut<'a>(v: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !v.get(key).is_some_and(Value::is_object) {
        v[key] = json!({});
    }
    v[key].as_object_mut().expect("just made an object")
}

fn default_key(m: &mut Map<String, Value>, key: &str, value: Value) {
    m.entry(key.to_string()).or_insert(value);
}

/// Fills in the defaults of a built-in object (on create and on every update).
pub fn apply_defaults(kind: &str, obj: &mut Value, alloc: &mut Allocator, old: Option<&Value>) {
    match kind {
        "Pod" => {
            default_pod_spec(obj_mut(obj, "spec"), true);
            if old.is_none() {
                mount_service_account(obj_mut(obj, "spec"));
            }
            let status = obj_mut(obj, "status");
            default_key(status, "phase", json!("Pending"));
            default_key(status, "qosClass", json!("BestEffort"));
        }
        "StatefulSet" => {
            let spec = obj_mut(obj, "spec");
            default_key(spec, "replicas", json!(1));
            default_key(spec, "podManagementPolicy", json!("OrderedReady"));
            default_key(spec, "revisionHistoryLimit", json!(10));
            default_key(
                spec,
                "updateStrategy",
                json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}),
            );
            if let Some(us) = spec
                .get_mut("updateStrategy")
                .and_then(Value::as_object_mut)
                && us.get("type").and_then(Value::as_str) == Some("RollingUpdate")
            {
                default_key(us, "rollingUpdate", json!({"partition": 0}));
            }
            default_key(
                spec,
                "persistentVolumeClaimRetentionPolicy",
                json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
            );
            if let Some(t) = spec.get_mut("template") {
                default_pod_spec(obj_mut(t, "spec"), false);
            }
            if let Some(vcts) = spec
                .get_mut("volumeClaimTemplates")
                .and_then(Value::as_array_mut)
            {
                for t in vcts {
                    if let Some(m) = t.as_object_mut() {
                        default_key(m, "apiVersion", json!("v1"));
                        default_key(m, "kind", json!("PersistentVolumeClaim"));
                    }
                    default_key(obj_mut(t, "spec"), "volumeMode", json!("Filesystem"));
                    default_key(obj_mut(t, "status"), "phase", json!("Pending"));
                }
            }
        }
        "Deployment" => {
            let spec = obj_mut(obj, "spec");
            default_key(spec, "replicas", json!(1));
            default_key(spec, "revisionHistoryLimit", json!(10));
            default_key(spec, "progressDeadlineSeconds", json!(600));
            default_key(
                spec,
                "strategy",
                json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}),
            );
            if let Some(t) = spec.get_mut("template") {
                default_pod_spec(obj_mut(t, "spec"), false);
            }
        }
        "Service" => default_service(obj, alloc, old),
        "PersistentVolumeClaim" => {
            default_key(obj_mut(obj, "spec"), "volumeMode", json!("Filesystem"));
            // As the DefaultStorageClass admission plugin does, with the stand-in's one class.
            default_key(obj_mut(obj, "spec"), "storageClassName", json!("standard"));
            default_key(obj_mut(obj, "status"), "phase", json!("Pending"));
        }
        "Namespace" => {
            let name = obj
                .pointer("/metadata/name")
                .cloned()
                .unwrap_or(Value::Null);
            let labels = obj_mut(obj, "metadata")
                .entry("labels")
                .or_insert(json!({}));
            if let Some(l) = labels.as_object_mut() {
                l.insert("kubernetes.io/metadata.name".into(), name);
            }
            default_key(obj_mut(obj, "spec"), "finalizers", json!(["kubernetes"]));
            default_key(obj_mut(obj, "status"), "phase", json!("Active"));
        }
        "Secret" => {
            if let Some(Value::Object(sd)) =
                obj.as_object_mut().and_then(|m| m.remove("stringData"))
            {
                let data = obj_mut(obj, "data");
                for (k, v) in sd {
                    let s = v.as_str().unwrap_or_default();
                    data.insert(k, json!(base64(s.as_bytes())));
                }
            }
            if let Some(m) = obj.as_object_mut() {
                default_key(m, "type", json!("Opaque"));
            }
        }
        "PodDisruptionBudget" => {}
        _ => {}
    }
}

/// Where the service-account admission plugin mounts the API credentials.
pub const SERVICE_ACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The ServiceAccount admission plugin: a new pod gets a projected `kube-api-access-*` volume
/// (token, the cluster CA from `kube-root-ca.crt`, its namespace) mounted in every container at
/// [`SERVICE_ACCOUNT_DIR`], unless `automountServiceAccountToken` is false or a container
/// already mounts something there.
fn mount_service_account(spec: &mut Map<String, Value>) {
    if spec.get("automountServiceAccountToken") == Some(&json!(false)) {
        return;
    }
    let lists = ["initContainers", "containers"];
    let mounted = lists.iter().any(|l| {
        spec.get(*l)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|c| {
                c.get("volumeMounts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
            })
            .any(|m| m.get("mountPath").and_then(Value::as_str) == Some(SERVICE_ACCOUNT_DIR))
    });
    if mounted {
        return;
    }
    let suffix: String = uuid::Uuid::new_v4()
        .simple()
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || ('2'..='9').contains(c))
        .take(5)
        .collect();
    let name = format!("kube-api-access-{suffix}");
    let volume = json!({"name": name, "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace",
            "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
    ]}});
    match spec.get_mut("volumes").and_then(Value::as_array_mut) {
        Some(vs) => vs.push(volume),
        None => {
            spec.insert("volumes".into(), json!([volume]));
        }
    }
    for l in lists {
        for c in spec
            .get_mut(l)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object_mut)
        {
            let mount = json!({"name": name, "mountPath": SERVICE_ACCOUNT_DIR, "readOnly": true});
            match c.get_mut("volumeMounts").and_then(Value::as_array_mut) {
                Some(ms) => ms.push(mount),
                None => {
                    c.insert("volumeMounts".into(), json!([mount]));
                }
            }
        }
    }
}

fn default_pod_spec(spec: &mut Map<String, Value>, is_pod: bool) {
    default_key(spec, "restartPolicy", json!("Always"));
    default_key(spec, "dnsPolicy", json!("ClusterFirst"));
    default_key(spec, "schedulerName", json!("default-scheduler"));
    default_key(spec, "terminationGracePeriodSeconds", json!(30));
    default_key(spec, "securityContext", json!({}));
    if is_pod {
        default_key(spec, "serviceAccountName", json!("default"));
        default_key(spec, "enableServiceLinks", json!(true));
        default_key(spec, "priority", json!(0));
        default_key(spec, "preemptionPolicy", json!("PreemptLowerPriority"));
    }
    if let Some(sa) = spec.get("serviceAccountName").cloned() {
        default_key(spec, "serviceAccount", sa);
    }
    for list in ["containers", "initContainers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Value::as_array_mut) {
            for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                default_container(c);
            }
        }
    }
    if let Some(vs) = spec.get_mut("volumes").and_then(Value::as_array_mut) {
        for v in vs.iter_mut().filter_map(Value::as_object_mut) {
            for src in ["configMap", "secret"] {
                if let Some(s) = v.get_mut(src).and_then(Value::as_object_mut) {
                    default_key(s, "defaultMode", json!(420));
                }
            }
        }
    }
}

fn default_container(c: &mut Map<String, Value>) {
    let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
    let latest = !image.contains(':') || image.ends_with(":latest");
    default_key(
        c,
        "imagePullPolicy",
        json!(if latest { "Always" } else { "IfNotPresent" }),
    );
    default_key(c, "terminationMessagePath", json!("/dev/termination-log"));
    default_key(c, "terminationMessagePolicy", json!("File"));
    default_key(c, "resources", json!({}));
    if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            default_key(p, "protocol", json!("TCP"));
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).and_then(Value::as_object_mut) {
            default_key(p, "timeoutSeconds", json!(1));
            default_key(p, "periodSeconds", json!(10));
            default_key(p, "successThreshold", json!(1));
            default_key(p, "failureThreshold", json!(3));
            if let Some(h) = p.get_mut("httpGet").and_then(Value::as_object_mut) {
                default_key(h, "scheme", json!("HTTP"));
                default_key(h, "path", json!("/"));
            }
        }
    }
    if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
        for e in env.iter_mut() {
            if let Some(f) = e
                .pointer_mut("/valueFrom/fieldRef")
                .and_then(Value::as_object_mut)
            {
                default_key(f, "apiVersion", json!("v1"));
            }
        }
    }
}

fn default_service(obj: &mut Value, alloc: &mut Allocator, old: Option<&Value>) {
    let old_spec = old.and_then(|o| o.get("spec"));
    let spec = obj_mut(obj, "spec");
    default_key(spec, "type", json!("ClusterIP"));
    default_key(spec, "sessionAffinity", json!("None"));
    let svc_type = spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("ClusterIP")
        .to_string();
    if svc_type != "ExternalName" {
        // clusterIP is kept from the stored object (it is immutable) or allocated; an
        // explicit value ("None" for headless) is taken as given.
        let requested = spec.get("clusterIP").cloned();
        let kept = old_spec.and_then(|s| s.get("clusterIP")).cloned();
        let ip = match (requested, kept) {
            (Some(Value::String(s)), _) if !s.is_empty() => Value::String(s),
            (_, Some(k)) => k,
            _ => json!(alloc.cluster_ip()),
        };
        spec.insert("clusterIP".into(), ip);
        if let Some(ip) = spec.get("clusterIP").cloned() {
            spec.insert("clusterIPs".into(), json!([ip]));
        }
        default_key(spec, "ipFamilies", json!(["IPv4"]));
        default_key(spec, "ipFamilyPolicy", json!("SingleStack"));
        default_key(spec, "internalTrafficPolicy", json!("Cluster"));
    }
    let node_ports = matches!(svc_type.as_str(), "NodePort" | "LoadBalancer");
    if node_ports {
        default_key(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    let old_ports: Vec<Value> = old_spec
        .and_then(|s| s.get("ports"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            default_key(p, "protocol", json!("TCP"));
            if let Some(port) = p.get("port").cloned() {
                default_key(p, "targetPort", port);
            }
            if node_ports && !p.contains_key("nodePort") {
                let kept = old_ports
                    .iter()
                    .find(|o| o.get("port") == p.get("port"))
                    .and_then(|o| o.get("nodePort"))
                    .cloned();
                p.insert(
                    "nodePort".into(),
                    kept.unwrap_or_else(|| json!(alloc.node_port())),
                );
            }
        }
    }
    if svc_type == "LoadBalancer" {
        default_key(obj_mut(obj, "status"), "loadBalancer", json!({}));
    }
}

fn base64(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = chunk.len();
        let v = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= n {
                out.push(T[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Validates a built-in object; `old` is the stored object on updates.
pub fn validate(kind: &str, obj: &Value, old: Option<&Value>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    match kind {
        "Pod" => {
            validate_pod_spec(spec, "spec", &mut errs);
            if let Some(o) = old {
                // Binding (spec.nodeName set once) is how a pod is scheduled.
                let mut before = o.get("spec").cloned().unwrap_or(json!({}));
                if before.get("nodeName").is_none()
                    && let Some(n) = spec.get("nodeName")
                {
                    before["nodeName"] = n.clone();
                }
                immutable_except(
                    Some(&before),
                    spec,
                    "spec",
                    &[
                        "containers",
                        "initContainers",
                        "activeDeadlineSeconds",
                        "tolerations",
                        "terminationGracePeriodSeconds",
                    ],
                    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                    &mut errs,
                );
            }
        }
        "StatefulSet" => {
            match spec.get("selector") {
                None => errs.push(FieldError::required("spec.selector")),
                Some(sel) => {
                    let labels = spec.pointer("/template/metadata/labels");
                    match super::selectors::LabelSelector::from_object(sel) {
                        Ok(s) if s.is_empty() => errs.push(FieldError::invalid(
                            "spec.selector",
                            sel,
                            "empty selector is invalid for statefulset",
                        )),
                        Ok(s) if !s.matches(labels) => errs.push(FieldError::invalid(
                            "spec.template.metadata.labels",
                            labels.unwrap_or(&Value::Null),
                            "`selector` does not match template `labels`",
                        )),
                        Ok(_) => {}
                        Err(e) => errs.push(FieldError::invalid("spec.selector", sel, e)),
                    }
                }
            }
            if spec
                .get("replicas")
                .and_then(Value::as_i64)
                .is_some_and(|r| r < 0)
            {
                errs.push(FieldError::invalid(
                    "spec.replicas",
                    &spec["replicas"],
                    "must be greater than or equal to 0",
                ));
            }
            match spec.get("template") {
                Some(t) => validate_pod_spec(
                    t.get("spec").unwrap_or(&Value::Null),
                    "spec.template.spec",
                    &mut errs,
                ),
                None => errs.push(FieldError::required("spec.template")),
            }
            if let Some(p) = spec.get("podManagementPolicy").and_then(Value::as_str)
                && !matches!(p, "OrderedReady" | "Parallel")
            {
                errs.push(FieldError::not_supported(
                    "spec.podManagementPolicy",
                    &spec["podManagementPolicy"],
                    &[json!("OrderedReady"), json!("Parallel")],
                ));
            }
            if let Some(o) = old {
                immutable_except(
                    o.get("spec"),
                    spec,
                    "spec",
                    &[
                        "replicas",
                        "ordinals",
                        "template",
                        "updateStrategy",
                        "persistentVolumeClaimRetentionPolicy",
                        "minReadySeconds",
                    ],
                    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                    &mut errs,
                );
            }
        }
        "Service" => {
            let headless = spec.get("clusterIP") == Some(&json!("None"));
            let ports = spec.get("ports").and_then(Value::as_array);
            if ports.is_none_or(|p| p.is_empty())
                && !headless
                && spec.get("type").and_then(Value::as_str) != Some("ExternalName")
            {
                errs.push(FieldError::required("spec.ports"));
            }
            for (i, p) in ports.into_iter().flatten().enumerate() {
                match p.get("port").and_then(Value::as_i64) {
                    Some(n) if (1..=65535).contains(&n) => {}
                    Some(_) => errs.push(FieldError::invalid(
                        format!("spec.ports[{i}].port"),
                        &p["port"],
                        "must be between 1 and 65535, inclusive",
                    )),
                    None => errs.push(FieldError::required(format!("spec.ports[{i}].port"))),
                }
                if ports.is_some_and(|all| all.len() > 1) && p.get("name").is_none() {
                    errs.push(FieldError::required(format!("spec.ports[{i}].name")));
                }
            }
            if let (Some(o), Some(new_ip)) = (old, spec.get("clusterIP"))
                && let Some(old_ip) = o.pointer("/spec/clusterIP")
                && old_ip != new_ip
                && !new_ip.as_str().is_some_and(str::is_empty)
            {
                errs.push(FieldError::invalid(
                    "spec.clusterIPs[0]",
                    new_ip,
                    "may not change once set",
                ));
            }
        }
        "PersistentVolumeClaim" => {
            if spec.pointer("/resources/requests/storage").is_none() {
                errs.push(FieldError::required("spec.resources[storage]"));
            }
            if let Some(o) = old {
                immutable_except(
                    o.get("spec"),
                    spec,
                    "spec",
                    &["resources", "volumeAttributesClassName", "volumeName"],
                    "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
                    &mut errs,
                );
            }
        }
        "ConfigMap" | "Secret" => {
            if let Some(o) = old
                && o.get("immutable") == Some(&Value::Bool(true))
                && (o.get("data") != obj.get("data")
                    || o.get("binaryData") != obj.get("binaryData"))
            {
                errs.push(FieldError::forbidden(
                    "data",
                    "field is immutable when `immutable` is set",
                ));
            }
            for (k, _) in obj
                .get("data")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let ok = !k.is_empty()
                    && k.len() <= 253
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
                if !ok {
                    errs.push(FieldError::invalid(
                        "data",
                        &Value::String(k.clone()),
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    ));
                }
            }
        }
        "PodDisruptionBudget"
            if spec.get("minAvailable").is_some() && spec.get("maxUnavailable").is_some() =>
        {
            errs.push(FieldError::invalid(
                "spec",
                spec,
                "minAvailable and maxUnavailable cannot be both set",
            ));
        }
        _ => {}
    }
    errs
}

fn validate_pod_spec(spec: &Value, path: &str, errs: &mut Vec<FieldError>) {
    match spec.get("containers").and_then(Value::as_array) {
        Some(cs) if !cs.is_empty() => {
            let mut names = Vec::new();
            for (i, c) in cs.iter().enumerate() {
                let name = c.get("name").and_then(Value::as_str);
                match name {
                    None => errs.push(FieldError::required(format!("{path}.containers[{i}].name"))),
                    Some(n) if names.contains(&n) => errs.push(FieldError {
                        reason: "FieldValueDuplicate",
                        field: format!("{path}.containers[{i}].name"),
                        message: format!("Duplicate value: \"{n}\""),
                        value: None,
                    }),
                    Some(n) => names.push(n),
                }
                if c.get("image")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    errs.push(FieldError::required(format!(
                        "{path}.containers[{i}].image"
                    )));
                }
            }
        }
        _ => errs.push(FieldError::required(format!("{path}.containers"))),
    }
    if let Some(rp) = spec.get("restartPolicy").and_then(Value::as_str)
        && !matches!(rp, "Always" | "OnFailure" | "Never")
    {
        errs.push(FieldError::not_supported(
            format!("{path}.restartPolicy"),
            &spec["restartPolicy"],
            &[json!("Always"), json!("OnFailure"), json!("Never")],
        ));
    }
}

/// Refuses changes to `new` against `old` in any field but `allowed`.
fn immutable_except(
    old: Option<&Value>,
    new: &Value,
    path: &str,
    allowed: &[&str],
    message: &str,
    errs: &mut Vec<FieldError>,
) {
    let strip = |v: Option<&Value>| -> Value {
        let mut v = v.cloned().unwrap_or(json!({}));
        if let Some(m) = v.as_object_mut() {
            m.retain(|k, _| !allowed.contains(&k.as_str()));
        }
        v
    };
    if strip(old) != strip(Some(new)) {
        errs.push(FieldError::forbidden(path, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_defaults_keep_cluster_ip() {
        let mut a = Allocator::default();
        let mut svc = json!({"spec": {"ports": [{"port": 80}]}});
        apply_defaults("Service", &mut svc, &mut a, None);
        let ip = svc["spec"]["clusterIP"].clone();
        assert!(ip.as_str().unwrap().starts_with("10.96."));
        assert_eq!(svc["spec"]["ports"][0]["targetPort"], 80);
        assert_eq!(svc["spec"]["ports"][0]["protocol"], "TCP");
        let mut again = json!({"spec": {"ports": [{"port": 81}]}});
        apply_defaults("Service", &mut again, &mut a, Some(&svc));
        assert_eq!(again["spec"]["clusterIP"], ip);
        let mut headless = json!({"spec": {"clusterIP": "None", "selector": {"a": "b"}}});
        apply_defaults("Service", &mut headless, &mut a, None);
        assert_eq!(headless["spec"]["clusterIP"], "None");
        assert!(validate("Service", &headless, None).is_empty());
    }

    #[test]
    fn statefulset_rules() {
        let sts = json!({"spec": {"selector": {"matchLabels": {"app": "a"}},
            "template": {"metadata": {"labels": {"app": "b"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}}});
        let errs = validate("StatefulSet", &sts, None);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("does not match"));
        let mut ok = sts.clone();
        ok["spec"]["template"]["metadata"]["labels"]["app"] = json!("a");
        assert!(validate("StatefulSet", &ok, None).is_empty());
        let mut changed = ok.clone();
        changed["spec"]["serviceName"] = json!("other");
        assert!(
            validate("StatefulSet", &changed, Some(&ok))[0]
                .message
                .contains("forbidden")
        );
        assert_eq!(base64(b"hello"), "aGVsbG8=");
    }
}
