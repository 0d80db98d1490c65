//! API errors as Kubernetes reports them: a `Status` object with `reason`, `code`, `message`
//! and `details`, which kubectl and kube-rs parse.

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: u16,
    pub reason: &'static str,
    pub message: String,
    /// `details` of the Status (name, group, kind, causes), when there are any.
    pub details: Option<Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.reason, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn new(code: u16, reason: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            reason,
            message: message.into(),
            details: None,
        }
    }

    fn with_details(mut self, details: Value) -> ApiError {
        self.details = Some(details);
        self
    }

    /// `<resource>.<group> "<name>" not found`.
    pub fn not_found(group: &str, plural: &str, name: &str) -> ApiError {
        let gr = group_resource(group, plural);
        ApiError::new(404, "NotFound", format!("{gr} \"{name}\" not found"))
            .with_details(json!({"name": name, "group": group, "kind": plural}))
    }

    pub fn already_exists(group: &str, plural: &str, name: &str) -> ApiError {
        let gr = group_resource(group, plural);
        ApiError::new(
            409,
            "AlreadyExists",
            format!("{gr} \"{name}\" already exists"),
        )
        .with_details(json!({"name": name, "group": group, "kind": plural}))
    }

    /// Optimistic concurrency: the write was based on an old resourceVersion.
    pub fn conflict(group: &str, plural: &str, name: &str, why: &str) -> ApiError {
        let gr = group_resource(group, plural);
        ApiError::new(
            409,
            "Conflict",
            format!("Operation cannot be fulfilled on {gr} \"{name}\": {why}"),
        )
        .with_details(json!({"name": name, "group": group, "kind": plural}))
    }

    /// Server-side apply conflicts: one cause per conflicting field and manager.
    pub fn apply_conflict(conflicts: &[(String, String)]) -> ApiError {
        let n = conflicts.len();
        let mut message = format!(
            "Apply failed with {n} conflict{}: ",
            if n == 1 { "" } else { "s" }
        );
        let parts: Vec<String> = conflicts
            .iter()
            .map(|(manager, field)| format!("conflict with \"{manager}\": {field}"))
            .collect();
        message.push_str(&parts.join("\n"));
        let causes: Vec<Value> = conflicts
            .iter()
            .map(|(manager, field)| {
                json!({"reason": "FieldManagerConflict",
                       "message": format!("conflict with \"{manager}\""), "field": field})
            })
            .collect();
        ApiError::new(409, "Conflict", message).with_details(json!({"causes": causes}))
    }

    /// 422: the object is invalid. `causes` are `(field, message)`; the Status lists them the
    /// way the API server does (`FieldValueInvalid`, ...).
    pub fn invalid(kind: &str, group: &str, name: &str, causes: &[FieldError]) -> ApiError {
        let listed: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
        let message = if listed.len() == 1 {
            format!("{kind}.{group} \"{name}\" is invalid: {}", listed[0])
        } else {
            format!(
                "{kind}.{group} \"{name}\" is invalid: [{}]",
                listed.join(", ")
            )
        };
        let message = message.replace(&format!("{kind}. \""), &format!("{kind} \""));
        let causes: Vec<Value> = causes
            .iter()
            .map(|c| json!({"reason": c.reason, "message": c.detail_message(), "field": c.field}))
            .collect();
        ApiError::new(422, "Invalid", message)
            .with_details(json!({"name": name, "group": group, "kind": kind, "causes": causes}))
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "BadRequest", message)
    }

    pub fn method_not_allowed(message: impl Into<String>) -> ApiError {
        ApiError::new(405, "MethodNotAllowed", message)
    }

    pub fn unsupported_media_type(message: impl Into<String>) -> ApiError {
        ApiError::new(415, "UnsupportedMediaType", message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(403, "Forbidden", message)
    }

    /// 410: a watch or list asked for a resourceVersion older than the kept history.
    pub fn expired(message: impl Into<String>) -> ApiError {
        ApiError::new(410, "Expired", message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(500, "InternalError", message)
    }

    /// The `Status` object for this error.
    pub fn status(&self) -> Value {
        let mut s = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if let Some(d) = &self.details {
            s["details"] = d.clone();
        }
        s
    }
}

fn group_resource(group: &str, plural: &str) -> String {
    if group.is_empty() {
        plural.to_string()
    } else {
        format!("{plural}.{group}")
    }
}

/// One invalid field, as in the API server's `field.Error`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, ...
    pub reason: &'static str,
    pub field: String,
    pub message: String,
    /// The offending value, printed after "Invalid value:" where the API server prints it.
    pub value: Option<Value>,
}

