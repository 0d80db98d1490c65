//! Bounded decoding of everything the broker reads in Kafka's wire format from outside:
//! request headers and bodies, responses from peers (a follower's Fetch), and the embedded
//! messages clients send (consumer-protocol subscriptions and assignments).
//!
//! kafka-protocol sizes `Vec::with_capacity` from wire counts before reading the elements, so
//! a 13-byte request with a count of 0xFFFFFFFF asks for hundreds of gigabytes and aborts the
//! process. Every decode therefore goes through [`decode`]: it first walks the bytes along the
//! message's layout (generated from the crate's own decoders, see `codegen.rs`) and refuses
//! any count or length beyond what the remaining bytes can hold, any array over 1 000 000
//! elements or tagged section over 10 000 fields (Kafka 4.4's limits), and any message whose
//! decoded form would take more than [`MAX_DECODED_BYTES`]. Only then does the crate decode.
//! Calling `Decodable::decode` directly is refused by clippy (`clippy.toml`).

#[cfg(test)]
mod codegen;
#[rustfmt::skip]
mod layouts;
pub mod schema;
pub mod synth;
pub mod walk;

use bytes::Bytes;
use kafka_protocol::protocol::Decodable;

pub use schema::Bounded;
pub use walk::{BoundsError, Limits};

/// Most memory one decoded message may take (arrays of structs and tagged fields; strings and
/// byte fields are views of the frame). A Metadata request for 100 000 topics takes ~8 MiB.
pub const MAX_DECODED_BYTES: usize = 64 << 20;

/// The limits every decode applies.
pub const LIMITS: Limits = Limits {
    max_array_len: 1_000_000,
    max_tagged_fields: 10_000,
    max_decoded_bytes: MAX_DECODED_BYTES,
};

/// Why a message could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("{0}")]
    Bounds(#[from] BoundsError),
    #[error("{0}")]
    Codec(anyhow::Error),
}

/// Decodes one `T` at `version` from the front of `buf`, after checking its bounds.
pub fn decode<T: Decodable + Bounded>(buf: &mut Bytes, version: i16) -> Result<T, DecodeError> {
    walk::check(T::schema(), version, buf, &LIMITS)?;
    #[allow(clippy::disallowed_methods)] // the one place allowed to call it: bounds checked
    T::decode(buf, version).map_err(DecodeError::Codec)
}

/// A message type of kafka-protocol, for code that handles any of them (fuzzers, tests).
pub struct Message {
    pub schema: &'static schema::Schema,
    /// [`decode`] of this type, dropping the value.
    pub decode: fn(&mut Bytes, i16) -> Result<(), DecodeError>,
}

/// Every message type kafka-protocol decodes, with its layout.
pub fn messages() -> &'static [Message] {
    layouts::MESSAGES
}

/// The layout of the request body of an API (`"Metadata"` → MetadataRequest).
pub fn request(api: &str) -> Option<&'static Message> {
    let name = format!("{api}Request");
    messages().iter().find(|m| m.schema.name == name)
}

fn decode_only<T: Decodable + Bounded>(buf: &mut Bytes, version: i16) -> Result<(), DecodeError> {
    decode::<T>(buf, version).map(drop)
}

#[cfg(test)]
mod tests {
    use super::schema::has_version;
    use super::synth::{Rng, synthesise};
    use super::*;

    /// The layouts agree with the crate: every synthesised encoding of every message at every
    /// version passes the bounds check, decodes, and both take exactly its bytes.
    #[test]
    fn every_message_at_every_version_decodes_as_its_layout_says() {
        let mut rng = Rng::new(7);
        let mut checked = 0;
        for m in messages() {
            for version in (0..64).filter(|v| has_version(m.schema.versions, *v)) {
                for fill in 0..4u8 {
                    for _ in 0..3 {
                        let s = synthesise(m.schema, version, &mut rng, fill);
                        let walked = walk::check(m.schema, version, &s.bytes, &LIMITS)
                            .unwrap_or_else(|e| panic!("{} v{version}: {e}", m.schema.name));
                        assert_eq!(walked, s.bytes.len(), "{} v{version}", m.schema.name);
                        let mut buf = Bytes::from(s.bytes.clone());
                        if let Err(e) = (m.decode)(&mut buf, version) {
                            panic!("{} v{version}: {e} ({:02x?})", m.schema.name, s.bytes);
                        }
                        assert_eq!(buf.len(), 0, "{} v{version} left bytes", m.schema.name);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// Each recorded length, set to the largest value its width holds, is refused.
    #[test]
    fn every_lying_length_is_refused() {
        let mut rng = Rng::new(11);
        for m in messages() {
            for version in (0..64).filter(|v| has_version(m.schema.versions, *v)) {
                let s = synthesise(m.schema, version, &mut rng, 2);
                for site in &s.lengths {
                    let bytes = synth::with_length(&s.bytes, site, u32::MAX);
                    assert!(
                        walk::check(m.schema, version, &bytes, &LIMITS).is_err(),
                        "{} v{version} {}",
                        m.schema.name,
                        site.field
                    );
                    let mut buf = Bytes::from(bytes);
                    assert!((m.decode)(&mut buf, version).is_err());
                }
            }
        }
    }

    /// Whatever a mutated message looks like, a message the bounds check accepts decodes,
    /// taking the bytes the check counted (the property the fuzzer checks at scale).
    #[test]
    fn accepted_mutations_decode() {
        let mut rng = Rng::new(3);
        let mut accepted = 0;
        for round in 0..8 {
            for m in messages() {
                for version in (0..64).filter(|v| has_version(m.schema.versions, *v)) {
                    let mut bytes = synthesise(m.schema, version, &mut rng, 2).bytes;
                    if bytes.is_empty() {
                        continue;
                    }
                    for _ in 0..=round % 3 {
                        let at = rng.below(bytes.len() as u64) as usize;
                        bytes[at] = match rng.below(3) {
                            0 => 0xff,
                            1 => 0,
                            _ => rng.next_u64() as u8,
                        };
                    }
                    let Ok(walked) = walk::check(m.schema, version, &bytes, &LIMITS) else {
                        continue;
                    };
                    let mut buf = Bytes::from(bytes.clone());
                    if let Err(e) = (m.decode)(&mut buf, version) {
                        panic!(
                            "{} v{version}: accepted but {e}: {bytes:02x?}",
                            m.schema.name
                        );
                    }
                    assert_eq!(bytes.len() - buf.len(), walked, "{}", m.schema.name);
                    accepted += 1;
                }
            }
        }
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn a_metadata_request_with_a_huge_topic_count_is_refused_before_decoding() {
        // The 13-byte request body of the report: Metadata v12, topics = varint(0xFFFFFFFF).
        let mut buf = Bytes::from_static(b"\xff\xff\xff\xff\x0f\x01\x00\x00");
        let e = decode::<kafka_protocol::messages::MetadataRequest>(&mut buf, 12).unwrap_err();
        assert!(e.to_string().contains("MetadataRequest.topics"), "{e}");
    }
}
