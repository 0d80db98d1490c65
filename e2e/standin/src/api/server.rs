//! The API server's verbs on the store — create, get, list, update, patch (merge, JSON,
//! strategic, apply), delete, delete-collection, watch — with the object semantics Kubernetes
//! defines: uid, resourceVersion, generation, creationTimestamp, optimistic concurrency,
//! finalizers and graceful deletion, the status subresource, defaulting and validation, and
//! field ownership. The HTTP layer and the in-process controllers both call these.

use std::sync::Arc;

use parking_lot::Mutex;
use serde_json::{Value, json};

use super::builtin::{self, Allocator};
use super::errors::{ApiError, ApiResult, FieldError};
use super::meta::{self, finalizers, set_finalizers, str_at};
use super::patch;
use super::registry::{self, ResourceType};
use super::schema;
use super::selectors::{FieldSelector, LabelSelector};
use super::ssa::{self, Scope};
use super::store::{Event, EventType, Key, State, rv_of};

/// How unknown fields of custom resources are treated (`fieldValidation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldValidation {
    Ignore,
    #[default]
    Warn,
    Strict,
}

/// Options of a write.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The field manager (`fieldManager`, or derived from the User-Agent).
    pub manager: String,
    pub dry_run: bool,
    pub field_validation: FieldValidation,
    /// Server-side apply: take over conflicting fields.
    pub force: bool,
}

impl WriteOptions {
    pub fn manager(m: &str) -> WriteOptions {
        WriteOptions {
            manager: m.to_string(),
            ..Default::default()
        }
    }
}

/// A write's result: the object and any warnings (`Warning` headers).
#[derive(Debug, Clone)]
pub struct Written {
    pub object: Value,
    pub warnings: Vec<String>,
    pub created: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    Json,
    Merge,
    Strategic,
    Apply,
}

impl PatchType {
    pub fn from_content_type(ct: &str) -> Option<PatchType> {
        let ct = ct.split(';').next().unwrap_or_default().trim();
        match ct {
            "application/json-patch+json" => Some(PatchType::Json),
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/strategic-merge-patch+json" => Some(PatchType::Strategic),
            "application/apply-patch+yaml" | "application/apply-patch+json" => {
                Some(PatchType::Apply)
            }
            _ => None,
        }
    }
}

/// DeleteOptions.
#[derive(Debug, Clone, Default)]
pub struct DeleteOptions {
    /// `Background` (default), `Foreground` or `Orphan`.
    pub propagation: Option<String>,
    pub grace_period_seconds: Option<i64>,
    pub precondition_uid: Option<String>,
    pub precondition_rv: Option<String>,
    pub dry_run: bool,
}

impl DeleteOptions {
    pub fn from_json(v: &Value) -> DeleteOptions {
        let mut o = DeleteOptions {
            propagation: str_at(v, "/propagationPolicy").map(String::from),
            grace_period_seconds: v.get("gracePeriodSeconds").and_then(Value::as_i64),
            precondition_uid: str_at(v, "/preconditions/uid").map(String::from),
            precondition_rv: str_at(v, "/preconditions/resourceVersion").map(String::from),
            dry_run: v
                .get("dryRun")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|x| x == "All")),
        };
        if o.propagation.is_none() {
            match v.get("orphanDependents").and_then(Value::as_bool) {
                Some(true) => o.propagation = Some("Orphan".into()),
                Some(false) => o.propagation = Some("Background".into()),
                None => {}
            }
        }
        o
    }
}

/// Options of a list or watch.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
    pub limit: Option<usize>,
    pub continue_token: Option<String>,
    pub resource_version: Option<String>,
    pub resource_version_match: Option<String>,
}

/// A watch, ready to stream: the events to send first, then everything from `rx` that
/// `matches` (see [`WatchFilter`]).
pub struct Watch {
    pub initial: Vec<(EventType, Value)>,
    /// Send an initial-events-end bookmark after `initial` (streaming lists).
    pub initial_events_end: bool,
    /// The resourceVersion the initial part is current as of.
    pub start_rv: u64,
    pub rx: tokio::sync::broadcast::Receiver<Arc<Event>>,
    pub filter: WatchFilter,
}

#[derive(Clone)]
pub struct WatchFilter {
    pub group: String,
    pub plural: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
    pub labels: LabelSelector,
    pub fields: FieldSelector,
    pub version: String,
    pub api_version: String,
    pub after_rv: u64,
}

impl WatchFilter {
    fn object_matches(&self, o: &Value) -> bool {
        self.labels.matches_object(o) && self.fields.matches(o)
    }

    /// What a watcher sees of an event: nothing, or (type, object). An object that stops
    /// (starts) matching the selectors is DELETED (ADDED) for this watcher.
    pub fn view(&self, e: &Event) -> Option<(EventType, Value)> {
        if e.rv <= self.after_rv || e.key.group != self.group || e.key.plural != self.plural {
            return None;
        }
        if self
            .namespace
            .as_ref()
            .is_some_and(|ns| *ns != e.key.namespace)
            || self.name.as_ref().is_some_and(|n| *n != e.key.name)
        {
            return None;
        }
        let now = self.object_matches(&e.object);
        let before = e.old.as_ref().is_some_and(|o| self.object_matches(o));
        let kind = match (e.kind, before, now) {
            (EventType::Deleted, _, true) => EventType::Deleted,
            (EventType::Added, _, true) => EventType::Added,
            (EventType::Modified, true, true) => EventType::Modified,
            (EventType::Modified, false, true) => EventType::Added,
            (EventType::Modified, true, false) => EventType::Deleted,
            _ => return None,
        };
        let mut o = e.object.clone();
        o["apiVersion"] = json!(self.api_version);
        Some((kind, o))
    }
}

/// A resource as URLs name it: group, version and plural (`apps`, `v1`, `statefulsets`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    pub group: String,
    pub version: String,
    pub plural: String,
}

