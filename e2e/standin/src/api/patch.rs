//! The non-apply patch types: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
//! Kubernetes' strategic merge patch for built-in kinds (lists with a merge key merge by key,
//! the `$patch`, `$deleteFromPrimitiveList`, `$setElementOrder` and `$retainKeys` directives).

use serde_json::{Map, Value};

use super::registry::{ListType, ResourceType, list_type};

/// RFC 7386: objects merge recursively, `null` deletes, everything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let t = target.as_object_mut().expect("just made an object");
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// RFC 6902. Errors name the failing operation, as the API server's messages do.
pub fn json_patch(target: &mut Value, patch: &Value) -> Result<(), String> {
    let ops = patch
        .as_array()
        .ok_or("json patch must be a list of operations")?;
    for (i, op) in ops.iter().enumerate() {
        let kind = op
            .get("op")
            .and_then(Value::as_str)
            .ok_or(format!("operation {i}: missing \"op\""))?;
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .ok_or(format!("operation {i}: missing \"path\""))?;
        let value = || {
            op.get("value")
                .cloned()
                .ok_or(format!("operation {i} ({kind}): missing \"value\""))
        };
        match kind {
            "add" => add(target, path, value()?)?,
            "remove" => {
                remove(target, path)?;
            }
            "replace" => {
                remove(target, path)?;
                add(target, path, value()?)?;
            }
            "move" => {
                let from = op
                    .get("from")
                    .and_then(Value::as_str)
                    .ok_or(format!("operation {i}: missing \"from\""))?;
                let v = remove(target, from)?;
                add(target, path, v)?;
            }
            "copy" => {
                let from = op
                    .get("from")
                    .and_then(Value::as_str)
                    .ok_or(format!("operation {i}: missing \"from\""))?;
                let v = target
                    .pointer(from)
                    .cloned()
                    .ok_or(format!("copy from {from}: missing path"))?;
                add(target, path, v)?;
            }
            "test" => {
                let want = value()?;
                if target.pointer(path) != Some(&want) {
                    return Err(format!(
                        "testing value {path} failed: the value does not match"
                    ));
                }
            }
            other => return Err(format!("unexpected operation {other:?}")),
        }
    }
    Ok(())
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn split_parent(path: &str) -> Result<(&str, String), String> {
    let idx = path
        .rfind('/')
        .ok_or(format!("invalid JSON pointer {path:?}"))?;
    Ok((&path[..idx], unescape(&path[idx + 1..])))
}

fn add(target: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *target = value;
        return Ok(());
    }
    let (parent, key) = split_parent(path)?;
    let p = target.pointer_mut(parent).ok_or(format!(
        "add operation does not apply: doc is missing path: \"{path}\""
    ))?;
    match p {
        Value::Object(m) => {
            m.insert(key, value);
            Ok(())
        }
        Value::Array(a) => {
            if key == "-" {
                a.push(value);
                return Ok(());
            }
            let i: usize = key
                .parse()
                .map_err(|_| format!("add operation: bad array index {key:?}"))?;
            if i > a.len() {
                return Err(format!(
                    "add operation does not apply: index {i} out of bounds"
                ));
            }
            a.insert(i, value);
            Ok(())
        }
        _ => Err(format!(
            "add operation does not apply: doc is missing path: \"{path}\""
        )),
    }
}

fn remove(target: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, key) = split_parent(path)?;
    let missing = || format!("remove operation does not apply: doc is missing path: \"{path}\"");
    match target.pointer_mut(parent).ok_or_else(missing)? {
        Value::Object(m) => m.remove(&key).ok_or_else(missing),
        Value::Array(a) => {
            let i: usize = key.parse().map_err(|_| missing())?;
            if i >= a.len() {
                return Err(missing());
            }
            Ok(a.remove(i))
        }
        _ => Err(missing()),
    }
}

/// Strategic merge patch of a built-in object of type `rt`.
pub fn strategic_merge_patch(
    rt: &ResourceType,
    target: &mut Value,
    patch: &Value,
) -> Result<(), String> {
    let mut path = Vec::new();
    smp_value(rt, &mut path, target, patch)
}

