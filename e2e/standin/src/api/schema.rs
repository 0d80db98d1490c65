//! Custom resources against their CRD's structural schema (openAPIV3Schema), as the API
//! server treats them: unknown fields pruned (or refused / warned about per
//! `fieldValidation`), `default`s filled in, then the value validated — types, `required`,
//! `enum`, bounds, lengths, `pattern`, item and property counts, `nullable`,
//! `x-kubernetes-int-or-string`, `x-kubernetes-preserve-unknown-fields`, and the CEL rules of
//! `x-kubernetes-validations` (with `oldSelf` for transition rules on updates).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::errors::FieldError;

/// Removes fields the schema does not know; returns their paths (`spec.foo`).
pub fn prune(schema: &Value, obj: &mut Value) -> Vec<String> {
    let mut unknown = Vec::new();
    if let Some(m) = obj.as_object_mut() {
        let props = schema.get("properties").and_then(Value::as_object);
        let mut keys: Vec<String> = m.keys().cloned().collect();
        keys.sort();
        for k in keys {
            if matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                continue;
            }
            match props.and_then(|p| p.get(&k)) {
                Some(s) => prune_at(s, m.get_mut(&k).expect("key listed"), &k, &mut unknown),
                None if preserves(schema) => {}
                None => {
                    m.remove(&k);
                    unknown.push(k);
                }
            }
        }
    }
    unknown
}

fn preserves(s: &Value) -> bool {
    s.get("x-kubernetes-preserve-unknown-fields")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn prune_at(s: &Value, v: &mut Value, path: &str, unknown: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if s.get("x-kubernetes-embedded-resource")
                .and_then(Value::as_bool)
                == Some(true)
            {
                // apiVersion, kind and metadata of an embedded object are always kept.
                let mut inner = s.clone();
                if let Some(p) = inner.get_mut("properties").and_then(Value::as_object_mut) {
                    for k in ["apiVersion", "kind", "metadata"] {
                        p.entry(k).or_insert(
                            serde_json::json!({"x-kubernetes-preserve-unknown-fields": true}),
                        );
                    }
                }
                return prune_object(&inner, m, path, unknown);
            }
            prune_object(s, m, path, unknown)
        }
        Value::Array(items) => {
            if let Some(is) = s.get("items") {
                for (i, x) in items.iter_mut().enumerate() {
                    prune_at(is, x, &format!("{path}[{i}]"), unknown);
                }
            }
        }
        _ => {}
    }
}

fn prune_object(s: &Value, m: &mut Map<String, Value>, path: &str, unknown: &mut Vec<String>) {
    let props = s.get("properties").and_then(Value::as_object);
    let additional = s.get("additionalProperties").filter(|a| a.is_object());
    let mut keys: Vec<String> = m.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let child_path = format!("{path}.{k}");
        let child_schema = props.and_then(|p| p.get(&k)).or(additional);
        match child_schema {
            Some(cs) => prune_at(cs, m.get_mut(&k).expect("key listed"), &child_path, unknown),
            None if preserves(s) || s.get("additionalProperties") == Some(&Value::Bool(true)) => {}
            None => {
                m.remove(&k);
                unknown.push(child_path);
            }
        }
    }
}

/// Fills in `default`s for absent fields of present objects (and of list items).
pub fn apply_defaults(schema: &Value, v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, ps) in props {
                    if !m.contains_key(k)
                        && let Some(d) = ps.get("default")
                    {
                        m.insert(k.clone(), d.clone());
                    }
                    if let Some(child) = m.get_mut(k) {
                        apply_defaults(ps, child);
                    }
                }
            }
            if let Some(add) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                let props = schema.get("properties").and_then(Value::as_object);
                for (k, child) in m.iter_mut() {
                    if props.is_none_or(|p| !p.contains_key(k)) {
                        apply_defaults(add, child);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(is) = schema.get("items") {
                for x in items {
                    apply_defaults(is, x);
                }
            }
        }
        _ => {}
    }
}

/// Validates `v` (the whole object) against the schema; `old` is the stored object on
/// updates, for transition rules.
pub fn validate(schema: &Value, v: &Value, old: Option<&Value>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(m) = v.as_object() else {
        errs.push(FieldError::type_invalid("<root>", v, "object"));
        return errs;
    };
    let props = schema.get("properties").and_then(Value::as_object);
    for req in required(schema) {
        if !m.contains_key(&req) {
            errs.push(FieldError::required(req));
        }
    }
    for (k, child) in m {
        if matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
            continue;
        }
        if let Some(cs) = props.and_then(|p| p.get(k)) {
            validate_at(cs, child, old.and_then(|o| o.get(k)), k, &mut errs);
        }
    }
    rules(schema, v, old, "", &mut errs);
    errs
}

