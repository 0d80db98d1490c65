//! Field ownership (`metadata.managedFields`) and server-side apply.
//!
//! A field set is kept in Kubernetes' FieldsV1 form: a tree whose keys are `f:<field>`,
//! `k:<json of the list-map keys>` for an element of an associative list, `v:<json>` for an
//! element of a set, and `.` marking a node that is itself a member. A node without children is
//! a member too (a leaf field).
//!
//! Apply (`application/apply-patch+yaml`): the applied configuration's field set becomes the
//! manager's; values it sets win; a field another manager owns and the configuration sets to a
//! different value is a conflict (409, unless `force`, which moves ownership); fields the
//! manager applied before and no longer applies are removed unless someone else owns them.
//! Updates (create, PUT, other patches) give the writing manager the fields it changed and take
//! them from everyone else.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::registry::{ListType, ResourceType, list_type};

/// A FieldsV1 tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSet {
    children: BTreeMap<String, FieldSet>,
    /// The `.` member marker on a node that also has children.
    own: bool,
}

/// A member path: FieldsV1 keys from the root.
pub type FieldPath = Vec<String>;

impl FieldSet {
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && !self.own
    }

    pub fn from_fields_v1(v: &Value) -> FieldSet {
        let mut fs = FieldSet::default();
        if let Some(m) = v.as_object() {
            for (k, child) in m {
                if k == "." {
                    fs.own = true;
                } else {
                    fs.children
                        .insert(k.clone(), FieldSet::from_fields_v1(child));
                }
            }
        }
        fs
    }

    pub fn to_fields_v1(&self) -> Value {
        let mut m = Map::new();
        if self.own {
            m.insert(".".into(), json!({}));
        }
        for (k, c) in &self.children {
            m.insert(k.clone(), c.to_fields_v1());
        }
        Value::Object(m)
    }

    /// Every member path.
    pub fn members(&self) -> Vec<FieldPath> {
        let mut out = Vec::new();
        self.collect(&mut Vec::new(), &mut out);
        out
    }

    fn collect(&self, prefix: &mut FieldPath, out: &mut Vec<FieldPath>) {
        for (k, c) in &self.children {
            prefix.push(k.clone());
            if c.children.is_empty() || c.own {
                out.push(prefix.clone());
            }
            c.collect(prefix, out);
            prefix.pop();
        }
    }

    /// Leaf members only (fields with a value of their own, not list elements as a whole).
    pub fn leaves(&self) -> Vec<FieldPath> {
        let mut out = Vec::new();
        self.collect_leaves(&mut Vec::new(), &mut out);
        out
    }

    fn collect_leaves(&self, prefix: &mut FieldPath, out: &mut Vec<FieldPath>) {
        for (k, c) in &self.children {
            prefix.push(k.clone());
            if c.children.is_empty() {
                out.push(prefix.clone());
            }
            c.collect_leaves(prefix, out);
            prefix.pop();
        }
    }

    /// Whether the set has `path` or anything under it.
    pub fn touches(&self, path: &[String]) -> bool {
        let mut cur = self;
        for step in path {
            match cur.children.get(step) {
                Some(c) => cur = c,
                None => return false,
            }
        }
        !path.is_empty()
    }

    pub fn contains(&self, path: &[String]) -> bool {
        let mut cur = self;
        for (i, step) in path.iter().enumerate() {
            match cur.children.get(step) {
                Some(c) => {
                    if i == path.len() - 1 {
                        return c.children.is_empty() || c.own;
                    }
                    cur = c;
                }
                None => return false,
            }
        }
        false
    }

    pub fn insert(&mut self, path: &[String]) {
        let mut cur = self;
        for step in path {
            cur = cur.children.entry(step.clone()).or_default();
        }
        if !cur.children.is_empty() {
            cur.own = true;
        }
    }

    /// Removes a member; emptied ancestors go too.
    pub fn remove(&mut self, path: &[String]) {
        fn go(fs: &mut FieldSet, path: &[String]) -> bool {
            let Some((first, rest)) = path.split_first() else {
                return true;
            };
            let Some(child) = fs.children.get_mut(first) else {
                return false;
            };
            if rest.is_empty() {
                if child.children.is_empty() {
                    fs.children.remove(first);
                } else {
                    child.own = false;
                }
                return true;
            }
            let removed = go(child, rest);
            if child.children.is_empty() && !child.own {
                fs.children.remove(first);
            }
            removed
        }
        go(self, path);
    }

    pub fn union(&mut self, other: &FieldSet) {
        for p in other.members() {
            self.insert(&p);
        }
    }
}

