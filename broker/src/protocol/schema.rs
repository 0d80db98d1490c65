//! The wire layout of a Kafka message, as the bounds check walks it. The tables themselves
//! (`layouts.rs`) are generated from the kafka-protocol crate's own decoders, field by field
//! and version by version, so the walk reads exactly what the crate's `decode` will read.

/// A set of message versions: bit `v` is set when the item exists in version `v`.
pub type VersionMask = u64;

/// Whether `mask` includes `version` (negative and ≥ 64 never do).
pub fn has_version(mask: VersionMask, version: i16) -> bool {
    (0..64).contains(&version) && mask & (1u64 << version) != 0
}

/// One message or embedded struct type.
#[derive(Debug)]
pub struct Schema {
    /// The Rust type name in kafka-protocol (`MetadataRequest`, `MetadataRequestTopic`).
    pub name: &'static str,
    /// Versions the crate's decoder accepts.
    pub versions: VersionMask,
    /// Fields in wire order; each carries the versions it is present in.
    pub fields: &'static [Field],
    /// Versions that end with a tagged-field section (flexible versions).
    pub tagged_versions: VersionMask,
    /// Tagged fields the decoder knows; any other tag is skipped by its size.
    pub tagged: &'static [TaggedField],
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub versions: VersionMask,
    pub kind: Kind,
}

#[derive(Debug)]
pub struct TaggedField {
    pub tag: u32,
    pub name: &'static str,
    /// Versions in which the tag is valid; in others the decoder refuses it.
    pub versions: VersionMask,
    pub kind: Kind,
}

/// How one value is encoded.
#[derive(Debug)]
pub enum Kind {
    /// A fixed number of bytes: integers, booleans, floats, UUIDs.
    Fixed(usize),
    /// Kafka's unsigned varint (at most five bytes are read).
    UnsignedVarInt,
    /// A UTF-8 string: i16 length, or unsigned varint length + 1 when compact.
    String { compact: bool, nullable: bool },
    /// Raw bytes: i32 length, or unsigned varint length + 1 when compact.
    Bytes { compact: bool, nullable: bool },
    /// A counted sequence: i32 count, or unsigned varint count + 1 when compact.
    /// `elem_size` is the size of one decoded element in memory, which the walk charges
    /// against its budget before the decoder reserves room for the elements.
    Array {
        compact: bool,
        nullable: bool,
        elem: &'static Kind,
        elem_size: usize,
    },
    /// An embedded struct.
    Struct(&'static Schema),
    /// An embedded struct that may be absent: an i8 marker (1 = present) then the struct.
    OptionStruct(&'static Schema),
}

/// Implemented (in the generated tables) by every message type of kafka-protocol: the layout
/// of its encoding.
pub trait Bounded {
    fn schema() -> &'static Schema;
}
