//! The namespace controller: a namespace being deleted (phase Terminating) has everything in
//! it deleted; once it is empty, its `kubernetes` finalizer is done and it goes.

use serde_json::Value;

use super::Client;
use crate::api::meta::str_at;
use crate::api::server::ResourceRef;
use crate::api::store::Key;

pub struct NamespaceController {
    c: Client,
}

impl NamespaceController {
    pub fn new(c: Client) -> NamespaceController {
        NamespaceController { c }
    }

    pub fn round(&mut self) {
        let terminating: Vec<String> = self
            .c
            .list(&ResourceRef::core("namespaces"), None)
            .iter()
            .filter(|n| n.pointer("/metadata/deletionTimestamp").is_some())
            .filter_map(|n| str_at(n, "/metadata/name").map(String::from))
            .collect();
        for ns in terminating {
            let content: Vec<(Key, Value)> = {
                let st = self.c.api.state.lock();
                st.all()
                    .filter(|(k, _)| k.namespace == ns)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            if content.is_empty() {
                self.c.api.remove_now(&Key::new("", "namespaces", "", &ns));
                continue;
            }
            for (k, v) in content {
                if v.pointer("/metadata/deletionTimestamp").is_some() {
                    continue;
                }
                let version = str_at(&v, "/apiVersion")
                    .map(|av| av.rsplit('/').next().unwrap_or(av).to_string())
                    .unwrap_or_else(|| "v1".into());
                let r = ResourceRef::new(&k.group, &version, &k.plural);
                let _ = self.c.delete(&r, Some(&ns), &k.name, Some("Background"));
            }
        }
    }
}
