//! The resource types the API serves: the built-in kinds the operator and its tests use, and
//! every kind a CustomResourceDefinition adds. Discovery, URL routing, validation and the merge
//! rules of server-side apply all read this table.

use std::collections::BTreeMap;

use serde_json::Value;

/// One resource type (a "resource" in API terms: `pods`, `statefulsets.apps`, ...).
#[derive(Debug, Clone)]
pub struct ResourceType {
    /// API group; empty for the core group.
    pub group: String,
    /// Served versions, the storage version first.
    pub versions: Vec<String>,
    pub kind: String,
    pub plural: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub categories: Vec<String>,
    pub namespaced: bool,
    /// Has a `/status` subresource: ordinary writes leave `.status` alone and `/status`
    /// writes change nothing else.
    pub status_subresource: bool,
    /// Has a `/scale` subresource: `(spec replicas path, status replicas path, label selector
    /// path)` as JSON paths like `.spec.replicas`.
    pub scale: Option<ScalePaths>,
    /// Whether `metadata.generation` is kept (kinds with a spec).
    pub has_generation: bool,
    /// Set for kinds defined by a CustomResourceDefinition.
    pub crd: Option<CrdInfo>,
}

#[derive(Debug, Clone)]
pub struct ScalePaths {
    pub spec_replicas: String,
    pub status_replicas: String,
    pub label_selector: Option<String>,
}

/// What a CRD says about one of its versions.
#[derive(Debug, Clone, Default)]
pub struct CrdVersion {
    pub name: String,
    pub served: bool,
    pub storage: bool,
    pub schema: Option<Value>,
    pub printer_columns: Vec<Value>,
}

#[derive(Debug, Clone)]
pub struct CrdInfo {
    /// The CRD's own name (`<plural>.<group>`).
    pub name: String,
    pub versions: Vec<CrdVersion>,
}

impl CrdInfo {
    pub fn version(&self, v: &str) -> Option<&CrdVersion> {
        self.versions.iter().find(|x| x.name == v)
    }
}

impl ResourceType {
    pub fn api_version(&self, version: &str) -> String {
        if self.group.is_empty() {
            version.to_string()
        } else {
            format!("{}/{}", self.group, version)
        }
    }

    pub fn storage_version(&self) -> &str {
        &self.versions[0]
    }

    /// `plural.group` (or `plural` for the core group), as Kubernetes names a group-resource.
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() {
            self.plural.clone()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    pub fn list_kind(&self) -> String {
        format!("{}List", self.kind)
    }

    pub fn serves(&self, version: &str) -> bool {
        self.versions.iter().any(|v| v == version)
    }

    /// The OpenAPI v3 schema of `version`, for custom resources.
    pub fn schema(&self, version: &str) -> Option<&Value> {
        self.crd
            .as_ref()
            .and_then(|c| c.version(version))
            .and_then(|v| v.schema.as_ref())
    }
}

/// How the elements of a list field merge in server-side apply and strategic merge patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListType {
    /// The list is one value: replaced as a whole.
    Atomic,
    /// A set of scalars.
    Set,
    /// A map keyed by these fields of each element.
    Map(Vec<String>),
}

/// Built-in list fields that are not atomic, by field path suffix (so `spec.containers` also
/// covers a pod template's `spec.template.spec.containers`; `[]` stands for "every element of
/// a list"): the rules Kubernetes' own types declare with `patchMergeKey` /
/// `x-kubernetes-list-map-keys`.
const BUILTIN_LISTS: &[(&str, &[&str])] = &[
    ("metadata.ownerReferences", &["uid"]),
    ("spec.containers", &["name"]),
    ("spec.initContainers", &["name"]),
    ("spec.ephemeralContainers", &["name"]),
    ("spec.volumes", &["name"]),
    ("spec.imagePullSecrets", &["name"]),
    ("spec.hostAliases", &["ip"]),
    (
        "spec.topologySpreadConstraints",
        &["topologyKey", "whenUnsatisfiable"],
    ),
    ("containers.[].ports", &["containerPort", "protocol"]),
    ("containers.[].env", &["name"]),
    ("containers.[].volumeMounts", &["mountPath"]),
    ("containers.[].volumeDevices", &["devicePath"]),
    ("containers.[].resizePolicy", &["resourceName"]),
    ("status.conditions", &["type"]),
    ("status.containerStatuses", &["name"]),
    ("status.initContainerStatuses", &["name"]),
    ("status.podIPs", &["ip"]),
    ("status.hostIPs", &["ip"]),
    ("subsets.[].addresses", &["ip"]),
    ("subsets.[].notReadyAddresses", &["ip"]),
    ("subsets.[].ports", &["name"]),
];

