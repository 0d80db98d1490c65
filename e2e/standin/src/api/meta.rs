//! Object metadata rules: names, labels, annotations, finalizers and timestamps, checked the
//! way the API server checks them.

use serde_json::Value;

use super::errors::FieldError;

/// Now, as Kubernetes writes timestamps (RFC 3339, whole seconds, UTC).
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Now plus `secs` seconds, in the same format.
pub fn now_plus(secs: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(secs))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

pub fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// Five random lowercase alphanumerics, as generateName appends.
pub fn random_suffix() -> String {
    const CHARS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let u = uuid::Uuid::new_v4();
    u.as_bytes()[..5]
        .iter()
        .map(|b| CHARS[*b as usize % CHARS.len()] as char)
        .collect()
}

fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// RFC 1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253 characters.
pub fn is_dns_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns_label)
}

/// The name rule of a kind: most use RFC 1123 subdomains; these use RFC 1123 labels, and
/// Services RFC 1035 labels (starting with a letter).
pub fn validate_name(kind: &str, name: &str) -> Option<String> {
    match kind {
        "Namespace" => (!is_dns_label(name)).then(|| {
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()
        }),
        "Service" => (!is_dns_label(name) || !name.starts_with(|c: char| c.is_ascii_lowercase()))
            .then(|| {
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')".to_string()
            }),
        _ => (!is_dns_subdomain(name)).then(|| {
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()
        }),
    }
}

/// A qualified name (`prefix/name`, the name part at most 63 characters of alphanumerics,
/// '-', '_' and '.'), as label keys, annotation keys and finalizers use.
fn is_qualified_name(s: &str) -> bool {
    let (prefix, name) = match s.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name.as_bytes()[name.len() - 1].is_ascii_alphanumeric();
    name_ok && prefix.is_none_or(|p| !p.is_empty() && is_dns_subdomain(p))
}

fn is_label_value(s: &str) -> bool {
    s.is_empty()
        || (s.len() <= 63
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            && s.as_bytes()[0].is_ascii_alphanumeric()
            && s.as_bytes()[s.len() - 1].is_ascii_alphanumeric())
}

/// Labels, annotations and finalizers of `metadata`.
pub fn validate_metadata(meta: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(labels) = meta.get("labels") {
        match labels.as_object() {
            Some(m) => {
                for (k, v) in m {
                    if !is_qualified_name(k) {
                        errs.push(FieldError::invalid(
                            "metadata.labels",
                            &Value::String(k.clone()),
                            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                        ));
                    }
                    match v.as_str() {
                        Some(s) if is_label_value(s) => {}
                        _ => errs.push(FieldError::invalid(
                            format!("metadata.labels.{k}"),
                            v,
                            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                        )),
                    }
                }
            }
            None if labels.is_null() => {}
            None => errs.push(FieldError::type_invalid(
                "metadata.labels",
                labels,
                "object",
            )),
        }
    }
    if let Some(ann) = meta.get("annotations").and_then(Value::as_object) {
        let total: usize = ann
            .iter()
            .map(|(k, v)| k.len() + v.as_str().map_or(0, str::len))
            .sum();
        for (k, v) in ann {
            if !is_qualified_name(k) {
                errs.push(FieldError::invalid(
                    "metadata.annotations",
                    &Value::String(k.clone()),
                    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                ));
            }
            if !v.is_string() {
                errs.push(FieldError::type_invalid(
                    format!("metadata.annotations.{k}"),
                    v,
                    "string",
                ));
            }
        }
        if total > 256 * 1024 {
            errs.push(FieldError {
                reason: "FieldValueTooLong",
                field: "metadata.annotations".into(),
                message: "Too long: must have at most 262144 bytes".into(),
                value: None,
            });
        }
    }
    if let Some(f) = meta.get("finalizers").and_then(Value::as_array) {
        for (i, x) in f.iter().enumerate() {
            match x.as_str() {
                Some(s) if is_qualified_name(s) => {}
                _ => errs.push(FieldError::invalid(
                    format!("metadata.finalizers[{i}]"),
                    x,
                    "name part must consist of alphanumeric characters, '-', '_' or '.'",
                )),
            }
        }
    }
    errs
}

pub fn str_at<'a>(v: &'a Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr).and_then(Value::as_str)
}

/// The strings of a JSON list (other elements skipped); empty when absent.
pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

pub fn finalizers(obj: &Value) -> Vec<String> {
    strings(obj.pointer("/metadata/finalizers"))
}

pub fn set_finalizers(obj: &mut Value, list: &[String]) {
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        if list.is_empty() {
            meta.remove("finalizers");
        } else {
            meta.insert(
                "finalizers".into(),
                Value::Array(list.iter().map(|s| Value::String(s.clone())).collect()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_and_labels() {
        assert!(validate_name("ConfigMap", "a.b-c").is_none());
        assert!(validate_name("ConfigMap", "A").is_some());
        assert!(validate_name("Service", "1abc").is_some());
        assert!(validate_name("Namespace", "a.b").is_some());
        assert!(validate_metadata(&json!({"labels": {"app.kubernetes.io/name": "x"}})).is_empty());
        assert_eq!(
            validate_metadata(&json!({"labels": {"a": "-bad"}})).len(),
            1
        );
        assert_eq!(
            validate_metadata(&json!({"finalizers": ["kafka.moldau.dev/topic", "bad value"]}))
                .len(),
            1
        );
        assert_eq!(random_suffix().len(), 5);
    }
}
