//! The object store: every object by (group, resource, namespace, name), one cluster-wide
//! resourceVersion counter, and the event history watches replay from. History older than the
//! kept window is gone ("compacted", as etcd does); a watch or continue token that needs it
//! gets 410 Gone.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::broadcast;

use super::registry::Registry;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub group: String,
    pub plural: String,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(group: &str, plural: &str, namespace: &str, name: &str) -> Key {
        Key {
            group: group.into(),
            plural: plural.into(),
            namespace: namespace.into(),
            name: name.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

impl EventType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One change, as watches see it.
#[derive(Debug)]
pub struct Event {
    pub rv: u64,
    pub kind: EventType,
    pub key: Key,
    /// The object after the change (for deletions: its last state, with the deletion's rv).
    pub object: Value,
    /// The object before the change (None for additions): label-selector watches turn a
    /// change that makes an object stop (start) matching into DELETED (ADDED).
    pub old: Option<Value>,
}

pub struct State {
    pub rv: u64,
    pub registry: Registry,
    objects: BTreeMap<Key, Value>,
    history: VecDeque<Arc<Event>>,
    history_limit: usize,
    /// Changes at or below this resourceVersion are no longer in the history.
    compacted: u64,
    tx: broadcast::Sender<Arc<Event>>,
}

impl State {
    pub fn new(history_limit: usize) -> State {
        let (tx, _) = broadcast::channel(16384);
        State {
            rv: 1,
            registry: Registry::builtin(),
            objects: BTreeMap::new(),
            history: VecDeque::new(),
            history_limit: history_limit.max(1),
            compacted: 1,
            tx,
        }
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.objects.get(key)
    }

    /// Objects of one resource, in key order, optionally in one namespace, from after `after`.
    pub fn list<'a>(
        &'a self,
        group: &'a str,
        plural: &'a str,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a Key, &'a Value)> + 'a {
        let start = Key::new(group, plural, namespace.unwrap_or(""), "");
        self.objects.range(start..).take_while(move |(k, _)| {
            k.group == group && k.plural == plural && namespace.is_none_or(|ns| k.namespace == ns)
        })
    }

    /// Every object (for controllers that scan, like the garbage collector).
    pub fn all(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.objects.iter()
    }

    fn record(&mut self, kind: EventType, key: Key, object: Value, old: Option<Value>) {
        let ev = Arc::new(Event {
            rv: self.rv,
            kind,
            key,
            object,
            old,
        });
        self.history.push_back(ev.clone());
        while self.history.len() > self.history_limit {
            if let Some(e) = self.history.pop_front() {
                self.compacted = e.rv;
            }
        }
        let _ = self.tx.send(ev);
    }

    /// Stores `obj` under `key` with the next resourceVersion; returns the stored object.
    pub fn put(&mut self, key: Key, mut obj: Value) -> Value {
        self.rv += 1;
        set_rv(&mut obj, self.rv);
        let old = self.objects.insert(key.clone(), obj.clone());
        let kind = if old.is_some() {
            EventType::Modified
        } else {
            EventType::Added
        };
        self.record(kind, key, obj.clone(), old);
        obj
    }

    /// Removes the object; the DELETED event carries its last state with a new rv.
    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let mut obj = self.objects.remove(key)?;
        self.rv += 1;
        set_rv(&mut obj, self.rv);
        self.record(EventType::Deleted, key.clone(), obj.clone(), None);
        Some(obj)
    }

    /// Events after `rv` for watches, or None when they are no longer kept.
    pub fn events_since(&self, rv: u64) -> Option<Vec<Arc<Event>>> {
        if rv < self.compacted {
            return None;
        }
        Some(self.history.iter().filter(|e| e.rv > rv).cloned().collect())
    }

    pub fn compacted(&self) -> u64 {
        self.compacted
    }

    /// Drops the whole history, as an etcd compaction at the current revision would: every
    /// resourceVersion a client holds is now too old (410 Gone on watch), while lists from
    /// now on return a new one that is not.
    pub fn compact(&mut self) {
        self.history.clear();
        self.rv += 1;
        self.compacted = self.rv;
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.tx.subscribe()
    }

    /// The object with this uid, if any (owner lookups).
    pub fn by_uid(&self, uid: &str) -> Option<(&Key, &Value)> {
        self.objects
            .iter()
            .find(|(_, v)| v.pointer("/metadata/uid").and_then(Value::as_str) == Some(uid))
    }
}

pub fn set_rv(obj: &mut Value, rv: u64) {
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
    }
}

pub fn rv_of(obj: &Value) -> u64 {
    obj.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rv_history_and_compaction() {
        let mut s = State::new(2);
        let k = Key::new("", "configmaps", "default", "a");
        let o = s.put(k.clone(), json!({"metadata": {"name": "a"}}));
        assert_eq!(rv_of(&o), 2);
        s.put(
            k.clone(),
            json!({"metadata": {"name": "a"}, "data": {"x": "1"}}),
        );
        s.remove(&k);
        assert_eq!(s.rv, 4);
        // Only two events kept: a watch from rv 1 is too old, from rv 2 is fine.
        assert!(s.events_since(1).is_none());
        assert_eq!(s.events_since(2).unwrap().len(), 2);
        s.compact();
        assert!(
            s.events_since(4).is_none(),
            "the last rv a client saw is too old now"
        );
        assert!(s.events_since(5).unwrap().is_empty());
    }
}