fn required(s: &Value) -> Vec<String> {
    super::meta::strings(s.get("required"))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn validate_at(s: &Value, v: &Value, old: Option<&Value>, path: &str, errs: &mut Vec<FieldError>) {
    if v.is_null() {
        if s.get("nullable").and_then(Value::as_bool) != Some(true) {
            let expected = s.get("type").and_then(Value::as_str).unwrap_or("object");
            errs.push(FieldError::type_mismatch(
                path,
                &Value::String("null".into()),
                format!("{path} in body must be of type {expected}"),
            ));
        }
        return;
    }
    let int_or_string = s.get("x-kubernetes-int-or-string").and_then(Value::as_bool) == Some(true);
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let actual = type_name(v);
        let ok = actual == t || (t == "number" && actual == "integer");
        if !ok && !int_or_string {
            errs.push(FieldError::type_mismatch(
                path,
                &Value::String(actual.into()),
                format!("{path} in body must be of type {t}: \"{actual}\""),
            ));
            return;
        }
    } else if int_or_string && !matches!(type_name(v), "integer" | "string") {
        errs.push(FieldError::type_mismatch(
            path,
            &Value::String(type_name(v).into()),
            format!("{path} in body must be of type integer or string"),
        ));
        return;
    }
    if let Some(allowed) = s.get("enum").and_then(Value::as_array)
        && !allowed.contains(v)
    {
        errs.push(FieldError::not_supported(path, v, allowed));
    }
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let num = |k: &str| s.get(k).and_then(Value::as_f64);
            let excl = |k: &str| s.get(k).and_then(Value::as_bool).unwrap_or(false);
            if let Some(min) = num("minimum")
                && (x < min || (excl("exclusiveMinimum") && x == min))
            {
                let rel = if excl("exclusiveMinimum") {
                    "greater than"
                } else {
                    "greater than or equal to"
                };
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should be {rel} {}", fmt_num(min)),
                ));
            }
            if let Some(max) = num("maximum")
                && (x > max || (excl("exclusiveMaximum") && x == max))
            {
                let rel = if excl("exclusiveMaximum") {
                    "less than"
                } else {
                    "less than or equal to"
                };
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should be {rel} {}", fmt_num(max)),
                ));
            }
            if s.get("format").and_then(Value::as_str) == Some("int32")
                && let Some(i) = n.as_i64()
                && i32::try_from(i).is_err()
            {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body must be of type int32"),
                ));
            }
        }
        Value::String(st) => {
            let len = st.chars().count() as u64;
            if let Some(max) = s.get("maxLength").and_then(Value::as_u64)
                && len > max
            {
                errs.push(FieldError {
                    reason: "FieldValueTooLong",
                    field: path.into(),
                    message: format!("Too long: may not be more than {max} bytes"),
                    value: None,
                });
            }
            if let Some(min) = s.get("minLength").and_then(Value::as_u64)
                && len < min
            {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should be at least {min} chars long"),
                ));
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                match regex::Regex::new(p) {
                    Ok(re) if !re.is_match(st) => errs.push(FieldError::invalid(
                        path,
                        v,
                        format!("{path} in body should match '{p}'"),
                    )),
                    _ => {}
                }
            }
        }
        Value::Array(items) => {
            if let Some(max) = s.get("maxItems").and_then(Value::as_u64)
                && items.len() as u64 > max
            {
                errs.push(FieldError {
                    reason: "FieldValueTooMany",
                    field: path.into(),
                    message: format!("Too many: {}: must have at most {max} items", items.len()),
                    value: None,
                });
            }
            if let Some(min) = s.get("minItems").and_then(Value::as_u64)
                && (items.len() as u64) < min
            {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should have at least {min} items"),
                ));
            }
            if let Some(is) = s.get("items") {
                let old_items = old.and_then(Value::as_array);
                for (i, x) in items.iter().enumerate() {
                    let old_x = old_items.and_then(|o| correlate_item(s, o, x, i));
                    validate_at(is, x, old_x, &format!("{path}[{i}]"), errs);
                }
            }
            if s.get("x-kubernetes-list-type").and_then(Value::as_str) == Some("set") {
                for (i, x) in items.iter().enumerate() {
                    if items[..i].contains(x) {
                        errs.push(FieldError {
                            reason: "FieldValueDuplicate",
                            field: format!("{path}[{i}]"),
                            message: format!("Duplicate value: {x}"),
                            value: None,
                        });
                    }
                }
            }
        }
        Value::Object(m) => {
            for req in required(s) {
                if !m.contains_key(&req) {
                    errs.push(FieldError::required(format!("{path}.{req}")));
                }
            }
            if let Some(max) = s.get("maxProperties").and_then(Value::as_u64)
                && m.len() as u64 > max
            {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should have at most {max} properties"),
                ));
            }
            if let Some(min) = s.get("minProperties").and_then(Value::as_u64)
                && (m.len() as u64) < min
            {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body should have at least {min} properties"),
                ));
            }
            let props = s.get("properties").and_then(Value::as_object);
            let additional = s.get("additionalProperties").filter(|a| a.is_object());
            for (k, child) in m {
                let cs = props.and_then(|p| p.get(k)).or(additional);
                if let Some(cs) = cs {
                    validate_at(
                        cs,
                        child,
                        old.and_then(|o| o.get(k)),
                        &format!("{path}.{k}"),
                        errs,
                    );
                }
            }
        }
        _ => {}
    }
    for (key, combine) in [("allOf", 0), ("anyOf", 1), ("oneOf", 2)] {
        if let Some(subs) = s.get(key).and_then(Value::as_array) {
            let results: Vec<Vec<FieldError>> = subs
                .iter()
                .map(|sub| {
                    let mut e = Vec::new();
                    validate_at(sub, v, old, path, &mut e);
                    e
                })
                .collect();
            let passing = results.iter().filter(|e| e.is_empty()).count();
            let ok = match combine {
                0 => passing == subs.len(),
                1 => passing >= 1,
                _ => passing == 1,
            };
            if !ok {
                errs.push(FieldError::invalid(
                    path,
                    v,
                    format!("{path} in body must validate {key}"),
                ));
            }
        }
    }
    rules(s, v, old, path, errs);
}