/// What part of an object a write covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The main resource; `.status` excluded when the type has a status subresource.
    Main { status_subresource: bool },
    /// The `/status` subresource: only `.status`.
    Status,
}

impl Scope {
    pub fn subresource(&self) -> Option<&'static str> {
        match self {
            Scope::Main { .. } => None,
            Scope::Status => Some("status"),
        }
    }

    fn includes_top(&self, key: &str) -> bool {
        match self {
            Scope::Main { status_subresource } => {
                !(matches!(key, "apiVersion" | "kind") || *status_subresource && key == "status")
            }
            Scope::Status => key == "status",
        }
    }
}

/// Metadata fields that are the server's, never owned by a manager.
const SYSTEM_METADATA: &[&str] = &[
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
];

/// The field set of an object (or an applied configuration) of type `rt`.
pub fn field_set(rt: &ResourceType, schema: Option<&Value>, obj: &Value, scope: Scope) -> FieldSet {
    let mut fs = FieldSet::default();
    let Some(m) = obj.as_object() else {
        return fs;
    };
    for (k, v) in m {
        if !scope.includes_top(k) {
            continue;
        }
        let mut path = vec![k.clone()];
        let mut child = FieldSet::default();
        if k == "metadata" {
            if let Some(meta) = v.as_object() {
                for (mk, mv) in meta {
                    if SYSTEM_METADATA.contains(&mk.as_str()) {
                        continue;
                    }
                    path.push(mk.clone());
                    let c = child.children.entry(format!("f:{mk}")).or_default();
                    build(rt, schema, &mut path, mv, c);
                    path.pop();
                }
            }
            if child.children.is_empty() {
                continue;
            }
        } else {
            build(rt, schema, &mut path, v, &mut child);
        }
        fs.children.insert(format!("f:{k}"), child);
    }
    fs
}

fn build(
    rt: &ResourceType,
    schema: Option<&Value>,
    path: &mut Vec<String>,
    v: &Value,
    node: &mut FieldSet,
) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                build(
                    rt,
                    schema,
                    path,
                    x,
                    node.children.entry(format!("f:{k}")).or_default(),
                );
                path.pop();
            }
        }
        Value::Array(items) => match list_type(rt, schema, path) {
            ListType::Atomic => {}
            ListType::Set => {
                for x in items {
                    node.children.insert(format!("v:{x}"), FieldSet::default());
                }
            }
            ListType::Map(keys) => {
                path.push("[]".into());
                for x in items {
                    let Some(key) = item_key(x, &keys) else {
                        continue;
                    };
                    let c = node.children.entry(key).or_default();
                    c.own = true;
                    if let Some(m) = x.as_object() {
                        for (k, y) in m {
                            path.push(k.clone());
                            build(
                                rt,
                                schema,
                                path,
                                y,
                                c.children.entry(format!("f:{k}")).or_default(),
                            );
                            path.pop();
                        }
                    }
                    if c.children.is_empty() {
                        c.own = false;
                    }
                }
                path.pop();
            }
        },
        _ => {}
    }
}

/// `k:{"name":"a"}` for an element of a list keyed by `keys`.
fn item_key(item: &Value, keys: &[String]) -> Option<String> {
    let obj = item.as_object()?;
    let mut k = Map::new();
    for key in keys {
        if let Some(v) = obj.get(key) {
            k.insert(key.clone(), v.clone());
        }
    }
    if k.is_empty() {
        return None;
    }
    Some(format!("k:{}", Value::Object(k)))
}