impl FieldError {
    pub fn required(field: impl Into<String>) -> FieldError {
        FieldError {
            reason: "FieldValueRequired",
            field: field.into(),
            message: String::new(),
            value: None,
        }
    }

    pub fn invalid(
        field: impl Into<String>,
        value: &Value,
        message: impl Into<String>,
    ) -> FieldError {
        FieldError {
            reason: "FieldValueInvalid",
            field: field.into(),
            message: message.into(),
            value: Some(value.clone()),
        }
    }

    pub fn not_supported(field: impl Into<String>, value: &Value, allowed: &[Value]) -> FieldError {
        let listed: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
        FieldError {
            reason: "FieldValueNotSupported",
            field: field.into(),
            message: format!("supported values: {}", listed.join(", ")),
            value: Some(value.clone()),
        }
    }

    pub fn type_invalid(field: impl Into<String>, value: &Value, expected: &str) -> FieldError {
        FieldError {
            reason: "FieldValueTypeInvalid",
            field: field.into(),
            message: format!("must be of type {expected}"),
            value: Some(value.clone()),
        }
    }

    /// A type error with the API server's full wording in `message`.
    pub fn type_mismatch(
        field: impl Into<String>,
        value: &Value,
        message: impl Into<String>,
    ) -> FieldError {
        FieldError {
            reason: "FieldValueTypeInvalid",
            field: field.into(),
            message: message.into(),
            value: Some(value.clone()),
        }
    }

    pub fn forbidden(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            reason: "FieldValueForbidden",
            field: field.into(),
            message: message.into(),
            value: None,
        }
    }

    /// The message of a Status cause (without the field name).
    pub fn detail_message(&self) -> String {
        let value = self.value.as_ref().map(short_value);
        match self.reason {
            "FieldValueRequired" => "Required value".to_string(),
            "FieldValueNotSupported" => format!(
                "Unsupported value: {}: {}",
                value.unwrap_or_default(),
                self.message
            ),
            "FieldValueTypeInvalid" => format!(
                "Invalid value: {}: {}",
                value.unwrap_or_default(),
                self.message
            ),
            "FieldValueForbidden" => format!("Forbidden: {}", self.message),
            _ => match value {
                Some(v) => format!("Invalid value: {v}: {}", self.message),
                None => format!("Invalid value: {}", self.message),
            },
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.detail_message())
    }
}

/// A value as the API server prints it in messages: strings quoted, objects and lists as
/// `"object"` / `"array"`-like short forms.
fn short_value(v: &Value) -> String {
    match v {
        Value::Object(_) => "\"object\"".to_string(),
        Value::Array(a) if a.len() > 3 => format!("[{} items]", a.len()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_shapes() {
        let e = ApiError::not_found("apps", "statefulsets", "web");
        let s = e.status();
        assert_eq!(s["code"], 404);
        assert_eq!(s["reason"], "NotFound");
        assert_eq!(s["message"], "statefulsets.apps \"web\" not found");
        let e = ApiError::invalid(
            "Widget",
            "example.com",
            "w1",
            &[FieldError::invalid(
                "spec.size",
                &json!(-1),
                "should be greater than or equal to 0",
            )],
        );
        assert_eq!(
            e.message,
            "Widget.example.com \"w1\" is invalid: spec.size: Invalid value: -1: should be greater than or equal to 0"
        );
        let e = ApiError::invalid("ConfigMap", "", "x", &[FieldError::required("data")]);
        assert_eq!(
            e.message,
            "ConfigMap \"x\" is invalid: data: Required value"
        );
    }
}