/// The old element a new list element corresponds to (by map keys, or by index for others),
/// so that transition rules inside lists see their own old value.
fn correlate_item<'a>(s: &Value, old: &'a [Value], x: &Value, i: usize) -> Option<&'a Value> {
    match s.get("x-kubernetes-list-type").and_then(Value::as_str) {
        Some("map") => {
            let keys: Vec<&str> = s
                .get("x-kubernetes-list-map-keys")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            old.iter()
                .find(|o| keys.iter().all(|k| o.get(*k) == x.get(*k)))
        }
        Some("set") => old.iter().find(|o| *o == x),
        _ => old.get(i),
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// Evaluates the CEL rules (`x-kubernetes-validations`) declared on `s` for the value `v`.
fn rules(s: &Value, v: &Value, old: Option<&Value>, path: &str, errs: &mut Vec<FieldError>) {
    let Some(list) = s.get("x-kubernetes-validations").and_then(Value::as_array) else {
        return;
    };
    let field = if path.is_empty() { "<nil>" } else { path };
    for r in list {
        let Some(rule) = r.get("rule").and_then(Value::as_str) else {
            continue;
        };
        let program = match cel::Program::compile(rule) {
            Ok(p) => p,
            Err(e) => {
                errs.push(FieldError::invalid(
                    field,
                    v,
                    format!("compilation failed: {e}"),
                ));
                continue;
            }
        };
        let uses_old = program.references().has_variable("oldSelf");
        let optional_old = r.get("optionalOldSelf").and_then(Value::as_bool) == Some(true);
        if uses_old && old.is_none() && !optional_old {
            // A transition rule: only checked when there is an old value.
            continue;
        }
        let mut ctx = cel::Context::default();
        ctx.add_variable_from_value("self", to_cel(v));
        if let Some(o) = old {
            ctx.add_variable_from_value("oldSelf", to_cel(o));
        } else if optional_old {
            ctx.add_variable_from_value("oldSelf", cel::Value::Null);
        }
        let passed = match program.execute(&ctx) {
            Ok(cel::Value::Bool(b)) => b,
            Ok(other) => {
                errs.push(FieldError::invalid(
                    field,
                    v,
                    format!("rule {rule:?} evaluated to {other:?}, not a bool"),
                ));
                continue;
            }
            Err(e) => {
                errs.push(FieldError::invalid(
                    field,
                    v,
                    format!("rule evaluation error: {e}"),
                ));
                continue;
            }
        };
        if passed {
            continue;
        }
        let message = r
            .get("message")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| format!("failed rule: {rule}"));
        let target = match r.get("fieldPath").and_then(Value::as_str) {
            Some(fp) if path.is_empty() => fp.trim_start_matches('.').to_string(),
            Some(fp) => format!("{path}{fp}"),
            None => field.to_string(),
        };
        let reason = match r.get("reason").and_then(Value::as_str) {
            Some("FieldValueForbidden") => "FieldValueForbidden",
            Some("FieldValueRequired") => "FieldValueRequired",
            Some("FieldValueDuplicate") => "FieldValueDuplicate",
            _ => "FieldValueInvalid",
        };
        errs.push(FieldError {
            reason,
            field: target,
            message,
            value: Some(if v.is_object() {
                Value::String("object".into())
            } else {
                v.clone()
            }),
        });
    }
}