fn smp_value(
    rt: &ResourceType,
    path: &mut Vec<String>,
    target: &mut Value,
    patch: &Value,
) -> Result<(), String> {
    let Some(p) = patch.as_object() else {
        *target = patch.clone();
        return Ok(());
    };
    if p.get("$patch").and_then(Value::as_str) == Some("replace") {
        let mut clean = patch.clone();
        strip_directives(&mut clean);
        *target = clean;
        return Ok(());
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let retain: Option<Vec<String>> = p.get("$retainKeys").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect()
    });
    for (k, v) in p {
        if k.starts_with('$') {
            continue;
        }
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            let t = target.as_object_mut().expect("object");
            if let (Some(Value::Array(list)), Some(del)) = (t.get_mut(field), v.as_array()) {
                list.retain(|x| !del.contains(x));
            }
            continue;
        }
        if k.starts_with("$setElementOrder/") {
            continue;
        }
        let t = target.as_object_mut().expect("object");
        if v.is_null() {
            t.remove(k);
            continue;
        }
        path.push(k.clone());
        match v {
            Value::Array(items) => {
                let lt = list_type(rt, None, path);
                let cur = t.entry(k.clone()).or_insert(Value::Array(Vec::new()));
                smp_list(rt, path, cur, items, &lt)?;
            }
            Value::Object(_) => {
                smp_value(rt, path, t.entry(k.clone()).or_insert(Value::Null), v)?;
            }
            other => {
                t.insert(k.clone(), other.clone());
            }
        }
        path.pop();
    }
    if let (Some(keep), Some(t)) = (retain, target.as_object_mut()) {
        t.retain(|k, _| keep.contains(k));
    }
    Ok(())
}

fn smp_list(
    rt: &ResourceType,
    path: &mut Vec<String>,
    target: &mut Value,
    items: &[Value],
    lt: &ListType,
) -> Result<(), String> {
    let ListType::Map(keys) = lt else {
        // Lists without a merge key are replaced (directives removed).
        let mut v = Value::Array(items.to_vec());
        strip_directives(&mut v);
        *target = v;
        return Ok(());
    };
    if items
        .iter()
        .any(|i| i.get("$patch").and_then(Value::as_str) == Some("replace"))
    {
        let kept: Vec<Value> = items
            .iter()
            .filter(|i| i.get("$patch").is_none())
            .cloned()
            .collect();
        let mut v = Value::Array(kept);
        strip_directives(&mut v);
        *target = v;
        return Ok(());
    }
    if !target.is_array() {
        *target = Value::Array(Vec::new());
    }
    let list = target.as_array_mut().expect("array");
    let key_of = |v: &Value| -> Vec<Value> {
        keys.iter()
            .map(|k| v.get(k).cloned().unwrap_or(Value::Null))
            .collect()
    };
    path.push("[]".into());
    for item in items {
        let k = key_of(item);
        let pos = list.iter().position(|x| key_of(x) == k);
        if item.get("$patch").and_then(Value::as_str) == Some("delete") {
            if let Some(i) = pos {
                list.remove(i);
            }
            continue;
        }
        match pos {
            Some(i) => smp_value(rt, path, &mut list[i], item)?,
            None => {
                let mut v = item.clone();
                strip_directives(&mut v);
                list.push(v);
            }
        }
    }
    path.pop();
    Ok(())
}

fn strip_directives(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !k.starts_with('$'));
            for x in m.values_mut() {
                strip_directives(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_directives),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::Registry;
    use serde_json::json;

    #[test]
    fn merge_patch_semantics() {
        let mut t = json!({"a": {"b": 1, "c": 2}, "l": [1, 2]});
        merge_patch(&mut t, &json!({"a": {"b": null, "d": 3}, "l": [3]}));
        assert_eq!(t, json!({"a": {"c": 2, "d": 3}, "l": [3]}));
    }

    #[test]
    fn json_patch_operations() {
        let mut t = json!({"spec": {"replicas": 1, "list": ["a"]}});
        json_patch(
            &mut t,
            &json!([
                {"op": "replace", "path": "/spec/replicas", "value": 3},
                {"op": "add", "path": "/spec/list/-", "value": "b"},
                {"op": "test", "path": "/spec/replicas", "value": 3},
                {"op": "remove", "path": "/spec/list/0"}
            ]),
        )
        .unwrap();
        assert_eq!(t, json!({"spec": {"replicas": 3, "list": ["b"]}}));
        assert!(json_patch(&mut t, &json!([{"op": "remove", "path": "/nope"}])).is_err());
    }

    #[test]
    fn strategic_merge_by_key() {
        let r = Registry::builtin();
        let pods = r.get("", "pods").unwrap();
        let mut pod = json!({"spec": {"containers": [
            {"name": "a", "image": "x:1", "env": [{"name": "A", "value": "1"}]},
            {"name": "b", "image": "y:1"}]}});
        strategic_merge_patch(
            pods,
            &mut pod,
            &json!({"spec": {"containers": [
                {"name": "a", "image": "x:2", "env": [{"name": "B", "value": "2"}]},
                {"name": "b", "$patch": "delete"},
                {"name": "c", "image": "z:1"}]}}),
        )
        .unwrap();
        assert_eq!(
            pod,
            json!({"spec": {"containers": [
                {"name": "a", "image": "x:2", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
                {"name": "c", "image": "z:1"}]}})
        );
    }
}