impl ResourceRef {
    pub fn new(group: &str, version: &str, plural: &str) -> ResourceRef {
        ResourceRef {
            group: group.into(),
            version: version.into(),
            plural: plural.into(),
        }
    }

    /// A core-group (`v1`) resource.
    pub fn core(plural: &str) -> ResourceRef {
        ResourceRef::new("", "v1", plural)
    }
}

pub struct ApiServer {
    pub state: Mutex<State>,
    alloc: Mutex<Allocator>,
    /// Notified after every change (controllers wait on it).
    pub changed: tokio::sync::Notify,
    /// Request counters by kind (`list pods`, `watch pods`, `watch-gone pods`), so tests can
    /// tell a client that relists in a loop from one that keeps watching.
    pub stats: Mutex<std::collections::BTreeMap<String, u64>>,
    watch_epoch: std::sync::atomic::AtomicU64,
    watches_closed: tokio::sync::Notify,
}

fn bad_body(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("the object provided is unrecognized: {e}"))
}

impl ApiServer {
    pub fn new(history_limit: usize) -> Arc<ApiServer> {
        ApiServer::with_service_network(history_limit, "10.96")
    }

    /// An API server whose Services get ClusterIPs `<prefix>.X.Y`.
    pub fn with_service_network(history_limit: usize, prefix: &str) -> Arc<ApiServer> {
        let alloc = Allocator::new(prefix);
        let api_ip = alloc.api_service_ip();
        let s = Arc::new(ApiServer {
            state: Mutex::new(State::new(history_limit)),
            alloc: Mutex::new(alloc),
            changed: tokio::sync::Notify::new(),
            stats: Mutex::new(std::collections::BTreeMap::new()),
            watch_epoch: std::sync::atomic::AtomicU64::new(0),
            watches_closed: tokio::sync::Notify::new(),
        });
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let _ = s.create_ns(ns);
        }
        let _ = s.create(
            &ResourceRef::core("services"),
            Some("default"),
            json!({"apiVersion": "v1", "kind": "Service",
                   "metadata": {"name": "kubernetes", "labels": {"component": "apiserver", "provider": "kubernetes"}},
                   "spec": {"clusterIP": api_ip, "ports": [{"name": "https", "port": 443, "targetPort": 6443}]}}),
            &WriteOptions::manager("kube-apiserver"),
        );
        s
    }

    fn create_ns(&self, name: &str) -> ApiResult<Written> {
        self.create(
            &ResourceRef::core("namespaces"),
            None,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}),
            &WriteOptions::manager("kube-apiserver"),
        )
    }

    /// The resource type served at `group/version/plural`.
    pub fn resolve(&self, r: &ResourceRef) -> ApiResult<ResourceType> {
        let st = self.state.lock();
        match st.registry.get(&r.group, &r.plural) {
            Some(t) if t.serves(&r.version) => Ok(t.clone()),
            _ => Err(ApiError::new(
                404,
                "NotFound",
                "the server could not find the requested resource",
            )),
        }
    }

    fn key(rt: &ResourceType, ns: Option<&str>, name: &str) -> Key {
        Key::new(
            &rt.group,
            &rt.plural,
            if rt.namespaced { ns.unwrap_or("") } else { "" },
            name,
        )
    }

    /// The object as clients of `version` see it.
    fn output(rt: &ResourceType, version: &str, mut o: Value) -> Value {
        o["apiVersion"] = json!(rt.api_version(version));
        o["kind"] = json!(rt.kind);
        o
    }

    pub fn get(&self, r: &ResourceRef, ns: Option<&str>, name: &str) -> ApiResult<Value> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let st = self.state.lock();
        st.get(&Self::key(&rt, ns, name))
            .cloned()
            .map(|o| Self::output(&rt, version, o))
            .ok_or_else(|| ApiError::not_found(&rt.group, &rt.plural, name))
    }

    pub fn list(&self, r: &ResourceRef, ns: Option<&str>, opts: &ListOptions) -> ApiResult<Value> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let labels = LabelSelector::parse(opts.label_selector.as_deref().unwrap_or(""))?;
        let fields = FieldSelector::parse(opts.field_selector.as_deref().unwrap_or(""), &rt.kind)?;
        let st = self.state.lock();
        let ns = if rt.namespaced { ns } else { None };
        let (after, list_rv) = match opts.continue_token.as_deref().filter(|c| !c.is_empty()) {
            Some(tok) => {
                let (rv, key) = decode_continue(tok).ok_or_else(|| {
                    ApiError::bad_request("continue key is not valid: invalid continue token")
                })?;
                if rv < st.compacted() {
                    return Err(ApiError::expired(
                        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
                    ));
                }
                (Some(key), rv)
            }
            None => (None, st.rv),
        };
        let mut items = Vec::new();
        let mut next = None;
        let mut remaining = 0usize;
        for (k, o) in st.list(&rt.group, &rt.plural, ns) {
            if let Some(a) = &after
                && format!("{}/{}", k.namespace, k.name) <= *a
            {
                continue;
            }
            if !labels.matches_object(o) || !fields.matches(o) {
                continue;
            }
            if let Some(limit) = opts.limit.filter(|l| *l > 0)
                && items.len() >= limit
            {
                if next.is_none() {
                    next = Some(format!("{}/{}", k.namespace, k.name));
                }
                remaining += 1;
                continue;
            }
            items.push(Self::output(&rt, version, o.clone()));
        }
        let mut metadata = json!({"resourceVersion": list_rv.to_string()});
        if next.is_some() {
            // The token continues after the last returned item.
            let last = items
                .last()
                .map(|o| {
                    format!(
                        "{}/{}",
                        str_at(o, "/metadata/namespace").unwrap_or(""),
                        str_at(o, "/metadata/name").unwrap_or("")
                    )
                })
                .unwrap_or_default();
            metadata["continue"] = json!(encode_continue(list_rv, &last));
            metadata["remainingItemCount"] = json!(remaining);
        }
        Ok(json!({
            "kind": rt.list_kind(),
            "apiVersion": rt.api_version(version),
            "metadata": metadata,
            "items": items,
        }))
    }

    /// Starts a watch. `rv` semantics as Kubernetes': unset or "0" start with synthetic
    /// ADDED events for the current state; a resourceVersion replays changes after it, or
    /// fails with 410 when those are no longer kept. `send_initial_events` (streaming lists)
    /// sends the current state and then an initial-events-end bookmark.
    #[allow(clippy::too_many_arguments)]
    pub fn watch(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: Option<&str>,
        opts: &ListOptions,
        send_initial_events: bool,
    ) -> ApiResult<Watch> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let labels = LabelSelector::parse(opts.label_selector.as_deref().unwrap_or(""))?;
        let fields = FieldSelector::parse(opts.field_selector.as_deref().unwrap_or(""), &rt.kind)?;
        let st = self.state.lock();
        let rx = st.subscribe();
        let ns = if rt.namespaced {
            ns.map(String::from)
        } else {
            None
        };
        let requested = opts.resource_version.as_deref().filter(|r| !r.is_empty());
        let mut filter = WatchFilter {
            group: rt.group.clone(),
            plural: rt.plural.clone(),
            namespace: ns.clone(),
            name: name.map(String::from),
            labels,
            fields,
            version: version.to_string(),
            api_version: rt.api_version(version),
            after_rv: st.rv,
        };
        let mut initial = Vec::new();
        let synthetic = send_initial_events || matches!(requested, None | Some("0"));
        if synthetic {
            for (k, o) in st.list(&rt.group, &rt.plural, ns.as_deref()) {
                if name.is_some_and(|n| n != k.name) || !filter.object_matches(o) {
                    continue;
                }
                initial.push((EventType::Added, Self::output(&rt, version, o.clone())));
            }
        } else {
            let rv: u64 = requested.unwrap_or_default().parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "invalid resource version: {}",
                    requested.unwrap_or_default()
                ))
            })?;
            let events = st.events_since(rv).ok_or_else(|| {
                ApiError::expired(format!(
                    "too old resource version: {rv} ({})",
                    st.compacted()
                ))
            })?;
            filter.after_rv = rv;
            for e in events {
                if let Some(v) = filter.view(&e) {
                    initial.push(v);
                }
            }
            filter.after_rv = st.rv;
        }
        Ok(Watch {
            initial,
            initial_events_end: send_initial_events,
            start_rv: st.rv,
            rx,
            filter,
        })
    }

    /// POST.
    pub fn create(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        body: Value,
        opts: &WriteOptions,
    ) -> ApiResult<Written> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let mut st = self.state.lock();
        let w = self.create_locked(&mut st, &rt, version, ns, body, opts, None)?;
        drop(st);
        self.changed.notify_waiters();
        Ok(w)
    }

    #[allow(clippy::too_many_arguments)]
    fn create_locked(
        &self,
        st: &mut State,
        rt: &ResourceType,
        version: &str,
        ns: Option<&str>,
        mut obj: Value,
        opts: &WriteOptions,
        applied: Option<Value>,
    ) -> ApiResult<Written> {
        check_type_meta(rt, version, &obj)?;
        if !obj.get("metadata").is_some_and(Value::is_object) {
            obj["metadata"] = json!({});
        }
        let ns = prepare_namespace(rt, ns, &mut obj)?;
        if let Some(ns) = &ns {
            match st.get(&Key::new("", "namespaces", "", ns)) {
                None => return Err(ApiError::not_found("", "namespaces", ns)),
                Some(n) if n.pointer("/metadata/deletionTimestamp").is_some() => {
                    return Err(ApiError::forbidden(format!(
                        "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                        rt.plural,
                        str_at(&obj, "/metadata/name").unwrap_or("")
                    )));
                }
                _ => {}
            }
        }
        let name = match str_at(&obj, "/metadata/name").filter(|n| !n.is_empty()) {
            Some(n) => n.to_string(),
            None => match str_at(&obj, "/metadata/generateName").filter(|n| !n.is_empty()) {
                Some(prefix) => format!("{prefix}{}", meta::random_suffix()),
                None => {
                    return Err(ApiError::invalid(
                        &rt.kind,
                        &rt.group,
                        "",
                        &[FieldError::required("metadata.name")],
                    ));
                }
            },
        };
        obj["metadata"]["name"] = json!(name);
        if let Some(why) = meta::validate_name(&rt.kind, &name) {
            return Err(ApiError::invalid(
                &rt.kind,
                &rt.group,
                &name,
                &[FieldError::invalid("metadata.name", &json!(name), why)],
            ));
        }
        let key = Self::key(rt, ns.as_deref(), &name);
        if st.get(&key).is_some() {
            return Err(ApiError::already_exists(&rt.group, &rt.plural, &name));
        }
        {
            let m = obj["metadata"]
                .as_object_mut()
                .expect("metadata is an object");
            for k in [
                "resourceVersion",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
                "selfLink",
                "managedFields",
            ] {
                m.remove(k);
            }
            m.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
            m.insert("creationTimestamp".into(), json!(meta::now()));
            if rt.has_generation {
                m.insert("generation".into(), json!(1));
            } else {
                m.remove("generation");
            }
        }
        if rt.status_subresource && rt.crd.is_some() {
            // Custom resources: status is only written through /status.
            if let Some(m) = obj.as_object_mut() {
                m.remove("status");
            }
        }
        let warnings = self.admit(st, rt, version, None, &mut obj, opts.field_validation)?;
        match applied {
            Some(managed_from) => {
                obj["metadata"]["managedFields"] = managed_from
                    .pointer("/metadata/managedFields")
                    .cloned()
                    .unwrap_or(json!([]));
            }
            None => ssa::track_update(
                rt,
                rt.schema(version),
                Scope::Main {
                    status_subresource: false,
                },
                None,
                &mut obj,
                &opts.manager,
                &rt.api_version(version),
                &meta::now(),
            ),
        }
        if rt.kind == "CustomResourceDefinition" {
            establish_crd(&mut obj)?;
        }
        if opts.dry_run {
            return Ok(Written {
                object: Self::output(rt, version, obj),
                warnings,
                created: true,
            });
        }
        let stored = st.put(key, to_storage(rt, obj));
        if rt.kind == "CustomResourceDefinition" {
            register_crd(st, &stored);
        }
        Ok(Written {
            object: Self::output(rt, version, stored),
            warnings,
            created: true,
        })
    }

    /// Defaults, prunes and validates a new object state; returns warnings.
    fn admit(
        &self,
        _st: &State,
        rt: &ResourceType,
        version: &str,
        old: Option<&Value>,
        obj: &mut Value,
        fv: FieldValidation,
    ) -> ApiResult<Vec<String>> {
        let name = str_at(obj, "/metadata/name").unwrap_or("").to_string();
        let mut warnings = Vec::new();
        let mut errs = meta::validate_metadata(obj.get("metadata").unwrap_or(&Value::Null));
        match rt.schema(version) {
            Some(schema) => {
                let unknown = schema::prune(schema, obj);
                if !unknown.is_empty() {
                    match fv {
                        FieldValidation::Strict => {
                            let list: Vec<String> = unknown
                                .iter()
                                .map(|f| format!("unknown field \"{f}\""))
                                .collect();
                            return Err(ApiError::bad_request(format!(
                                "{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: {}",
                                list.join(", "),
                                kind = rt.kind,
                            )));
                        }
                        FieldValidation::Warn => {
                            warnings
                                .extend(unknown.iter().map(|f| format!("unknown field \"{f}\"")));
                        }
                        FieldValidation::Ignore => {}
                    }
                }
                schema::apply_defaults(schema, obj);
                errs.extend(schema::validate(schema, obj, old));
            }
            None if rt.crd.is_none() => {
                builtin::apply_defaults(&rt.kind, obj, &mut self.alloc.lock(), old);
                errs.extend(builtin::validate(&rt.kind, obj, old));
            }
            None => {}
        }
        if !errs.is_empty() {
            return Err(ApiError::invalid(&rt.kind, &rt.group, &name, &errs));
        }
        Ok(warnings)
    }

    /// PUT (of the object, or of its `/status`).
    #[allow(clippy::too_many_arguments)]
    pub fn update(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        body: Value,
        subresource: Option<&str>,
        opts: &WriteOptions,
    ) -> ApiResult<Written> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        check_type_meta(&rt, version, &body)?;
        let mut st = self.state.lock();
        let key = Self::key(&rt, ns, name);
        let old = st
            .get(&key)
            .cloned()
            .ok_or_else(|| ApiError::not_found(&rt.group, &rt.plural, name))?;
        let body_name = str_at(&body, "/metadata/name").unwrap_or("");
        if body_name != name {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        if let Some(rv) = str_at(&body, "/metadata/resourceVersion").filter(|r| !r.is_empty())
            && rv != rv_of(&old).to_string()
        {
            return Err(ApiError::conflict(
                &rt.group,
                &rt.plural,
                name,
                "the object has been modified; please apply your changes to the latest version and try again",
            ));
        }
        let w = self.write_locked(
            &mut st,
            &rt,
            version,
            &key,
            &old,
            body,
            subresource,
            opts,
            false,
        )?;
        drop(st);
        self.changed.notify_waiters();
        Ok(w)
    }

    /// PATCH.
    #[allow(clippy::too_many_arguments)]
    pub fn patch(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        kind: PatchType,
        body: &Value,
        subresource: Option<&str>,
        opts: &WriteOptions,
    ) -> ApiResult<Written> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let mut st = self.state.lock();
        let key = Self::key(&rt, ns, name);
        let existing = st.get(&key).cloned();
        let scope = scope_of(&rt, subresource);
        let w = match (kind, existing) {
            (PatchType::Apply, existing) => {
                if opts.manager.is_empty() {
                    return Err(ApiError::bad_request(
                        "PATCH, application/apply-patch+yaml requests require fieldManager to be set",
                    ));
                }
                check_type_meta(&rt, version, body)?;
                if body.get("apiVersion").is_none() || body.get("kind").is_none() {
                    return Err(ApiError::bad_request(
                        "invalid object type: apiVersion and kind must be set in an apply configuration",
                    ));
                }
                let body_name = str_at(body, "/metadata/name").unwrap_or("");
                if body_name != name {
                    return Err(ApiError::bad_request(format!(
                        "the name of the object ({body_name}) does not match the name on the URL ({name})"
                    )));
                }
                let req = ssa::ApplyRequest {
                    rt: &rt,
                    schema: rt.schema(version),
                    scope,
                    manager: &opts.manager,
                    api_version: &rt.api_version(version),
                    force: opts.force,
                    now: &meta::now(),
                };
                match existing {
                    None => {
                        if subresource.is_some() {
                            return Err(ApiError::not_found(&rt.group, &rt.plural, name));
                        }
                        let merged = ssa::apply(&req, None, body)
                            .map_err(|c| ApiError::apply_conflict(&c))?;
                        self.create_locked(
                            &mut st,
                            &rt,
                            version,
                            ns,
                            merged.clone(),
                            opts,
                            Some(merged),
                        )?
                    }
                    Some(old) => {
                        let merged = ssa::apply(&req, Some(&old), body)
                            .map_err(|c| ApiError::apply_conflict(&c))?;
                        self.write_locked(
                            &mut st,
                            &rt,
                            version,
                            &key,
                            &old,
                            merged,
                            subresource,
                            opts,
                            true,
                        )?
                    }
                }
            }
            (_, None) => return Err(ApiError::not_found(&rt.group, &rt.plural, name)),
            (kind, Some(old)) => {
                let mut new = Self::output(&rt, version, old.clone());
                match kind {
                    PatchType::Merge => patch::merge_patch(&mut new, body),
                    PatchType::Json => patch::json_patch(&mut new, body).map_err(|e| {
                        ApiError::new(422, "Invalid", format!("the server rejected our request due to an error in our request: {e}"))
                    })?,
                    PatchType::Strategic => {
                        if rt.crd.is_some() {
                            return Err(ApiError::unsupported_media_type(
                                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
                            ));
                        }
                        patch::strategic_merge_patch(&rt, &mut new, body).map_err(ApiError::bad_request)?
                    }
                    PatchType::Apply => unreachable!("handled above"),
                }
                if let Some(rv) = str_at(body, "/metadata/resourceVersion")
                    && rv != rv_of(&old).to_string()
                {
                    return Err(ApiError::conflict(
                        &rt.group,
                        &rt.plural,
                        name,
                        "the object has been modified; please apply your changes to the latest version and try again",
                    ));
                }
                if str_at(&new, "/metadata/name") != Some(name) {
                    return Err(ApiError::bad_request(
                        "metadata.name may not be changed by a patch",
                    ));
                }
                self.write_locked(
                    &mut st,
                    &rt,
                    version,
                    &key,
                    &old,
                    new,
                    subresource,
                    opts,
                    false,
                )?
            }
        };
        drop(st);
        self.changed.notify_waiters();
        Ok(w)
    }

    /// The shared tail of updates and patches: scope rules, system metadata, admission,
    /// generation, field ownership, no-op detection, finishing a deletion.
    #[allow(clippy::too_many_arguments)]
    fn write_locked(
        &self,
        st: &mut State,
        rt: &ResourceType,
        version: &str,
        key: &Key,
        old: &Value,
        mut new: Value,
        subresource: Option<&str>,
        opts: &WriteOptions,
        applied: bool,
    ) -> ApiResult<Written> {
        let scope = scope_of(rt, subresource);
        if !new.get("metadata").is_some_and(Value::is_object) {
            new["metadata"] = json!({});
        }
        match scope {
            Scope::Status => {
                // Only .status changes through /status (and the managed fields of it).
                let mut merged = old.clone();
                match new.get("status") {
                    Some(s) => merged["status"] = s.clone(),
                    None => {
                        if let Some(m) = merged.as_object_mut() {
                            m.remove("status");
                        }
                    }
                }
                if applied {
                    merged["metadata"]["managedFields"] = new
                        .pointer("/metadata/managedFields")
                        .cloned()
                        .unwrap_or(json!([]));
                }
                new = merged;
            }
            Scope::Main {
                status_subresource: true,
            } => match old.get("status") {
                Some(s) => new["status"] = s.clone(),
                None => {
                    if let Some(m) = new.as_object_mut() {
                        m.remove("status");
                    }
                }
            },
            Scope::Main { .. } => {}
        }
        // System metadata is the server's.
        for k in [
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation",
            "name",
            "namespace",
        ] {
            match old.pointer(&format!("/metadata/{k}")) {
                Some(v) => new["metadata"][k] = v.clone(),
                None => {
                    if let Some(m) = new["metadata"].as_object_mut() {
                        m.remove(k);
                    }
                }
            }
        }
        if !applied {
            new["metadata"]["managedFields"] = old
                .pointer("/metadata/managedFields")
                .cloned()
                .unwrap_or(json!([]));
        }
        new["apiVersion"] = json!(rt.api_version(version));
        new["kind"] = json!(rt.kind);
        let deleting = old.pointer("/metadata/deletionTimestamp").is_some();
        if deleting {
            let before = finalizers(old);
            if finalizers(&new).iter().any(|f| !before.contains(f)) {
                return Err(ApiError::invalid(
                    &rt.kind,
                    &rt.group,
                    &key.name,
                    &[FieldError::forbidden(
                        "metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted",
                    )],
                ));
            }
        }
        let warnings = self.admit(st, rt, version, Some(old), &mut new, opts.field_validation)?;
        if rt.has_generation && spec_changed(old, &new) {
            let g = old
                .pointer("/metadata/generation")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            new["metadata"]["generation"] = json!(g + 1);
        }
        if !applied {
            ssa::track_update(
                rt,
                rt.schema(version),
                scope,
                Some(&Self::output(rt, version, old.clone())),
                &mut new,
                &opts.manager,
                &rt.api_version(version),
                &meta::now(),
            );
        }
        if rt.kind == "CustomResourceDefinition" {
            registry::from_crd(&new).map_err(|e| invalid_crd(&key.name, e))?;
            if let Some(s) = old.get("status") {
                new["status"] = s.clone();
            }
        }
        let new = to_storage(rt, new);
        if same_ignoring_times(old, &new) {
            return Ok(Written {
                object: Self::output(rt, version, old.clone()),
                warnings,
                created: false,
            });
        }
        if opts.dry_run {
            return Ok(Written {
                object: Self::output(rt, version, new),
                warnings,
                created: false,
            });
        }
        if deleting
            && finalizers(&new).is_empty()
            && rt.kind != "Namespace"
            && !pending_graceful(rt, &new)
        {
            st.put(key.clone(), new);
            let gone = st.remove(key).expect("just stored");
            if rt.kind == "CustomResourceDefinition" {
                unregister_crd(st, &gone);
            }
            return Ok(Written {
                object: Self::output(rt, version, gone),
                warnings,
                created: false,
            });
        }
        let stored = st.put(key.clone(), new);
        if rt.kind == "CustomResourceDefinition" {
            register_crd(st, &stored);
        }
        Ok(Written {
            object: Self::output(rt, version, stored),
            warnings,
            created: false,
        })
    }

    /// DELETE. Returns the object when its deletion is pending (finalizers, graceful pod
    /// termination), else a Success Status.
    #[allow(clippy::too_many_arguments)]
    pub fn delete(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        opts: &DeleteOptions,
    ) -> ApiResult<(u16, Value)> {
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let mut st = self.state.lock();
        let r = self.delete_locked(&mut st, &rt, version, &Self::key(&rt, ns, name), opts);
        drop(st);
        self.changed.notify_waiters();
        r
    }

    fn delete_locked(
        &self,
        st: &mut State,
        rt: &ResourceType,
        version: &str,
        key: &Key,
        opts: &DeleteOptions,
    ) -> ApiResult<(u16, Value)> {
        let name = key.name.clone();
        let mut obj = st
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::not_found(&rt.group, &rt.plural, &name))?;
        if let Some(uid) = &opts.precondition_uid
            && str_at(&obj, "/metadata/uid") != Some(uid.as_str())
        {
            return Err(ApiError::conflict(
                &rt.group,
                &rt.plural,
                &name,
                &format!(
                    "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                    str_at(&obj, "/metadata/uid").unwrap_or("")
                ),
            ));
        }
        if let Some(rv) = &opts.precondition_rv
            && rv_of(&obj).to_string() != *rv
        {
            return Err(ApiError::conflict(
                &rt.group,
                &rt.plural,
                &name,
                &format!(
                    "Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {}",
                    rv_of(&obj)
                ),
            ));
        }
        let mut fins = finalizers(&obj);
        let already = obj.pointer("/metadata/deletionTimestamp").is_some();
        match opts.propagation.as_deref() {
            Some("Foreground") => {
                if !fins.iter().any(|f| f == "foregroundDeletion") {
                    fins.push("foregroundDeletion".into());
                }
            }
            Some("Orphan") => {
                if !fins.iter().any(|f| f == "orphan") {
                    fins.push("orphan".into());
                }
            }
            Some("Background") | None => {}
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "propagationPolicy {other:?} is not supported: use Foreground, Background or Orphan"
                )));
            }
        }
        let grace = self.grace_period(rt, &obj, opts);
        let namespace_pending = rt.kind == "Namespace";
        if fins.is_empty() && grace == 0 && !namespace_pending {
            if opts.dry_run {
                return Ok((200, success_status(rt, &obj)));
            }
            let gone = st.remove(key).expect("present");
            if rt.kind == "CustomResourceDefinition" {
                unregister_crd(st, &gone);
            }
            return Ok((200, success_status(rt, &gone)));
        }
        // Deletion pending: mark it and let finalizers, the kubelet or a controller finish.
        if !already {
            obj["metadata"]["deletionTimestamp"] = json!(meta::now_plus(grace));
            obj["metadata"]["deletionGracePeriodSeconds"] = json!(grace);
        } else if grace
            < obj
                .pointer("/metadata/deletionGracePeriodSeconds")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        {
            // A shorter grace period shortens a pending graceful deletion.
            obj["metadata"]["deletionTimestamp"] = json!(meta::now_plus(grace));
            obj["metadata"]["deletionGracePeriodSeconds"] = json!(grace);
        }
        set_finalizers(&mut obj, &fins);
        if namespace_pending {
            obj["status"]["phase"] = json!("Terminating");
        }
        if opts.dry_run {
            return Ok((200, Self::output(rt, version, obj)));
        }
        let stored = st.put(key.clone(), obj);
        let code = if opts.propagation.as_deref() == Some("Foreground") {
            202
        } else {
            200
        };
        Ok((code, Self::output(rt, version, stored)))
    }

    /// The grace period of a deletion: pods bound to a node terminate gracefully
    /// (spec.terminationGracePeriodSeconds unless the request says otherwise).
    fn grace_period(&self, rt: &ResourceType, obj: &Value, opts: &DeleteOptions) -> i64 {
        if rt.kind != "Pod" || obj.pointer("/spec/nodeName").is_none() {
            return 0;
        }
        if obj
            .pointer("/status/phase")
            .and_then(Value::as_str)
            .is_some_and(|p| p == "Succeeded" || p == "Failed")
        {
            return 0;
        }
        opts.grace_period_seconds
            .or_else(|| {
                obj.pointer("/spec/terminationGracePeriodSeconds")
                    .and_then(Value::as_i64)
            })
            .unwrap_or(30)
            .max(0)
    }

    /// DELETE of a collection: every matching object, each as a DELETE.
    pub fn delete_collection(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        list: &ListOptions,
        opts: &DeleteOptions,
    ) -> ApiResult<Value> {
        let items = self.list(r, ns, list)?;
        let rt = self.resolve(r)?;
        let version = r.version.as_str();
        let mut deleted = Vec::new();
        let mut st = self.state.lock();
        for o in items["items"].as_array().into_iter().flatten() {
            let key = Self::key(
                &rt,
                str_at(o, "/metadata/namespace"),
                str_at(o, "/metadata/name").unwrap_or(""),
            );
            if let Ok((_, v)) = self.delete_locked(&mut st, &rt, version, &key, opts) {
                deleted.push(if v.get("kind") == Some(&json!("Status")) {
                    o.clone()
                } else {
                    v
                });
            }
        }
        drop(st);
        self.changed.notify_waiters();
        Ok(
            json!({"kind": rt.list_kind(), "apiVersion": rt.api_version(version),
                  "metadata": {"resourceVersion": self.state.lock().rv.to_string()}, "items": deleted}),
        )
    }

    /// Removes an object now, whatever its finalizers (the namespace controller's
    /// `/finalize`, the kubelet's final pod deletion, garbage collection of a finished
    /// foreground deletion).
    pub fn remove_now(&self, key: &Key) -> Option<Value> {
        let mut st = self.state.lock();
        let gone = st.remove(key);
        if let Some(g) = &gone
            && key.plural == "customresourcedefinitions"
        {
            unregister_crd(&mut st, g);
        }
        drop(st);
        self.changed.notify_waiters();
        gone
    }

    /// Drops the watch history and ends every open watch, as an API server restart after an
    /// etcd compaction would: watchers resuming from the resourceVersion they hold get 410
    /// Gone and must relist.
    pub fn compact(&self) {
        self.state.lock().compact();
        self.watch_epoch
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.watches_closed.notify_waiters();
    }

    /// Resolves when [`compact`](Self::compact) ends the open watches.
    pub fn watches_closed(&self) -> tokio::sync::futures::Notified<'_> {
        self.watches_closed.notified()
    }

    pub fn count(&self, what: &str) {
        *self.stats.lock().entry(what.to_string()).or_default() += 1;
    }

    pub fn stats(&self) -> std::collections::BTreeMap<String, u64> {
        self.stats.lock().clone()
    }

    pub fn current_rv(&self) -> u64 {
        self.state.lock().rv
    }
}