/// The value at a member path, if the object has it.
pub fn value_at<'a>(obj: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = obj;
    for step in path {
        cur = step_into(cur, step)?;
    }
    Some(cur)
}

fn step_into<'a>(cur: &'a Value, step: &str) -> Option<&'a Value> {
    if let Some(f) = step.strip_prefix("f:") {
        return cur.get(f);
    }
    let list = cur.as_array()?;
    if let Some(k) = step.strip_prefix("k:") {
        let keys: Map<String, Value> = serde_json::from_str(k).ok()?;
        return list
            .iter()
            .find(|x| keys.iter().all(|(kk, kv)| x.get(kk) == Some(kv)));
    }
    if let Some(v) = step.strip_prefix("v:") {
        let want: Value = serde_json::from_str(v).ok()?;
        return list.iter().find(|x| **x == want);
    }
    None
}

/// Whether `path` is a key field of an associative-list element (`.../k:{"name":"a"}/f:name`).
fn is_element_key(path: &[String]) -> bool {
    let [.., element, field] = path else {
        return false;
    };
    let (Some(keys), Some(field)) = (element.strip_prefix("k:"), field.strip_prefix("f:")) else {
        return false;
    };
    serde_json::from_str::<Map<String, Value>>(keys).is_ok_and(|k| k.contains_key(field))
}

/// Removes the member at `path` from the object (a field, or a list element).
pub fn remove_at(obj: &mut Value, path: &[String]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = obj;
    for step in parents {
        let next = if let Some(f) = step.strip_prefix("f:") {
            cur.get_mut(f)
        } else {
            let keys_or_value = step.get(2..).unwrap_or_default();
            let is_key = step.starts_with("k:");
            cur.as_array_mut().and_then(|l| {
                l.iter_mut()
                    .find(|x| element_matches(x, is_key, keys_or_value))
            })
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Some(f) = last.strip_prefix("f:") {
        if let Some(m) = cur.as_object_mut() {
            m.remove(f);
        }
    } else if let Some(l) = cur.as_array_mut() {
        let is_key = last.starts_with("k:");
        let rest = last.get(2..).unwrap_or_default();
        l.retain(|x| !element_matches(x, is_key, rest));
    }
}

fn element_matches(x: &Value, is_key: bool, spec: &str) -> bool {
    if is_key {
        serde_json::from_str::<Map<String, Value>>(spec)
            .map(|keys| keys.iter().all(|(k, v)| x.get(k) == Some(v)))
            .unwrap_or(false)
    } else {
        serde_json::from_str::<Value>(spec).is_ok_and(|v| *x == v)
    }
}

/// Merges an applied configuration into the live object: maps recursively, associative
/// lists by key, sets by value, everything else replaced by the configuration.
pub fn merge(rt: &ResourceType, schema: Option<&Value>, live: &Value, config: &Value) -> Value {
    let mut path = Vec::new();
    merge_at(rt, schema, &mut path, live, config)
}

fn merge_at(
    rt: &ResourceType,
    schema: Option<&Value>,
    path: &mut Vec<String>,
    live: &Value,
    config: &Value,
) -> Value {
    match (live, config) {
        (Value::Object(l), Value::Object(c)) => {
            let mut out = l.clone();
            for (k, cv) in c {
                if cv.is_null() {
                    out.remove(k);
                    continue;
                }
                path.push(k.clone());
                let merged = match l.get(k) {
                    Some(lv) => merge_at(rt, schema, path, lv, cv),
                    None => cv.clone(),
                };
                path.pop();
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (Value::Array(l), Value::Array(c)) => match list_type(rt, schema, path) {
            ListType::Atomic => config.clone(),
            ListType::Set => {
                let mut out = l.clone();
                for x in c {
                    if !out.contains(x) {
                        out.push(x.clone());
                    }
                }
                Value::Array(out)
            }
            ListType::Map(keys) => {
                let mut out = l.clone();
                path.push("[]".into());
                for x in c {
                    let key = item_key(x, &keys);
                    match out
                        .iter()
                        .position(|y| key.is_some() && item_key(y, &keys) == key)
                    {
                        Some(i) => {
                            let merged = merge_at(rt, schema, path, &out[i], x);
                            out[i] = merged;
                        }
                        None => out.push(x.clone()),
                    }
                }
                path.pop();
                Value::Array(out)
            }
        },
        _ => config.clone(),
    }
}

/// One `metadata.managedFields` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedEntry {
    pub manager: String,
    pub operation: String,
    pub api_version: String,
    pub time: String,
    pub subresource: Option<String>,
    pub fields: FieldSet,
}

impl ManagedEntry {
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "manager": self.manager,
            "operation": self.operation,
            "apiVersion": self.api_version,
            "time": self.time,
            "fieldsType": "FieldsV1",
            "fieldsV1": self.fields.to_fields_v1(),
        });
        if let Some(s) = &self.subresource {
            v["subresource"] = json!(s);
        }
        v
    }

    pub fn from_json(v: &Value) -> Option<ManagedEntry> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
        Some(ManagedEntry {
            manager: s("manager")?,
            operation: s("operation").unwrap_or_else(|| "Update".into()),
            api_version: s("apiVersion").unwrap_or_default(),
            time: s("time").unwrap_or_default(),
            subresource: s("subresource"),
            fields: v
                .get("fieldsV1")
                .map(FieldSet::from_fields_v1)
                .unwrap_or_default(),
        })
    }
}

