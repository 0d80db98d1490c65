//! The garbage collector: dependents whose owners are all gone are deleted (background
//! deletion); owners deleted in the foreground (`foregroundDeletion` finalizer) first have
//! their dependents deleted, and are removed once no dependent blocks them; owners deleted
//! with `orphan` have their dependents' references removed instead.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Client;
use crate::api::meta::{finalizers, str_at};
use crate::api::server::ResourceRef;
use crate::api::store::Key;

pub struct GarbageCollector {
    c: Client,
}

struct Obj {
    key: Key,
    version: String,
    value: Value,
}

impl GarbageCollector {
    pub fn new(c: Client) -> GarbageCollector {
        GarbageCollector { c }
    }

    fn snapshot(&self) -> Vec<Obj> {
        let st = self.c.api.state.lock();
        st.all()
            .map(|(k, v)| {
                let version = str_at(v, "/apiVersion")
                    .map(|av| av.rsplit('/').next().unwrap_or(av).to_string())
                    .unwrap_or_else(|| "v1".into());
                Obj {
                    key: k.clone(),
                    version,
                    value: v.clone(),
                }
            })
            .collect()
    }

    fn rr(o: &Obj) -> ResourceRef {
        ResourceRef::new(&o.key.group, &o.version, &o.key.plural)
    }

    fn ns(o: &Obj) -> Option<&str> {
        Some(o.key.namespace.as_str()).filter(|n| !n.is_empty())
    }

    pub fn round(&mut self) {
        let objs = self.snapshot();
        let by_uid: HashMap<&str, &Obj> = objs
            .iter()
            .filter_map(|o| str_at(&o.value, "/metadata/uid").map(|u| (u, o)))
            .collect();
        let refs = |o: &Obj| -> Vec<Value> {
            o.value
                .pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        // Dependents by owner uid.
        let mut dependents: HashMap<String, Vec<&Obj>> = HashMap::new();
        for o in &objs {
            for r in refs(o) {
                if let Some(u) = r.get("uid").and_then(Value::as_str) {
                    dependents.entry(u.to_string()).or_default().push(o);
                }
            }
        }
        for o in &objs {
            let owner_refs = refs(o);
            if owner_refs.is_empty() {
                continue;
            }
            let alive: Vec<&Value> = owner_refs
                .iter()
                .filter(|r| {
                    r.get("uid")
                        .and_then(Value::as_str)
                        .is_some_and(|u| by_uid.contains_key(u))
                })
                .collect();
            if alive.is_empty() {
                if o.value.pointer("/metadata/deletionTimestamp").is_none() {
                    let _ =
                        self.c
                            .delete(&Self::rr(o), Self::ns(o), &o.key.name, Some("Background"));
                }
            } else if alive.len() < owner_refs.len() {
                let keep: Vec<Value> = alive.into_iter().cloned().collect();
                let _ = self.c.merge(
                    &Self::rr(o),
                    Self::ns(o),
                    &o.key.name,
                    &json!({"metadata": {"ownerReferences": keep}}),
                );
            }
        }
        for o in objs
            .iter()
            .filter(|o| o.value.pointer("/metadata/deletionTimestamp").is_some())
        {
            let fins = finalizers(&o.value);
            let uid = str_at(&o.value, "/metadata/uid").unwrap_or("").to_string();
            let deps = dependents.get(&uid).cloned().unwrap_or_default();
            if fins.iter().any(|f| f == "orphan") {
                for d in &deps {
                    let keep: Vec<Value> = refs(d)
                        .into_iter()
                        .filter(|r| r.get("uid").and_then(Value::as_str) != Some(uid.as_str()))
                        .collect();
                    let _ = self.c.merge(
                        &Self::rr(d),
                        Self::ns(d),
                        &d.key.name,
                        &json!({"metadata": {"ownerReferences": keep}}),
                    );
                }
                self.drop_finalizer(o, "orphan");
            } else if fins.iter().any(|f| f == "foregroundDeletion") {
                let mut blocking = 0;
                for d in &deps {
                    let blocks = refs(d).iter().any(|r| {
                        r.get("uid").and_then(Value::as_str) == Some(uid.as_str())
                            && r.get("blockOwnerDeletion") == Some(&json!(true))
                    });
                    if blocks {
                        blocking += 1;
                    }
                    if d.value.pointer("/metadata/deletionTimestamp").is_none() {
                        let _ = self.c.delete(
                            &Self::rr(d),
                            Self::ns(d),
                            &d.key.name,
                            Some("Foreground"),
                        );
                    }
                }
                if blocking == 0 {
                    self.drop_finalizer(o, "foregroundDeletion");
                }
            }
        }
    }

    fn drop_finalizer(&self, o: &Obj, f: &str) {
        let keep: Vec<String> = finalizers(&o.value)
            .into_iter()
            .filter(|x| x != f)
            .collect();
        let _ = self.c.merge(
            &Self::rr(o),
            Self::ns(o),
            &o.key.name,
            &json!({"metadata": {"finalizers": keep}}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiServer;
    use crate::api::server::DeleteOptions;
    use crate::controllers::owner_ref;

    fn cm(name: &str, owner: Option<&Value>) -> Value {
        let mut o = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
        if let Some(ow) = owner {
            o["metadata"]["ownerReferences"] = json!([owner_ref(ow, true)]);
        }
        o
    }

    #[test]
    fn background_foreground_and_orphan() {
        let api = ApiServer::new(1000);
        let c = Client::new(api.clone(), "test");
        let mut gc = GarbageCollector::new(Client::new(api.clone(), "gc"));
        let cms = ResourceRef::core("configmaps");
        let exists = |n: &str| c.get(&cms, Some("default"), n).is_some();
        // Background: the owner goes at once, the dependent after a round.
        let owner = c.create(&cms, Some("default"), cm("owner", None)).unwrap();
        c.create(&cms, Some("default"), cm("dep", Some(&owner)))
            .unwrap();
        c.delete(&cms, Some("default"), "owner", None).unwrap();
        gc.round();
        assert!(!exists("dep"));
        // Foreground: the owner waits for its dependent.
        let owner = c.create(&cms, Some("default"), cm("fg", None)).unwrap();
        c.create(&cms, Some("default"), cm("fg-dep", Some(&owner)))
            .unwrap();
        api.delete(
            &cms,
            Some("default"),
            "fg",
            &DeleteOptions {
                propagation: Some("Foreground".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(exists("fg"));
        // The dependent is deleted in the foreground too (it has no dependents of its own,
        // so it goes in the next round); then the owner's finalizer is done.
        gc.round();
        assert!(
            exists("fg"),
            "the owner waits while its dependent is being deleted"
        );
        gc.round();
        assert!(!exists("fg-dep"));
        gc.round();
        assert!(!exists("fg"));
        // Orphan: the dependent stays, without the reference.
        let owner = c.create(&cms, Some("default"), cm("or", None)).unwrap();
        c.create(&cms, Some("default"), cm("or-dep", Some(&owner)))
            .unwrap();
        api.delete(
            &cms,
            Some("default"),
            "or",
            &DeleteOptions {
                propagation: Some("Orphan".into()),
                ..Default::default()
            },
        )
        .unwrap();
        gc.round();
        assert!(!exists("or"));
        let dep = c.get(&cms, Some("default"), "or-dep").unwrap();
        assert!(
            dep.pointer("/metadata/ownerReferences")
                .is_none_or(|r| r.as_array().is_some_and(|a| a.is_empty()))
        );
    }
}