fn scope_of(rt: &ResourceType, subresource: Option<&str>) -> Scope {
    match subresource {
        Some("status") => Scope::Status,
        _ => Scope::Main {
            status_subresource: rt.status_subresource,
        },
    }
}

fn check_type_meta(rt: &ResourceType, version: &str, obj: &Value) -> ApiResult<()> {
    if !obj.is_object() {
        return Err(bad_body("the body must be a JSON object"));
    }
    let expected = rt.api_version(version);
    if let Some(av) = obj.get("apiVersion").and_then(Value::as_str)
        && av != expected
    {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({av}) does not match the expected API version ({expected})"
        )));
    }
    if let Some(k) = obj.get("kind").and_then(Value::as_str)
        && k != rt.kind
    {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({k}) does not match the expected kind ({})",
            rt.kind
        )));
    }
    Ok(())
}

fn prepare_namespace(
    rt: &ResourceType,
    url_ns: Option<&str>,
    obj: &mut Value,
) -> ApiResult<Option<String>> {
    let body_ns = str_at(obj, "/metadata/namespace")
        .filter(|s| !s.is_empty())
        .map(String::from);
    if !rt.namespaced {
        if let Some(m) = obj["metadata"].as_object_mut() {
            m.remove("namespace");
        }
        return Ok(None);
    }
    let ns = match (url_ns, body_ns) {
        (Some(u), Some(b)) if u != b => {
            return Err(ApiError::bad_request(
                "the namespace of the provided object does not match the namespace sent on the request",
            ));
        }
        (Some(u), _) => u.to_string(),
        (None, Some(b)) => b,
        (None, None) => {
            return Err(ApiError::bad_request(
                "a namespace is required for this resource",
            ));
        }
    };
    obj["metadata"]["namespace"] = json!(ns);
    Ok(Some(ns))
}