pub fn read_managed(obj: &Value) -> Vec<ManagedEntry> {
    obj.pointer("/metadata/managedFields")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(ManagedEntry::from_json).collect())
        .unwrap_or_default()
}

pub fn write_managed(obj: &mut Value, entries: &[ManagedEntry]) {
    let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let list: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.is_empty())
        .map(ManagedEntry::to_json)
        .collect();
    if list.is_empty() {
        meta.remove("managedFields");
    } else {
        meta.insert("managedFields".into(), Value::Array(list));
    }
}

/// A field, as conflict messages print it: `.spec.replicas`, `.spec.ports[port=80,protocol="TCP"]`.
pub fn display_path(path: &[String]) -> String {
    let mut out = String::new();
    for step in path {
        if let Some(f) = step.strip_prefix("f:") {
            out.push('.');
            out.push_str(f);
        } else if let Some(k) = step.strip_prefix("k:") {
            let keys: Map<String, Value> = serde_json::from_str(k).unwrap_or_default();
            let parts: Vec<String> = keys.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push_str(&format!("[{}]", parts.join(",")));
        } else if let Some(v) = step.strip_prefix("v:") {
            out.push_str(&format!("[={v}]"));
        }
    }
    out
}

pub struct ApplyRequest<'a> {
    pub rt: &'a ResourceType,
    pub schema: Option<&'a Value>,
    pub scope: Scope,
    pub manager: &'a str,
    pub api_version: &'a str,
    pub force: bool,
    pub now: &'a str,
}