/// Built-in scalar lists merged as sets.
const BUILTIN_SETS: &[&str] = &["metadata.finalizers"];

/// Service ports: keyed by port and protocol (Kubernetes' `x-kubernetes-list-map-keys`).
const SERVICE_PORTS: (&str, &[&str]) = ("spec.ports", &["port", "protocol"]);

/// The list type of the field at `path` (dot-separated, `[]` after list fields crossed) of
/// an object of `rt`. `schema` is the version's structural schema for custom resources.
pub fn list_type(rt: &ResourceType, schema: Option<&Value>, path: &[String]) -> ListType {
    if path.first().map(String::as_str) == Some("metadata") {
        return builtin_list_type("Metadata", path);
    }
    if rt.crd.is_some() {
        return schema
            .and_then(|s| schema_at(s, path))
            .map(schema_list_type)
            .unwrap_or(ListType::Atomic);
    }
    builtin_list_type(&rt.kind, path)
}

fn builtin_list_type(kind: &str, path: &[String]) -> ListType {
    let joined = path.join(".");
    if kind == "Service" && joined == SERVICE_PORTS.0 {
        return ListType::Map(SERVICE_PORTS.1.iter().map(|s| s.to_string()).collect());
    }
    if BUILTIN_SETS.contains(&joined.as_str()) {
        return ListType::Set;
    }
    let ends_with = |suffix: &str| joined == suffix || joined.ends_with(&format!(".{suffix}"));
    for (suffix, keys) in BUILTIN_LISTS {
        if ends_with(suffix) {
            return ListType::Map(keys.iter().map(|s| s.to_string()).collect());
        }
    }
    ListType::Atomic
}

/// The sub-schema at `path` (`[]` steps into `items`).
pub fn schema_at<'a>(schema: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = schema;
    for step in path {
        if step == "[]" {
            cur = cur.get("items")?;
            continue;
        }
        cur = match cur.get("properties").and_then(|p| p.get(step)) {
            Some(s) => s,
            None => cur.get("additionalProperties").filter(|a| a.is_object())?,
        };
    }
    Some(cur)
}