/// Stored objects carry the storage version's apiVersion.
fn to_storage(rt: &ResourceType, mut o: Value) -> Value {
    o["apiVersion"] = json!(rt.api_version(rt.storage_version()));
    o["kind"] = json!(rt.kind);
    o
}

/// Whether anything but metadata and status changed (generation is bumped then).
fn spec_changed(old: &Value, new: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            for k in ["metadata", "status", "apiVersion", "kind"] {
                m.remove(k);
            }
        }
        v
    };
    strip(old) != strip(new)
}

fn same_ignoring_times(old: &Value, new: &Value) -> bool {
    let norm = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("resourceVersion");
            if let Some(Value::Array(mf)) = m.get_mut("managedFields") {
                for e in mf.iter_mut().filter_map(Value::as_object_mut) {
                    e.remove("time");
                }
            }
        }
        v
    };
    norm(old) == norm(new)
}

/// A deletion that waits for the kubelet even without finalizers.
fn pending_graceful(rt: &ResourceType, obj: &Value) -> bool {
    rt.kind == "Pod"
        && obj
            .pointer("/metadata/deletionGracePeriodSeconds")
            .and_then(Value::as_i64)
            .is_some_and(|g| g > 0)
}

fn success_status(rt: &ResourceType, obj: &Value) -> Value {
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
           "details": {"name": str_at(obj, "/metadata/name").unwrap_or(""), "group": rt.group,
                       "kind": rt.plural, "uid": str_at(obj, "/metadata/uid").unwrap_or("")}})
}