/// Server-side apply of `config` onto `live` (None: the object does not exist yet). Returns
/// the new object with its managedFields, or the conflicts as `(manager, field)`.
pub fn apply(
    req: &ApplyRequest<'_>,
    live: Option<&Value>,
    config: &Value,
) -> Result<Value, Vec<(String, String)>> {
    let empty = json!({});
    let live_obj = live.unwrap_or(&empty);
    let mut managed = read_managed(live_obj);
    let sub = req.scope.subresource().map(String::from);
    let applied = field_set(req.rt, req.schema, config, req.scope);
    // Conflicts: a field another manager owns, set here to another value.
    let mut conflicts = Vec::new();
    let mut forced: Vec<(usize, FieldPath)> = Vec::new();
    for leaf in applied.leaves() {
        for (i, e) in managed.iter().enumerate() {
            let same_manager = e.manager == req.manager && e.operation == "Apply";
            if same_manager || e.subresource != sub || !e.fields.contains(&leaf) {
                continue;
            }
            if value_at(live_obj, &leaf) != value_at(config, &leaf) {
                if req.force {
                    forced.push((i, leaf.clone()));
                } else {
                    conflicts.push((e.manager.clone(), display_path(&leaf)));
                }
            }
        }
    }
    if !conflicts.is_empty() {
        conflicts.sort();
        conflicts.dedup();
        return Err(conflicts);
    }
    for (i, p) in forced {
        managed[i].fields.remove(&p);
    }
    let mut merged = merge(
        req.rt,
        req.schema,
        live_obj,
        &strip_for_scope(config, req.scope),
    );
    // Fields this manager applied before and applies no more: removed unless owned by others.
    let previous = managed
        .iter()
        .position(|e| e.manager == req.manager && e.operation == "Apply" && e.subresource == sub);
    if let Some(pi) = previous {
        let mut dropped: Vec<FieldPath> = managed[pi]
            .fields
            .members()
            .into_iter()
            .filter(|p| !applied.contains(p))
            .collect();
        // Shallowest first: an element no one else owns goes whole (with the fields defaults
        // filled in); in an element that stays, the fields are removed but never its keys.
        dropped.sort_by_key(|p| p.len());
        for p in dropped {
            let owned_elsewhere = managed
                .iter()
                .enumerate()
                .any(|(i, e)| i != pi && e.fields.touches(&p));
            if !owned_elsewhere && !is_element_key(&p) {
                remove_at(&mut merged, &p);
            }
        }
        managed.remove(pi);
    }
    managed.push(ManagedEntry {
        manager: req.manager.to_string(),
        operation: "Apply".into(),
        api_version: req.api_version.to_string(),
        time: req.now.to_string(),
        subresource: sub,
        fields: applied,
    });
    write_managed(&mut merged, &managed);
    Ok(merged)
}

/// Drops what a write in `scope` may not change (status on the main resource of a type with a
/// status subresource; everything but status on `/status`).
fn strip_for_scope(config: &Value, scope: Scope) -> Value {
    let mut c = config.clone();
    if let Some(m) = c.as_object_mut() {
        match scope {
            Scope::Main {
                status_subresource: true,
            } => {
                m.remove("status");
            }
            Scope::Main { .. } => {}
            Scope::Status => {
                m.retain(|k, _| matches!(k.as_str(), "status" | "apiVersion" | "kind" | "metadata"))
            }
        }
    }
    c
}

/// Records an ordinary write (create, update, non-apply patch) by `manager`: it owns what it
/// changed; the others lose it; fields removed are removed from everyone.
#[allow(clippy::too_many_arguments)]
pub fn track_update(
    rt: &ResourceType,
    schema: Option<&Value>,
    scope: Scope,
    old: Option<&Value>,
    new: &mut Value,
    manager: &str,
    api_version: &str,
    now: &str,
) {
    let mut managed = old.map(read_managed).unwrap_or_default();
    let sub = scope.subresource().map(String::from);
    let new_set = field_set(rt, schema, new, scope);
    let old_set = old
        .map(|o| field_set(rt, schema, o, scope))
        .unwrap_or_default();
    let empty = json!({});
    let old_obj = old.unwrap_or(&empty);
    let changed: Vec<FieldPath> = new_set
        .members()
        .into_iter()
        .filter(|p| {
            !old_set.contains(p)
                || (new_set_is_leaf(&new_set, p) && value_at(old_obj, p) != value_at(new, p))
        })
        .collect();
    let removed: Vec<FieldPath> = old_set
        .members()
        .into_iter()
        .filter(|p| !new_set.contains(p))
        .collect();
    if changed.is_empty() && removed.is_empty() {
        write_managed(new, &managed);
        return;
    }
    for e in managed.iter_mut() {
        for p in changed.iter().chain(&removed) {
            if e.manager != manager || e.operation != "Update" {
                e.fields.remove(p);
            }
        }
    }
    let idx = managed.iter().position(|e| {
        e.manager == manager
            && e.operation == "Update"
            && e.api_version == api_version
            && e.subresource == sub
    });
    let entry = match idx {
        Some(i) => &mut managed[i],
        None => {
            managed.push(ManagedEntry {
                manager: manager.to_string(),
                operation: "Update".into(),
                api_version: api_version.to_string(),
                time: now.to_string(),
                subresource: sub,
                fields: FieldSet::default(),
            });
            managed.last_mut().expect("just pushed")
        }
    };
    for p in &changed {
        entry.fields.insert(p);
    }
    for p in &removed {
        entry.fields.remove(p);
    }
    entry.time = now.to_string();
    managed.retain(|e| !e.fields.is_empty());
    write_managed(new, &managed);
}

