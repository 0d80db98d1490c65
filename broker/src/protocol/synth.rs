//! Synthesises valid encodings of any message from its layout, recording where each length and
//! count sits. The tests use it to prove the generated layouts agree with the crate's decoders
//! (every synthesised message decodes and takes exactly its bytes); the hostile-input tools use
//! the recorded sites to write one lying length at a time into otherwise valid requests, and
//! the fuzzers use the messages as seeds.

use super::schema::{Kind, Schema, has_version};

/// How a length or count is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthWidth {
    I16,
    I32,
    /// Unsigned varint (length + 1 for compact fields).
    Varint,
}

/// One length or count in a synthesised message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LengthSite {
    /// Byte offset of the length in the message.
    pub offset: usize,
    /// Bytes the length takes as synthesised.
    pub len: usize,
    pub width: LengthWidth,
    /// Dotted path of the field, for messages ("MetadataRequest.topics").
    pub field: String,
}

/// A small deterministic generator (SplitMix64), so seeds reproduce.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

/// A synthesised message.
#[derive(Debug, Clone, Default)]
pub struct Synthesised {
    pub bytes: Vec<u8>,
    pub lengths: Vec<LengthSite>,
}

/// Synthesises one valid encoding of `schema` at `version`. `fill` (0..=3) sets how full
/// arrays, strings and optional parts are: 0 gives the smallest message.
pub fn synthesise(schema: &'static Schema, version: i16, rng: &mut Rng, fill: u8) -> Synthesised {
    let mut s = Synth {
        rng,
        fill: fill.min(3) as u64,
        out: Synthesised::default(),
        path: vec![schema.name],
    };
    s.schema(schema, version, 0);
    s.out
}

/// Kafka's unsigned varint, canonical.
pub fn put_uvarint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Synth<'a> {
    rng: &'a mut Rng,
    fill: u64,
    out: Synthesised,
    path: Vec<&'static str>,
}