/// JSON to CEL: integers are CEL ints (as Kubernetes types them), objects are maps.
pub fn to_cel(v: &Value) -> cel::Value {
    match v {
        Value::Null => cel::Value::Null,
        Value::Bool(b) => cel::Value::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => cel::Value::Int(i),
            None => n
                .as_u64()
                .map(cel::Value::UInt)
                .unwrap_or_else(|| cel::Value::Float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => cel::Value::String(Arc::new(s.clone())),
        Value::Array(a) => cel::Value::List(Arc::new(a.iter().map(to_cel).collect())),
        Value::Object(m) => {
            let map: HashMap<cel::objects::Key, cel::Value> = m
                .iter()
                .map(|(k, x)| (cel::objects::Key::String(Arc::new(k.clone())), to_cel(x)))
                .collect();
            cel::Value::Map(cel::objects::Map { map: Arc::new(map) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({"type": "object", "properties": {
            "spec": {"type": "object", "required": ["size"],
                "x-kubernetes-validations": [
                    {"rule": "self.size >= oldSelf.size", "message": "size may only grow"}],
                "properties": {
                    "size": {"type": "integer", "minimum": 1},
                    "mode": {"type": "string", "enum": ["fast", "safe"], "default": "safe"},
                    "name": {"type": "string", "maxLength": 5, "pattern": "^[a-z]+$",
                        "x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "name is immutable"}]},
                    "port": {"x-kubernetes-int-or-string": true},
                    "config": {"type": "object", "additionalProperties": {"type": "string"}},
                    "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}},
            "status": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}})
    }

    #[test]
    fn prunes_unknown_fields_and_defaults() {
        let s = schema();
        let mut o = json!({"apiVersion": "x/v1", "kind": "W", "metadata": {"name": "w"},
            "spec": {"size": 1, "bogus": 1, "free": {"anything": 1}, "config": {"a": "b"}}, "extra": true});
        let unknown = prune(&s, &mut o);
        assert_eq!(unknown, vec!["extra".to_string(), "spec.bogus".to_string()]);
        apply_defaults(&s, &mut o);
        assert_eq!(o["spec"]["mode"], "safe");
        assert_eq!(o["spec"]["free"]["anything"], 1);
    }

    #[test]
    fn validation_errors_and_rules() {
        let s = schema();
        let errs = validate(
            &s,
            &json!({"spec": {"size": 0, "mode": "slow", "name": "ABCDEFG", "port": 1.5}}),
            None,
        );
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"spec.size"), "{errs:?}");
        assert!(fields.contains(&"spec.mode"));
        assert!(fields.contains(&"spec.name"));
        assert!(fields.contains(&"spec.port"));
        let errs = validate(&s, &json!({"spec": {}}), None);
        assert_eq!(errs[0].to_string(), "spec.size: Required value");
        // Transition rules: only on update.
        let new = json!({"spec": {"size": 2, "name": "b"}});
        assert!(validate(&s, &new, None).is_empty());
        let old = json!({"spec": {"size": 3, "name": "a"}});
        let errs = validate(&s, &new, Some(&old));
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("size may only grow")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("spec.name:") && m.contains("name is immutable")),
            "{msgs:?}"
        );
    }
}