fn invalid_crd(name: &str, e: String) -> ApiError {
    let (field, msg) = e.split_once(": ").unwrap_or(("spec", e.as_str()));
    ApiError::invalid(
        "CustomResourceDefinition",
        "apiextensions.k8s.io",
        name,
        &[FieldError {
            reason: "FieldValueInvalid",
            field: field.to_string(),
            message: msg.trim_start_matches("Invalid value: ").to_string(),
            value: None,
        }],
    )
}

/// A new CRD is valid and, at once, established (its names accepted).
fn establish_crd(obj: &mut Value) -> ApiResult<()> {
    let name = str_at(obj, "/metadata/name").unwrap_or("").to_string();
    registry::from_crd(obj).map_err(|e| invalid_crd(&name, e))?;
    let now = meta::now();
    let names = obj.pointer("/spec/names").cloned().unwrap_or(json!({}));
    let mut accepted = names.clone();
    if accepted.get("singular").is_none()
        && let Some(k) = names.get("kind").and_then(Value::as_str)
    {
        accepted["singular"] = json!(k.to_lowercase());
    }
    if accepted.get("listKind").is_none()
        && let Some(k) = names.get("kind").and_then(Value::as_str)
    {
        accepted["listKind"] = json!(format!("{k}List"));
    }
    let stored: Vec<Value> = obj
        .pointer("/spec/versions")
        .and_then(Value::as_array)
        .map(|vs| {
            vs.iter()
                .filter(|v| v.get("storage") == Some(&json!(true)))
                .filter_map(|v| v.get("name").cloned())
                .collect()
        })
        .unwrap_or_default();
    obj["status"] = json!({
        "acceptedNames": accepted,
        "storedVersions": stored,
        "conditions": [
            {"type": "NamesAccepted", "status": "True", "reason": "NoConflicts",
             "message": "no conflicts found", "lastTransitionTime": now},
            {"type": "Established", "status": "True", "reason": "InitialNamesAccepted",
             "message": "the initial names have been accepted", "lastTransitionTime": now},
        ],
    });
    Ok(())
}

