//! The bounds check: walks an encoded message along its generated layout before the crate
//! decodes it, reading every length and count the decoder will read, and refuses the message
//! when one claims more than the bytes that follow can hold, when an array or a tagged section
//! is longer than Kafka allows, or when the decoded structure would need more memory than the
//! budget. The walk allocates nothing and does work proportional to the bytes it reads.
//!
//! It mirrors the crate's decoder exactly (the same reads, the same refusals), so a message it
//! accepts decodes, and every allocation the decoder then sizes from a wire count is bounded
//! by the bytes of the frame.

use super::schema::{Kind, Schema, has_version};

/// Limits of one decode.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most elements in one array (Kafka 4.4 refuses more than 1 000 000 as well).
    pub max_array_len: usize,
    /// Most fields in one tagged-field section (Kafka 4.4: 10 000).
    pub max_tagged_fields: usize,
    /// Most bytes the decoded structure may take in memory (arrays and tagged fields;
    /// strings and bytes are views of the frame and cost nothing extra).
    pub max_decoded_bytes: usize,
}

/// What one unknown tagged field costs in memory once decoded (a map entry holding a view).
const TAGGED_ENTRY_BYTES: usize = 64;

/// Why a message was refused, with the path of the field that broke a bound.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {reason}", path.join("."))]
pub struct BoundsError {
    pub path: Vec<&'static str>,
    pub reason: String,
}

fn err<T>(reason: impl Into<String>) -> Result<T, BoundsError> {
    Err(BoundsError {
        path: Vec::new(),
        reason: reason.into(),
    })
}

/// Checks `bytes` against `schema` at `version`; returns how many bytes the message takes.
pub fn check(
    schema: &'static Schema,
    version: i16,
    bytes: &[u8],
    limits: &Limits,
) -> Result<usize, BoundsError> {
    let mut w = Walker {
        bytes,
        pos: 0,
        limits,
        charged: 0,
    };
    w.schema(schema, version).map_err(|mut e| {
        e.path.push(schema.name);
        e.path.reverse();
        e
    })?;
    Ok(w.pos)
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    limits: &'a Limits,
    charged: usize,
}