fn schema_list_type(s: &Value) -> ListType {
    match s.get("x-kubernetes-list-type").and_then(Value::as_str) {
        Some("set") => ListType::Set,
        Some("map") => ListType::Map(
            s.get("x-kubernetes-list-map-keys")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        _ => ListType::Atomic,
    }
}

fn builtin(
    group: &str,
    version: &str,
    kind: &str,
    plural: &str,
    short: &[&str],
    namespaced: bool,
    status: bool,
) -> ResourceType {
    ResourceType {
        group: group.into(),
        versions: vec![version.into()],
        kind: kind.into(),
        plural: plural.into(),
        singular: kind.to_lowercase(),
        short_names: short.iter().map(|s| s.to_string()).collect(),
        categories: Vec::new(),
        namespaced,
        status_subresource: status,
        scale: None,
        has_generation: false,
        crd: None,
    }
}

/// The registry: resource types by (group, plural).
#[derive(Debug, Clone)]
pub struct Registry {
    types: BTreeMap<(String, String), ResourceType>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Registry {
    /// The built-in kinds.
    pub fn builtin() -> Registry {
        let with_spec = |mut t: ResourceType| {
            t.has_generation = true;
            t
        };
        let all = |mut t: ResourceType| {
            t.categories = vec!["all".into()];
            t
        };
        let mut sts = all(with_spec(builtin(
            "apps",
            "v1",
            "StatefulSet",
            "statefulsets",
            &["sts"],
            true,
            true,
        )));
        sts.scale = Some(ScalePaths {
            spec_replicas: ".spec.replicas".into(),
            status_replicas: ".status.replicas".into(),
            label_selector: None,
        });
        let mut deploy = all(with_spec(builtin(
            "apps",
            "v1",
            "Deployment",
            "deployments",
            &["deploy"],
            true,
            true,
        )));
        deploy.scale = sts.scale.clone();
        let types = vec![
            builtin("", "v1", "Namespace", "namespaces", &["ns"], false, true),
            builtin("", "v1", "ConfigMap", "configmaps", &["cm"], true, false),
            builtin("", "v1", "Secret", "secrets", &[], true, false),
            all(builtin(
                "",
                "v1",
                "Service",
                "services",
                &["svc"],
                true,
                true,
            )),
            builtin("", "v1", "Endpoints", "endpoints", &["ep"], true, false),
            all(builtin("", "v1", "Pod", "pods", &["po"], true, true)),
            builtin(
                "",
                "v1",
                "PersistentVolumeClaim",
                "persistentvolumeclaims",
                &["pvc"],
                true,
                true,
            ),
            builtin(
                "",
                "v1",
                "PersistentVolume",
                "persistentvolumes",
                &["pv"],
                false,
                true,
            ),
            builtin("", "v1", "Event", "events", &["ev"], true, false),
            builtin(
                "",
                "v1",
                "ServiceAccount",
                "serviceaccounts",
                &["sa"],
                true,
                false,
            ),
            builtin("", "v1", "Node", "nodes", &["no"], false, true),
            sts,
            deploy,
            builtin(
                "apps",
                "v1",
                "ControllerRevision",
                "controllerrevisions",
                &[],
                true,
                false,
            ),
            with_spec(builtin(
                "policy",
                "v1",
                "PodDisruptionBudget",
                "poddisruptionbudgets",
                &["pdb"],
                true,
                true,
            )),
            builtin(
                "coordination.k8s.io",
                "v1",
                "Lease",
                "leases",
                &[],
                true,
                false,
            ),
            builtin(
                "events.k8s.io",
                "v1",
                "Event",
                "events",
                &["ev"],
                true,
                false,
            ),
            builtin(
                "discovery.k8s.io",
                "v1",
                "EndpointSlice",
                "endpointslices",
                &[],
                true,
                false,
            ),
            with_spec(builtin(
                "apiextensions.k8s.io",
                "v1",
                "CustomResourceDefinition",
                "customresourcedefinitions",
                &["crd", "crds"],
                false,
                true,
            )),
            builtin(
                "rbac.authorization.k8s.io",
                "v1",
                "Role",
                "roles",
                &[],
                true,
                false,
            ),
            builtin(
                "rbac.authorization.k8s.io",
                "v1",
                "RoleBinding",
                "rolebindings",
                &[],
                true,
                false,
            ),
            builtin(
                "rbac.authorization.k8s.io",
                "v1",
                "ClusterRole",
                "clusterroles",
                &[],
                false,
                false,
            ),
            builtin(
                "rbac.authorization.k8s.io",
                "v1",
                "ClusterRoleBinding",
                "clusterrolebindings",
                &[],
                false,
                false,
            ),
        ];
        let mut r = Registry {
            types: BTreeMap::new(),
        };
        for t in types {
            r.insert(t);
        }
        r
    }

    pub fn insert(&mut self, t: ResourceType) {
        self.types.insert((t.group.clone(), t.plural.clone()), t);
    }

    pub fn remove(&mut self, group: &str, plural: &str) -> Option<ResourceType> {
        self.types.remove(&(group.to_string(), plural.to_string()))
    }

    pub fn get(&self, group: &str, plural: &str) -> Option<&ResourceType> {
        self.types.get(&(group.to_string(), plural.to_string()))
    }

    /// The type of objects of `kind` in `api_version` (`group/version` or `version`).
    pub fn by_kind(&self, api_version: &str, kind: &str) -> Option<&ResourceType> {
        let (group, version) = split_api_version(api_version);
        self.types
            .values()
            .find(|t| t.group == group && t.kind == kind && t.serves(version))
    }

    pub fn all(&self) -> impl Iterator<Item = &ResourceType> {
        self.types.values()
    }

    /// Groups with their served versions, the core group excluded, in a stable order.
    pub fn groups(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in self.types.values().filter(|t| !t.group.is_empty()) {
            let vs = out.entry(t.group.clone()).or_default();
            for v in &t.versions {
                if !vs.contains(v) {
                    vs.push(v.clone());
                }
            }
        }
        out
    }
}

/// `("apps", "v1")` from `apps/v1`; `("", "v1")` from `v1`.
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// Builds the resource type a CRD object defines, or says why it cannot.
pub fn from_crd(crd: &Value) -> Result<ResourceType, String> {
    let spec = crd.get("spec").ok_or("spec: Required value")?;
    let group = spec
        .get("group")
        .and_then(Value::as_str)
        .ok_or("spec.group: Required value")?;
    let names = spec.get("names").ok_or("spec.names: Required value")?;
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(String::from);
    let plural = s(names.get("plural")).ok_or("spec.names.plural: Required value")?;
    let kind = s(names.get("kind")).ok_or("spec.names.kind: Required value")?;
    let singular = s(names.get("singular")).unwrap_or_else(|| kind.to_lowercase());
    let strings = super::meta::strings;
    let scope = spec
        .get("scope")
        .and_then(Value::as_str)
        .ok_or("spec.scope: Required value")?;
    let namespaced = match scope {
        "Namespaced" => true,
        "Cluster" => false,
        other => {
            return Err(format!(
                "spec.scope: Unsupported value: \"{other}\": supported values: \"Cluster\", \"Namespaced\""
            ));
        }
    };
    let mut versions = Vec::new();
    let mut status = false;
    let mut scale = None;
    for v in spec
        .get("versions")
        .and_then(Value::as_array)
        .ok_or("spec.versions: Required value")?
    {
        let name = s(v.get("name")).ok_or("spec.versions[].name: Required value")?;
        let sub = v.get("subresources");
        status |= sub.and_then(|x| x.get("status")).is_some();
        if let Some(sc) = sub.and_then(|x| x.get("scale")) {
            scale = Some(ScalePaths {
                spec_replicas: s(sc.get("specReplicasPath")).unwrap_or_default(),
                status_replicas: s(sc.get("statusReplicasPath")).unwrap_or_default(),
                label_selector: s(sc.get("labelSelectorPath")),
            });
        }
        versions.push(CrdVersion {
            served: v.get("served").and_then(Value::as_bool).unwrap_or(false),
            storage: v.get("storage").and_then(Value::as_bool).unwrap_or(false),
            schema: v
                .get("schema")
                .and_then(|x| x.get("openAPIV3Schema"))
                .cloned(),
            printer_columns: v
                .get("additionalPrinterColumns")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            name,
        });
    }
    if versions.is_empty() {
        return Err("spec.versions: Invalid value: []: must have exactly one version marked as storage version".into());
    }
    if versions.iter().filter(|v| v.storage).count() != 1 {
        return Err(
            "spec.versions: Invalid value: must have exactly one version marked as storage version"
                .into(),
        );
    }
    let expected = format!("{plural}.{group}");
    let name = crd
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if name != expected {
        return Err(format!(
            "metadata.name: Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"
        ));
    }
    let mut served: Vec<String> = versions
        .iter()
        .filter(|v| v.served)
        .map(|v| v.name.clone())
        .collect();
    // The storage version first (it is what objects are kept as).
    if let Some(storage) = versions.iter().find(|v| v.storage) {
        served.retain(|v| v != &storage.name);
        served.insert(0, storage.name.clone());
    }
    Ok(ResourceType {
        group: group.to_string(),
        versions: served,
        kind,
        plural,
        singular,
        short_names: strings(names.get("shortNames")),
        categories: strings(names.get("categories")),
        namespaced,
        status_subresource: status,
        scale,
        has_generation: true,
        crd: Some(CrdInfo {
            name: expected,
            versions,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(String::from).collect()
    }

    #[test]
    fn builtin_list_types() {
        let r = Registry::builtin();
        let pods = r.get("", "pods").unwrap();
        assert_eq!(
            list_type(pods, None, &path("spec.containers")),
            ListType::Map(vec!["name".into()])
        );
        assert_eq!(
            list_type(pods, None, &path("spec.containers.[].env")),
            ListType::Map(vec!["name".into()])
        );
        assert_eq!(
            list_type(pods, None, &path("spec.containers.[].args")),
            ListType::Atomic
        );
        assert_eq!(
            list_type(pods, None, &path("metadata.finalizers")),
            ListType::Set
        );
        let svc = r.get("", "services").unwrap();
        assert_eq!(
            list_type(svc, None, &path("spec.ports")),
            ListType::Map(vec!["port".into(), "protocol".into()])
        );
    }

    #[test]
    fn crd_types_and_schema_list_types() {
        let crd = json!({
            "metadata": {"name": "widgets.example.com"},
            "spec": {"group": "example.com", "scope": "Namespaced",
                "names": {"plural": "widgets", "kind": "Widget", "shortNames": ["wd"]},
                "versions": [{"name": "v1", "served": true, "storage": true,
                    "subresources": {"status": {}},
                    "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                        "spec": {"type": "object", "properties": {
                            "items": {"type": "array", "x-kubernetes-list-type": "map",
                                "x-kubernetes-list-map-keys": ["id"],
                                "items": {"type": "object"}}}}}}}}]}
        });
        let t = from_crd(&crd).unwrap();
        assert_eq!(t.plural, "widgets");
        assert!(t.status_subresource && t.namespaced);
        assert_eq!(
            list_type(&t, t.schema("v1"), &path("spec.items")),
            ListType::Map(vec!["id".into()])
        );
        let mut bad = crd.clone();
        bad["metadata"]["name"] = json!("wrong");
        assert!(from_crd(&bad).unwrap_err().contains("metadata.name"));
    }
}
