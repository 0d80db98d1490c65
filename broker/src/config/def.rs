//! Typed configuration definitions shared by broker and topic configs:
//! a key's name, type, default and validator, in the shape of Kafka's `ConfigDef`.

use std::collections::BTreeMap;

/// The type of a configuration value, named as Kafka's DescribeConfigs reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigType {
    Boolean,
    Int,
    Long,
    Double,
    String,
    List,
}

impl ConfigType {
    /// DescribeConfigs v3+ `config_type` code.
    pub fn code(self) -> i8 {
        match self {
            ConfigType::Boolean => 1,
            ConfigType::String => 2,
            ConfigType::Int => 3,
            ConfigType::Long => 5,
            ConfigType::Double => 6,
            ConfigType::List => 7,
        }
    }
}

/// What values a key accepts beyond its type.
#[derive(Debug, Clone, Copy)]
pub enum Validator {
    Any,
    AtLeast(i64),
    Between(f64, f64),
    OneOf(&'static [&'static str]),
    /// A comma-separated list whose items are each one of these.
    ListOf(&'static [&'static str]),
    /// A Kafka key moldau knows but whose feature it lacks: only the empty value (the
    /// default) is accepted; anything else is refused with this reason.
    EmptyOnly(&'static str),
}

/// One configuration key.
#[derive(Debug, Clone, Copy)]
pub struct ConfigKey {
    pub name: &'static str,
    pub ty: ConfigType,
    /// `None` means "no default" (Kafka's null).
    pub default: Option<&'static str>,
    pub validator: Validator,
    pub doc: &'static str,
}

impl ConfigKey {
    pub const fn new(
        name: &'static str,
        ty: ConfigType,
        default: Option<&'static str>,
        validator: Validator,
        doc: &'static str,
    ) -> Self {
        ConfigKey {
            name,
            ty,
            default,
            validator,
            doc,
        }
    }

    /// Checks a value against the key's type and validator; the message names the key.
    pub fn validate(&self, value: &str) -> Result<(), String> {
        let value = value.trim();
        let bad = |why: String| Err(format!("invalid value {value:?} for {}: {why}", self.name));
        match self.ty {
            ConfigType::Boolean => {
                if !matches!(value.to_ascii_lowercase().as_str(), "true" | "false") {
                    return bad("expected true or false".into());
                }
            }
            ConfigType::Int => match value.parse::<i32>() {
                Ok(v) => return self.check_number(v as f64, value),
                Err(_) => return bad("expected a 32-bit integer".into()),
            },
            ConfigType::Long => match value.parse::<i64>() {
                Ok(v) => return self.check_number(v as f64, value),
                Err(_) => return bad("expected a 64-bit integer".into()),
            },
            ConfigType::Double => match value.parse::<f64>() {
                Ok(v) if v.is_finite() => return self.check_number(v, value),
                _ => return bad("expected a number".into()),
            },
            ConfigType::String | ConfigType::List => {}
        }
        match self.validator {
            Validator::OneOf(allowed) if !allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) => {
                return bad(format!("allowed values are {}", allowed.join(", ")));
            }
            Validator::EmptyOnly(why) if !value.trim().is_empty() => {
                return bad(why.to_string());
            }
            Validator::ListOf(allowed) => {
                for item in split_list(value) {
                    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&item)) {
                        return bad(format!("allowed list items are {}", allowed.join(", ")));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn check_number(&self, v: f64, raw: &str) -> Result<(), String> {
        match self.validator {
            Validator::AtLeast(min) if v < min as f64 => Err(format!(
                "invalid value {raw:?} for {}: must be at least {min}",
                self.name
            )),
            Validator::Between(lo, hi) if v < lo || v > hi => Err(format!(
                "invalid value {raw:?} for {}: must be between {lo} and {hi}",
                self.name
            )),
            _ => Ok(()),
        }
    }
}

/// Splits a Kafka list value ("a, b,c") into trimmed, non-empty items.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads typed values out of a validated string map, falling back to each key's default.
pub struct Values<'a> {
    pub defs: &'a [ConfigKey],
    pub map: &'a BTreeMap<String, String>,
}

impl Values<'_> {
    pub fn raw(&self, name: &str) -> Option<String> {
        if let Some(v) = self.map.get(name) {
            return Some(v.trim().to_string());
        }
        self.defs
            .iter()
            .find(|k| k.name == name)
            .and_then(|k| k.default.map(str::to_string))
    }
    pub fn is_set(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }
    pub fn long(&self, name: &str) -> Option<i64> {
        self.raw(name).and_then(|v| v.parse().ok())
    }
    pub fn int(&self, name: &str) -> Option<i32> {
        self.raw(name).and_then(|v| v.parse().ok())
    }
    pub fn double(&self, name: &str) -> Option<f64> {
        self.raw(name).and_then(|v| v.parse().ok())
    }
    pub fn boolean(&self, name: &str) -> Option<bool> {
        self.raw(name).map(|v| v.eq_ignore_ascii_case("true"))
    }
    pub fn string(&self, name: &str) -> Option<String> {
        self.raw(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_key() {
        let k = ConfigKey::new("x.y", ConfigType::Int, Some("1"), Validator::AtLeast(1), "");
        assert!(k.validate("5").is_ok());
        let e = k.validate("0").unwrap_err();
        assert!(e.contains("x.y") && e.contains("at least 1"), "{e}");
        assert!(k.validate("abc").unwrap_err().contains("x.y"));
        let p = ConfigKey::new(
            "cleanup.policy",
            ConfigType::List,
            Some("delete"),
            Validator::ListOf(&["delete", "compact"]),
            "",
        );
        assert!(p.validate("compact,delete").is_ok());
        assert!(p.validate("shred").is_err());
    }
}