fn register_crd(st: &mut State, crd: &Value) {
    if crd.pointer("/metadata/deletionTimestamp").is_some() {
        return;
    }
    if let Ok(t) = registry::from_crd(crd) {
        st.registry.insert(t);
    }
}

/// A deleted CRD takes its kind and every object of it along.
fn unregister_crd(st: &mut State, crd: &Value) {
    let (Some(group), Some(plural)) = (
        str_at(crd, "/spec/group"),
        str_at(crd, "/spec/names/plural"),
    ) else {
        return;
    };
    let (group, plural) = (group.to_string(), plural.to_string());
    let keys: Vec<Key> = st
        .list(&group, &plural, None)
        .map(|(k, _)| k.clone())
        .collect();
    for k in keys {
        st.remove(&k);
    }
    st.registry.remove(&group, &plural);
}

fn encode_continue(rv: u64, key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{rv}-{hex}")
}

fn decode_continue(tok: &str) -> Option<(u64, String)> {
    let (rv, hex) = tok.split_once('-')?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    Some((rv.parse().ok()?, String::from_utf8(bytes?).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cm(name: &str) -> Value {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": {"a": "1"}})
    }

    fn cms() -> ResourceRef {
        ResourceRef::core("configmaps")
    }

    fn opts() -> WriteOptions {
        WriteOptions::manager("t")
    }

    fn create(s: &ApiServer, ns: &str, o: Value) -> ApiResult<Value> {
        s.create(&cms(), Some(ns), o, &opts()).map(|w| w.object)
    }

    fn update(s: &ApiServer, o: Value) -> ApiResult<Value> {
        let name = str_at(&o, "/metadata/name").unwrap_or("").to_string();
        s.update(&cms(), Some("default"), &name, o, None, &opts())
            .map(|w| w.object)
    }

    #[test]
    fn create_get_update_conflict_and_noop() {
        let s = ApiServer::new(100);
        let o = create(&s, "default", cm("x")).unwrap();
        assert!(str_at(&o, "/metadata/uid").is_some());
        assert!(str_at(&o, "/metadata/creationTimestamp").is_some());
        assert!(
            o.pointer("/metadata/generation").is_none(),
            "configmaps have no generation"
        );
        let e = create(&s, "default", cm("x")).unwrap_err();
        assert_eq!((e.code, e.reason), (409, "AlreadyExists"));
        assert_eq!(create(&s, "nope", cm("y")).unwrap_err().code, 404);
        // Stale resourceVersion: 409 Conflict.
        let mut stale = o.clone();
        stale["metadata"]["resourceVersion"] = json!("1");
        let e = update(&s, stale).unwrap_err();
        assert_eq!((e.code, e.reason), (409, "Conflict"));
        // A no-op update keeps the resourceVersion.
        assert_eq!(rv_of(&update(&s, o.clone()).unwrap()), rv_of(&o));
        let mut changed = o.clone();
        changed["data"]["a"] = json!("2");
        let w = update(&s, changed).unwrap();
        assert!(rv_of(&w) > rv_of(&o));
        assert_eq!(str_at(&w, "/metadata/uid"), str_at(&o, "/metadata/uid"));
    }

    #[test]
    fn finalizers_hold_deletion() {
        let s = ApiServer::new(100);
        let mut c = cm("f");
        c["metadata"]["finalizers"] = json!(["example.com/hold"]);
        create(&s, "default", c).unwrap();
        let (code, o) = s
            .delete(&cms(), Some("default"), "f", &DeleteOptions::default())
            .unwrap();
        assert_eq!(code, 200);
        assert!(o.pointer("/metadata/deletionTimestamp").is_some());
        assert!(s.get(&cms(), Some("default"), "f").is_ok());
        let unhold = json!({"metadata": {"finalizers": null}});
        s.patch(
            &cms(),
            Some("default"),
            "f",
            PatchType::Merge,
            &unhold,
            None,
            &opts(),
        )
        .unwrap();
        assert_eq!(s.get(&cms(), Some("default"), "f").unwrap_err().code, 404);
    }

    #[test]
    fn list_pagination_and_watch_gone() {
        let s = ApiServer::new(3);
        for i in 0..5 {
            create(&s, "default", cm(&format!("c{i}"))).unwrap();
        }
        let first = ListOptions {
            limit: Some(2),
            ..Default::default()
        };
        let page = s.list(&cms(), Some("default"), &first).unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        assert_eq!(page["metadata"]["remainingItemCount"], 3);
        let next = ListOptions {
            continue_token: page["metadata"]["continue"].as_str().map(String::from),
            ..Default::default()
        };
        let rest = s.list(&cms(), Some("default"), &next).unwrap();
        let names: Vec<&str> = rest["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec!["c2", "c3", "c4"]);
        let old = ListOptions {
            resource_version: Some("2".into()),
            ..Default::default()
        };
        let e = s
            .watch(&cms(), Some("default"), None, &old, false)
            .err()
            .unwrap();
        assert_eq!(e.code, 410);
    }
}