fn new_set_is_leaf(fs: &FieldSet, p: &[String]) -> bool {
    let mut cur = fs;
    for step in p {
        match cur.children.get(step) {
            Some(c) => cur = c,
            None => return false,
        }
    }
    cur.children.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::Registry;

    fn req<'a>(rt: &'a ResourceType, manager: &'a str, force: bool) -> ApplyRequest<'a> {
        ApplyRequest {
            rt,
            schema: None,
            scope: Scope::Main {
                status_subresource: rt.status_subresource,
            },
            manager,
            api_version: "apps/v1",
            force,
            now: "2026-01-01T00:00:00Z",
        }
    }

    #[test]
    fn fields_v1_round_trip_and_members() {
        let r = Registry::builtin();
        let sts = r.get("apps", "statefulsets").unwrap();
        let obj = json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "c", "image": "i"}]}}},
            "status": {"replicas": 0}});
        let fs = field_set(
            sts,
            None,
            &obj,
            Scope::Main {
                status_subresource: true,
            },
        );
        let v1 = fs.to_fields_v1();
        assert_eq!(
            v1,
            json!({"f:metadata": {"f:labels": {"f:app": {}}},
                   "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {
                       "k:{\"name\":\"c\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}})
        );
        assert_eq!(FieldSet::from_fields_v1(&v1), fs);
        assert!(fs.contains(&["f:spec".into(), "f:replicas".into()]));
        assert!(!fs.contains(&["f:spec".into()]));
        assert_eq!(
            display_path(&[
                "f:spec".into(),
                "f:template".into(),
                "f:spec".into(),
                "f:containers".into(),
                "k:{\"name\":\"c\"}".into(),
                "f:image".into()
            ]),
            ".spec.template.spec.containers[name=\"c\"].image"
        );
    }

    #[test]
    fn apply_conflicts_force_and_removal() {
        let r = Registry::builtin();
        let sts = r.get("apps", "statefulsets").unwrap();
        let a1 = json!({"metadata": {"name": "web", "labels": {"a": "1", "b": "1"}}, "spec": {"replicas": 3}});
        let o1 = apply(&req(sts, "op", false), None, &a1).unwrap();
        assert_eq!(o1["spec"]["replicas"], 3);
        // Another manager setting the same value shares ownership: no conflict.
        let shared = json!({"metadata": {"name": "web"}, "spec": {"replicas": 3}});
        let o2 = apply(&req(sts, "other", false), Some(&o1), &shared).unwrap();
        // A different value conflicts.
        let diff = json!({"metadata": {"name": "web"}, "spec": {"replicas": 5}});
        let err = apply(&req(sts, "other", false), Some(&o2), &diff).unwrap_err();
        assert_eq!(err, vec![("op".to_string(), ".spec.replicas".to_string())]);
        // Forced: the value changes and ownership moves.
        let o3 = apply(&req(sts, "other", true), Some(&o2), &diff).unwrap();
        assert_eq!(o3["spec"]["replicas"], 5);
        let op = read_managed(&o3)
            .into_iter()
            .find(|e| e.manager == "op")
            .unwrap();
        assert!(!op.fields.contains(&["f:spec".into(), "f:replicas".into()]));
        // "op" stops applying label b: it is removed; label a stays.
        let a2 = json!({"metadata": {"name": "web", "labels": {"a": "1"}}});
        let o4 = apply(&req(sts, "op", false), Some(&o3), &a2).unwrap();
        assert_eq!(o4["metadata"]["labels"], json!({"a": "1"}));
        assert_eq!(o4["spec"]["replicas"], 5, "owned by other: kept");
    }

    #[test]
    fn updates_take_ownership() {
        let r = Registry::builtin();
        let sts = r.get("apps", "statefulsets").unwrap();
        let a1 = json!({"metadata": {"name": "web"}, "spec": {"replicas": 3}});
        let o1 = apply(&req(sts, "op", false), None, &a1).unwrap();
        let mut o2 = o1.clone();
        o2["spec"]["replicas"] = json!(4);
        track_update(
            sts,
            None,
            Scope::Main {
                status_subresource: true,
            },
            Some(&o1),
            &mut o2,
            "kubectl-scale",
            "apps/v1",
            "t",
        );
        let m = read_managed(&o2);
        let scale = m.iter().find(|e| e.manager == "kubectl-scale").unwrap();
        assert!(
            scale
                .fields
                .contains(&["f:spec".into(), "f:replicas".into()])
        );
        assert!(m.iter().all(|e| e.manager != "op"), "op owned nothing else");
        // Re-applying 3 now conflicts with the updater.
        let err = apply(&req(sts, "op", false), Some(&o2), &a1).unwrap_err();
        assert_eq!(err[0].0, "kubectl-scale");
    }

    #[test]
    fn an_element_no_longer_applied_goes_whole_with_its_defaults() {
        let r = Registry::builtin();
        let sts = r.get("apps", "statefulsets").unwrap();
        let with_init = json!({"metadata": {"name": "web"}, "spec": {"template": {"spec": {
            "initContainers": [{"name": "init", "image": "i", "volumeMounts": [{"name": "v", "mountPath": "/v"}]}],
            "containers": [{"name": "c", "image": "i"}],
            "volumes": [{"name": "v", "emptyDir": {}}, {"name": "w", "emptyDir": {}}]}}}});
        let mut o1 = apply(&req(sts, "op", false), None, &with_init).unwrap();
        // Defaults the API server filled in belong to no one.
        o1["spec"]["template"]["spec"]["initContainers"][0]["imagePullPolicy"] =
            json!("IfNotPresent");
        o1["spec"]["template"]["spec"]["volumes"][0]["emptyDir"]["medium"] = json!("");
        let without = json!({"metadata": {"name": "web"}, "spec": {"template": {"spec": {
            "containers": [{"name": "c", "image": "i"}],
            "volumes": [{"name": "w", "emptyDir": {}}]}}}});
        let o2 = apply(&req(sts, "op", false), Some(&o1), &without).unwrap();
        let spec = &o2["spec"]["template"]["spec"];
        assert!(
            spec.get("initContainers").is_none_or(|l| l == &json!([])),
            "{spec}"
        );
        assert_eq!(spec["volumes"], json!([{"name": "w", "emptyDir": {}}]));
        // An element someone else still owns a field of stays, keys included.
        let mut o3 = apply(&req(sts, "op", false), None, &with_init).unwrap();
        let other = json!({"metadata": {"name": "web"}, "spec": {"template": {"spec": {
            "volumes": [{"name": "v", "emptyDir": {"sizeLimit": "1Gi"}}]}}}});
        o3 = apply(&req(sts, "other", false), Some(&o3), &other).unwrap();
        let o4 = apply(&req(sts, "op", false), Some(&o3), &without).unwrap();
        let vols = o4["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap();
        let v = vols
            .iter()
            .find(|v| v["name"] == "v")
            .expect("kept for its other owner");
        assert_eq!(v["emptyDir"]["sizeLimit"], "1Gi");
    }
}