impl Synth<'_> {
    fn site(&mut self, width: LengthWidth, value: i64) {
        let offset = self.out.bytes.len();
        match width {
            LengthWidth::I16 => self
                .out
                .bytes
                .extend_from_slice(&(value as i16).to_be_bytes()),
            LengthWidth::I32 => self
                .out
                .bytes
                .extend_from_slice(&(value as i32).to_be_bytes()),
            LengthWidth::Varint => put_uvarint(&mut self.out.bytes, value as u32),
        }
        self.out.lengths.push(LengthSite {
            offset,
            len: self.out.bytes.len() - offset,
            width,
            field: self.path.join("."),
        });
    }

    /// A length for a field: `None` (null) sometimes when nullable.
    fn pick_len(&mut self, nullable: bool, depth: usize) -> Option<u64> {
        if nullable && self.rng.below(5) == 0 {
            return None;
        }
        let max = if depth > 3 { 0 } else { self.fill };
        Some(self.rng.below(max + 1))
    }

    fn length(&mut self, compact: bool, len: Option<u64>) {
        match (compact, len) {
            (true, None) => self.site(LengthWidth::Varint, 0),
            (true, Some(n)) => self.site(LengthWidth::Varint, n as i64 + 1),
            (false, None) => self.site(LengthWidth::I32, -1),
            (false, Some(n)) => self.site(LengthWidth::I32, n as i64),
        }
    }

    fn schema(&mut self, s: &'static Schema, version: i16, depth: usize) {
        for f in s.fields {
            if has_version(f.versions, version) {
                self.path.push(f.name);
                self.kind(&f.kind, version, depth);
                self.path.pop();
            }
        }
        if !has_version(s.tagged_versions, version) {
            return;
        }
        let known: Vec<_> = s
            .tagged
            .iter()
            .filter(|t| has_version(t.versions, version) && self.rng.below(2) == 0)
            .collect();
        let unknown = self.rng.below(self.fill.min(2) + 1) as u32;
        put_uvarint(&mut self.out.bytes, known.len() as u32 + unknown);
        for t in known {
            put_uvarint(&mut self.out.bytes, t.tag);
            // The value is written after a size placeholder, then the size fixed up.
            let mut inner = Synth {
                rng: self.rng,
                fill: self.fill,
                out: Synthesised::default(),
                path: self.path.clone(),
            };
            inner.path.push(t.name);
            inner.kind(&t.kind, version, depth + 1);
            let value = inner.out;
            put_uvarint(&mut self.out.bytes, value.bytes.len() as u32);
            let base = self.out.bytes.len();
            self.out.bytes.extend_from_slice(&value.bytes);
            self.out
                .lengths
                .extend(value.lengths.into_iter().map(|mut l| {
                    l.offset += base;
                    l
                }));
        }
        for i in 0..unknown {
            put_uvarint(&mut self.out.bytes, 10_000 + i);
            let n = self.rng.below(4) as u32;
            put_uvarint(&mut self.out.bytes, n);
            self.out.bytes.extend((0..n).map(|_| b'x'));
        }
    }

    fn kind(&mut self, k: &'static Kind, version: i16, depth: usize) {
        match k {
            Kind::Fixed(1) => {
                let b = self.rng.below(2) as u8;
                self.out.bytes.push(b);
            }
            Kind::Fixed(n) => {
                for _ in 0..*n {
                    let b = self.rng.next_u64() as u8;
                    self.out.bytes.push(b);
                }
            }
            Kind::UnsignedVarInt => {
                let v = self.rng.below(1000) as u32;
                put_uvarint(&mut self.out.bytes, v);
            }
            Kind::String { compact, nullable } => {
                let len = self.pick_len(*nullable, 0);
                if *compact {
                    self.length(true, len);
                } else {
                    self.site(LengthWidth::I16, len.map_or(-1, |n| n as i64));
                }
                for _ in 0..len.unwrap_or(0) {
                    let c = b'a' + self.rng.below(26) as u8;
                    self.out.bytes.push(c);
                }
            }
            Kind::Bytes { compact, nullable } => {
                let len = self.pick_len(*nullable, 0);
                self.length(*compact, len);
                for _ in 0..len.unwrap_or(0) {
                    let b = self.rng.next_u64() as u8;
                    self.out.bytes.push(b);
                }
            }
            Kind::Array {
                compact,
                nullable,
                elem,
                ..
            } => {
                let len = self.pick_len(*nullable, depth);
                self.length(*compact, len);
                for _ in 0..len.unwrap_or(0) {
                    self.kind(elem, version, depth + 1);
                }
            }
            Kind::Struct(s) => self.schema(s, version, depth + 1),
            Kind::OptionStruct(s) => {
                if self.fill > 0 && self.rng.below(2) == 0 {
                    self.out.bytes.push(1);
                    self.schema(s, version, depth + 1);
                } else {
                    self.out.bytes.push(0xff);
                }
            }
        }
    }
}

/// `bytes` with the length at `site` replaced by `value` (the largest its width holds when
/// `value` does not fit: i16::MAX, i32::MAX, or the five-byte varint of `value`).
pub fn with_length(bytes: &[u8], site: &LengthSite, value: u32) -> Vec<u8> {
    let mut enc = Vec::new();
    match site.width {
        LengthWidth::I16 => {
            enc.extend_from_slice(&(value.min(i16::MAX as u32) as i16).to_be_bytes())
        }
        LengthWidth::I32 => {
            enc.extend_from_slice(&(value.min(i32::MAX as u32) as i32).to_be_bytes())
        }
        LengthWidth::Varint => put_uvarint(&mut enc, value),
    }
    let mut out = bytes[..site.offset].to_vec();
    out.extend_from_slice(&enc);
    out.extend_from_slice(&bytes[site.offset + site.len..]);
    out
}