impl Walker<'_> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&[u8], BoundsError> {
        if n > self.remaining() {
            return err(format!(
                "{what} of {n} bytes, but only {} bytes remain",
                self.remaining()
            ));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn i8(&mut self) -> Result<i8, BoundsError> {
        Ok(self.take(1, "an int8")?[0] as i8)
    }
    fn i16(&mut self) -> Result<i16, BoundsError> {
        let b = self.take(2, "an int16")?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }
    fn i32(&mut self) -> Result<i32, BoundsError> {
        let b = self.take(4, "an int32")?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Kafka's unsigned varint as the crate reads it: at most five bytes, excess bits dropped.
    fn uvarint(&mut self) -> Result<u32, BoundsError> {
        let mut value: u32 = 0;
        for i in 0..5 {
            let b = self.take(1, "a varint")?[0] as u32;
            value |= (b & 0x7f) << (i * 7);
            if b < 0x80 {
                break;
            }
        }
        Ok(value)
    }

    fn charge(&mut self, n: usize, size: usize) -> Result<(), BoundsError> {
        let cost = n.saturating_mul(size);
        self.charged = self.charged.saturating_add(cost);
        if self.charged > self.limits.max_decoded_bytes {
            return err(format!(
                "decoding would take more than {} bytes of memory",
                self.limits.max_decoded_bytes
            ));
        }
        Ok(())
    }

    fn schema(&mut self, s: &'static Schema, version: i16) -> Result<(), BoundsError> {
        if !has_version(s.versions, version) {
            return err(format!("version {version} is not supported"));
        }
        for f in s.fields {
            if has_version(f.versions, version) {
                self.kind(&f.kind, version).map_err(|mut e| {
                    e.path.push(f.name);
                    e
                })?;
            }
        }
        if has_version(s.tagged_versions, version) {
            self.tagged_fields(s, version)?;
        }
        Ok(())
    }

    fn tagged_fields(&mut self, s: &'static Schema, version: i16) -> Result<(), BoundsError> {
        let n = self.uvarint()? as usize;
        if n > self.limits.max_tagged_fields {
            return err(format!(
                "tagged-field section of {n} fields (at most {} allowed)",
                self.limits.max_tagged_fields
            ));
        }
        for _ in 0..n {
            let tag = self.uvarint()?;
            let size = self.uvarint()? as usize;
            match s.tagged.iter().find(|t| t.tag == tag) {
                // The crate decodes a known tag from the stream itself, whatever its size says.
                Some(t) if has_version(t.versions, version) => {
                    self.kind(&t.kind, version).map_err(|mut e| {
                        e.path.push(t.name);
                        e
                    })?;
                }
                Some(_) => return err(format!("tag {tag} is not valid for version {version}")),
                None => {
                    self.take(size, "a tagged field")?;
                    self.charge(1, TAGGED_ENTRY_BYTES)?;
                }
            }
        }
        Ok(())
    }

    /// Reads a length: `None` for null, refusing null where the field is not nullable.
    fn length(&mut self, compact: bool, nullable: bool) -> Result<Option<usize>, BoundsError> {
        let n: i64 = if compact {
            self.uvarint()? as i64 - 1
        } else {
            self.i32()? as i64
        };
        match n {
            -1 if nullable => Ok(None),
            n if n < 0 => err(format!("length is negative ({n})")),
            n => Ok(Some(n as usize)),
        }
    }

    fn kind(&mut self, k: &'static Kind, version: i16) -> Result<(), BoundsError> {
        match k {
            Kind::Fixed(n) => {
                self.take(*n, "a fixed-size field")?;
            }
            Kind::UnsignedVarInt => {
                self.uvarint()?;
            }
            Kind::String { compact, nullable } => {
                let len = if *compact {
                    self.length(true, *nullable)?
                } else {
                    match self.i16()? {
                        -1 if *nullable => None,
                        n if n < 0 => return err(format!("string length is negative ({n})")),
                        n => Some(n as usize),
                    }
                };
                if let Some(len) = len {
                    let s = self.take(len, "a string")?;
                    if std::str::from_utf8(s).is_err() {
                        return err("string is not valid UTF-8");
                    }
                }
            }
            Kind::Bytes { compact, nullable } => {
                if let Some(len) = self.length(*compact, *nullable)? {
                    self.take(len, "a bytes field")?;
                }
            }
            Kind::Array {
                compact,
                nullable,
                elem,
                elem_size,
            } => {
                let Some(n) = self.length(*compact, *nullable)? else {
                    return Ok(());
                };
                if n > self.limits.max_array_len {
                    return err(format!(
                        "array of {n} elements (at most {} allowed)",
                        self.limits.max_array_len
                    ));
                }
                // Every element takes at least one byte unless its type encodes to nothing.
                if n > self.remaining() {
                    return err(format!(
                        "array of {n} elements, but only {} bytes remain",
                        self.remaining()
                    ));
                }
                self.charge(n, *elem_size)?;
                for i in 0..n {
                    self.kind(elem, version).map_err(|mut e| {
                        e.path.push(index_name(i));
                        e
                    })?;
                }
            }
            Kind::Struct(s) => self.schema(s, version)?,
            Kind::OptionStruct(s) => {
                if self.i8()? == 1 {
                    self.schema(s, version)?;
                }
            }
        }
        Ok(())
    }
}

/// Array indexes in error paths ("[0]", "[1]", ... and "[n]" past a few).
fn index_name(i: usize) -> &'static str {
    const NAMES: [&str; 8] = ["[0]", "[1]", "[2]", "[3]", "[4]", "[5]", "[6]", "[7]"];
    NAMES.get(i).copied().unwrap_or("[n]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::schema::{Field, TaggedField};

    const LIMITS: Limits = Limits {
        max_array_len: 1000,
        max_tagged_fields: 10,
        max_decoded_bytes: 10_000,
    };

    static INNER: Schema = Schema {
        name: "Inner",
        versions: 0b11,
        fields: &[Field {
            name: "name",
            versions: 0b11,
            kind: Kind::String {
                compact: false,
                nullable: false,
            },
        }],
        tagged_versions: 0b10,
        tagged: &[TaggedField {
            tag: 0,
            name: "extra",
            versions: 0b10,
            kind: Kind::Fixed(4),
        }],
    };
    static OUTER: Schema = Schema {
        name: "Outer",
        versions: 0b11,
        fields: &[Field {
            name: "items",
            versions: 0b11,
            kind: Kind::Array {
                compact: false,
                nullable: true,
                elem: &Kind::Struct(&INNER),
                elem_size: 100,
            },
        }],
        tagged_versions: 0,
        tagged: &[],
    };

    fn array(n: i32, elems: &[&[u8]]) -> Vec<u8> {
        let mut b = n.to_be_bytes().to_vec();
        for e in elems {
            b.extend_from_slice(e);
        }
        b
    }

    #[test]
    fn accepts_what_fits_and_counts_the_bytes() {
        let b = array(2, &[b"\x00\x01a", b"\x00\x00"]);
        assert_eq!(check(&OUTER, 0, &b, &LIMITS), Ok(9));
        assert_eq!(check(&OUTER, 0, &array(-1, &[]), &LIMITS), Ok(4));
    }

    #[test]
    fn refuses_counts_and_lengths_beyond_the_bytes() {
        let e = check(&OUTER, 0, &array(i32::MAX, &[b"\x00\x00"]), &LIMITS).unwrap_err();
        assert!(e.reason.contains("2147483647 elements"), "{e}");
        let e = check(&OUTER, 0, &array(1, &[b"\x7f\xff"]), &LIMITS).unwrap_err();
        assert_eq!(e.path, ["Outer", "items", "[0]", "name"]);
        assert!(e.reason.contains("32767 bytes"), "{e}");
        let e = check(&OUTER, 0, &array(-2, &[]), &LIMITS).unwrap_err();
        assert!(e.reason.contains("negative"), "{e}");
        // A non-nullable string may not be null.
        assert!(check(&OUTER, 0, &array(1, &[b"\xff\xff"]), &LIMITS).is_err());
        assert!(check(&OUTER, 0, &array(1, &[b"\x00\x01\xff"]), &LIMITS).is_err());
    }

    #[test]
    fn refuses_arrays_over_the_element_limit_and_the_memory_budget() {
        let elems = vec![&b"\x00\x00"[..]; 101];
        let e = check(&OUTER, 0, &array(101, &elems), &LIMITS).unwrap_err();
        assert!(e.reason.contains("memory"), "{e}");
        let limits = Limits {
            max_array_len: 3,
            ..LIMITS
        };
        let elems = vec![&b"\x00\x00"[..]; 4];
        assert!(check(&OUTER, 0, &array(4, &elems), &limits).is_err());
    }

    #[test]
    fn tagged_sections_follow_versions_and_limits() {
        // v1: tag 0 known (4 bytes), tag 9 unknown (2 bytes skipped).
        let b = array(1, &[b"\x00\x00\x02\x00\x04\x00\x00\x00\x07\x09\x02ab"]);
        assert_eq!(check(&OUTER, 1, &b, &LIMITS), Ok(b.len()));
        // Too many tagged fields.
        let b = array(1, &[b"\x00\x00\x0b"]);
        assert!(check(&OUTER, 1, &b, &LIMITS).is_err());
        // An unknown field whose size runs past the end.
        let b = array(1, &[b"\x00\x00\x01\x09\xff\xff\xff\xff\x0f"]);
        assert!(check(&OUTER, 1, &b, &LIMITS).is_err());
        assert!(
            check(&OUTER, 2, &b, &LIMITS).is_err(),
            "unsupported version"
        );
    }
}
