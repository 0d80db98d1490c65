//! Record batch (magic v2) headers: parsing, validation and the in-place patches the broker
//! makes (base offset, partition leader epoch, LogAppendTime). Batches are stored as received;
//! only the 61-byte header is interpreted here.

use bytes::Bytes;
use kafka_protocol::compression::{Decompressor, Gzip, Lz4, Snappy, Zstd};

/// Bytes before `batchLength` counts: baseOffset (8) + batchLength (4).
pub const LOG_OVERHEAD: usize = 12;
/// Size of a v2 batch header, through `recordsCount`.
pub const HEADER_LEN: usize = 61;
const MAGIC_OFFSET: usize = 16;
const CRC_OFFSET: usize = 17;
const ATTRIBUTES_OFFSET: usize = 21;
const MAX_TIMESTAMP_OFFSET: usize = 35;
/// Smallest possible encoded record: length, attributes, timestamp delta, offset delta,
/// key length, value length and header count, one byte each.
const MIN_RECORD_LEN: usize = 7;

const TIMESTAMP_TYPE_BIT: i16 = 1 << 3;
const TRANSACTIONAL_BIT: i16 = 1 << 4;
const CONTROL_BIT: i16 = 1 << 5;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BatchError {
    #[error("record batch is truncated")]
    Truncated,
    #[error("unsupported record batch magic {0} (only v2 is supported)")]
    UnsupportedMagic(i8),
    #[error("record batch CRC mismatch (stored {stored:#010x}, computed {computed:#010x})")]
    CrcMismatch { stored: u32, computed: u32 },
    #[error("corrupt record batch: {0}")]
    Corrupt(&'static str),
    #[error("invalid record: {0}")]
    InvalidRecord(&'static str),
}

/// The fields of a v2 record batch header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchHeader {
    pub base_offset: i64,
    pub batch_length: i32,
    pub partition_leader_epoch: i32,
    pub magic: i8,
    pub crc: u32,
    pub attributes: i16,
    pub last_offset_delta: i32,
    pub base_timestamp: i64,
    pub max_timestamp: i64,
    pub producer_id: i64,
    pub producer_epoch: i16,
    pub base_sequence: i32,
    pub records_count: i32,
}

fn be_i16(b: &[u8], at: usize) -> i16 {
    i16::from_be_bytes([b[at], b[at + 1]])
}
fn be_i32(b: &[u8], at: usize) -> i32 {
    i32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn be_i64(b: &[u8], at: usize) -> i64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    i64::from_be_bytes(a)
}

impl BatchHeader {
    /// Parses the first 61 bytes of `buf`. Checks only what is needed to walk a log:
    /// the length field and the magic byte.
    pub fn parse(buf: &[u8]) -> Result<BatchHeader, BatchError> {
        if buf.len() < LOG_OVERHEAD + 5 {
            return Err(BatchError::Truncated);
        }
        let magic = buf[MAGIC_OFFSET] as i8;
        if magic != 2 {
            return Err(BatchError::UnsupportedMagic(magic));
        }
        if buf.len() < HEADER_LEN {
            return Err(BatchError::Truncated);
        }
        let batch_length = be_i32(buf, 8);
        if (batch_length as i64) < (HEADER_LEN - LOG_OVERHEAD) as i64 {
            return Err(BatchError::Corrupt(
                "batch length smaller than a batch header",
            ));
        }
        Ok(BatchHeader {
            base_offset: be_i64(buf, 0),
            batch_length,
            partition_leader_epoch: be_i32(buf, 12),
            magic,
            crc: u32::from_be_bytes([buf[17], buf[18], buf[19], buf[20]]),
            attributes: be_i16(buf, ATTRIBUTES_OFFSET),
            last_offset_delta: be_i32(buf, 23),
            base_timestamp: be_i64(buf, 27),
            max_timestamp: be_i64(buf, MAX_TIMESTAMP_OFFSET),
            producer_id: be_i64(buf, 43),
            producer_epoch: be_i16(buf, 51),
            base_sequence: be_i32(buf, 53),
            records_count: be_i32(buf, 57),
        })
    }

    /// Bytes this batch occupies in the log, header included.
    pub fn total_size(&self) -> usize {
        LOG_OVERHEAD + self.batch_length as usize
    }
    pub fn last_offset(&self) -> i64 {
        self.base_offset + self.last_offset_delta as i64
    }
    pub fn next_offset(&self) -> i64 {
        self.last_offset() + 1
    }
    pub fn compression_code(&self) -> i16 {
        self.attributes & 0x07
    }
    pub fn is_log_append_time(&self) -> bool {
        self.attributes & TIMESTAMP_TYPE_BIT != 0
    }
    pub fn is_transactional(&self) -> bool {
        self.attributes & TRANSACTIONAL_BIT != 0
    }
    pub fn is_control(&self) -> bool {
        self.attributes & CONTROL_BIT != 0
    }
    pub fn has_producer_id(&self) -> bool {
        self.producer_id >= 0
    }
    /// Sequence of the last record, wrapping at i32::MAX like Kafka.
    pub fn last_sequence(&self) -> i32 {
        if self.base_sequence < 0 {
            return -1;
        }
        let last = self.base_sequence as i64 + self.last_offset_delta as i64;
        (last % (i32::MAX as i64 + 1)) as i32
    }
}

/// Checks a whole batch: sizes, magic, CRC-32C and counts. Used on produce and on recovery.
pub fn validate(buf: &[u8]) -> Result<BatchHeader, BatchError> {
    let h = BatchHeader::parse(buf)?;
    if buf.len() < h.total_size() {
        return Err(BatchError::Truncated);
    }
    let computed = crc32c::crc32c(&buf[ATTRIBUTES_OFFSET..h.total_size()]);
    if computed != h.crc {
        return Err(BatchError::CrcMismatch {
            stored: h.crc,
            computed,
        });
    }
    if h.records_count < 0 || h.last_offset_delta < 0 {
        return Err(BatchError::Corrupt("negative record count or offset delta"));
    }
    let payload = h.total_size() - HEADER_LEN;
    if h.compression_code() == 0
        && (h.records_count as usize).saturating_mul(MIN_RECORD_LEN) > payload
    {
        return Err(BatchError::Corrupt(
            "record count larger than the batch can hold",
        ));
    }
    if h.compression_code() > 4 {
        return Err(BatchError::Corrupt("unknown compression codec"));
    }
    Ok(h)
}

/// Checks a batch coming from a producer: in addition to `validate`, the offset delta must
/// match the record count and there must be at least one record.
pub fn validate_client_batch(buf: &[u8]) -> Result<BatchHeader, BatchError> {
    let h = validate(buf)?;
    if h.records_count == 0 {
        return Err(BatchError::InvalidRecord(
            "a produced batch must hold at least one record",
        ));
    }
    if h.last_offset_delta != h.records_count - 1 {
        return Err(BatchError::InvalidRecord(
            "last offset delta does not match the record count",
        ));
    }
    Ok(h)
}

/// Rewrites the base offset and partition leader epoch (both outside the CRC).
pub fn assign_offset_and_epoch(buf: &mut [u8], base_offset: i64, leader_epoch: i32) {
    buf[0..8].copy_from_slice(&base_offset.to_be_bytes());
    buf[12..16].copy_from_slice(&leader_epoch.to_be_bytes());
}

/// Stamps LogAppendTime on a batch header (`header` is the first 61 bytes, `body` the rest):
/// sets the timestamp-type bit and max timestamp, then recomputes the CRC.
pub fn set_log_append_time(header: &mut [u8], body: &[u8], now_ms: i64) {
    let attrs = be_i16(header, ATTRIBUTES_OFFSET) | TIMESTAMP_TYPE_BIT;
    header[ATTRIBUTES_OFFSET..ATTRIBUTES_OFFSET + 2].copy_from_slice(&attrs.to_be_bytes());
    header[MAX_TIMESTAMP_OFFSET..MAX_TIMESTAMP_OFFSET + 8].copy_from_slice(&now_ms.to_be_bytes());
    let crc = crc32c::crc32c_append(crc32c::crc32c(&header[ATTRIBUTES_OFFSET..HEADER_LEN]), body);
    header[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
}

/// A record's key as seen while walking a batch (only what the broker needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordView {
    pub offset_delta: i32,
    pub timestamp_delta: i64,
    pub key: Option<Bytes>,
    pub value_is_null: bool,
}

fn read_varint(buf: &[u8], pos: &mut usize) -> Result<i64, BatchError> {
    let mut value: u64 = 0;
    let mut shift = 0;
    loop {
        let b = *buf
            .get(*pos)
            .ok_or(BatchError::InvalidRecord("truncated varint"))?;
        *pos += 1;
        value |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 63 {
            return Err(BatchError::InvalidRecord("varint too long"));
        }
    }
    Ok(((value >> 1) as i64) ^ -((value & 1) as i64))
}

fn take<'a>(buf: &'a [u8], pos: &mut usize, len: i64) -> Result<Option<&'a [u8]>, BatchError> {
    if len < 0 {
        return Ok(None);
    }
    let end = pos
        .checked_add(len as usize)
        .filter(|e| *e <= buf.len())
        .ok_or(BatchError::InvalidRecord(
            "record field runs past its record",
        ))?;
    let s = &buf[*pos..end];
    *pos = end;
    Ok(Some(s))
}

/// Decompresses the records section of a batch with the codec its attributes name.
fn records_section(buf: &[u8], h: &BatchHeader) -> Result<Bytes, BatchError> {
    let mut raw = Bytes::copy_from_slice(&buf[HEADER_LEN..h.total_size()]);
    let ok = |b: &mut Bytes| Ok(b.split_off(0));
    let out = match h.compression_code() {
        0 => Ok(raw),
        1 => Gzip::decompress(&mut raw, ok),
        2 => Snappy::decompress(&mut raw, ok),
        3 => Lz4::decompress(&mut raw, ok),
        4 => Zstd::decompress(&mut raw, ok),
        _ => return Err(BatchError::Corrupt("unknown compression codec")),
    };
    out.map_err(|_| BatchError::Corrupt("records cannot be decompressed"))
}

/// One record as seen while walking a batch, borrowing from the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef<'a> {
    pub offset_delta: i32,
    pub timestamp_delta: i64,
    pub key: Option<&'a [u8]>,
    pub value_is_null: bool,
}

/// Walks the records of a validated batch without copying them, checking that each is well
/// formed and that the count matches the header; calls `f` for each.
pub fn for_each_record(
    buf: &[u8],
    h: &BatchHeader,
    mut f: impl FnMut(RecordRef<'_>),
) -> Result<(), BatchError> {
    let decompressed;
    let data: &[u8] = if h.compression_code() == 0 {
        &buf[HEADER_LEN..h.total_size()]
    } else {
        decompressed = records_section(buf, h)?;
        &decompressed
    };
    if h.records_count as usize > data.len() / MIN_RECORD_LEN + 1 {
        return Err(BatchError::Corrupt(
            "record count larger than the batch can hold",
        ));
    }
    let mut count = 0usize;
    let mut pos = 0usize;
    while pos < data.len() {
        let len = read_varint(data, &mut pos)?;
        let rec = take(data, &mut pos, len)?
            .ok_or(BatchError::InvalidRecord("negative record length"))?;
        if rec.is_empty() {
            return Err(BatchError::InvalidRecord("empty record"));
        }
        let mut p = 1usize; // attributes
        let timestamp_delta = read_varint(rec, &mut p)?;
        let offset_delta = read_varint(rec, &mut p)? as i32;
        let key_len = read_varint(rec, &mut p)?;
        let key = take(rec, &mut p, key_len)?;
        let value_len = read_varint(rec, &mut p)?;
        let value_is_null = take(rec, &mut p, value_len)?.is_none();
        let headers = read_varint(rec, &mut p)?;
        if headers < 0 {
            return Err(BatchError::InvalidRecord("negative header count"));
        }
        for _ in 0..headers {
            let kl = read_varint(rec, &mut p)?;
            take(rec, &mut p, kl)?.ok_or(BatchError::InvalidRecord("null header key"))?;
            let vl = read_varint(rec, &mut p)?;
            take(rec, &mut p, vl)?;
        }
        if p != rec.len() {
            return Err(BatchError::InvalidRecord(
                "record length does not match its fields",
            ));
        }
        count += 1;
        if count > h.records_count as usize {
            break;
        }
        f(RecordRef {
            offset_delta,
            timestamp_delta,
            key,
            value_is_null,
        });
    }
    if count != h.records_count as usize {
        return Err(BatchError::InvalidRecord(
            "record count does not match the batch header",
        ));
    }
    Ok(())
}

/// The records of a validated batch, with owned keys.
pub fn records(buf: &[u8], h: &BatchHeader) -> Result<Vec<RecordView>, BatchError> {
    let mut out =
        Vec::with_capacity((h.records_count.max(0) as usize).min(buf.len() / MIN_RECORD_LEN + 1));
    for_each_record(buf, h, |r| {
        out.push(RecordView {
            offset_delta: r.offset_delta,
            timestamp_delta: r.timestamp_delta,
            key: r.key.map(Bytes::copy_from_slice),
            value_is_null: r.value_is_null,
        })
    })?;
    Ok(out)
}

/// A record's key and value, as the broker writes its internal topics.
pub type KeyValue = (Option<Bytes>, Option<Bytes>);

/// Builds one uncompressed v2 batch holding `records` (key, value) with base offset 0, for the
/// broker's own internal topics (metadata log, consumer offsets).
pub fn build_batch(records: &[KeyValue], timestamp: i64) -> Vec<u8> {
    use kafka_protocol::records::{
        Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
    };
    let recs: Vec<Record> = records
        .iter()
        .enumerate()
        .map(|(i, (k, v))| Record {
            transactional: false,
            control: false,
            delete_horizon: false,
            partition_leader_epoch: -1,
            producer_id: -1,
            producer_epoch: -1,
            timestamp_type: TimestampType::Creation,
            offset: i as i64,
            // The encoder starts a new batch whenever offset - sequence changes; a running
            // sequence keeps all records in one batch, and is cleared below.
            sequence: i as i32,
            timestamp,
            key: k.clone(),
            value: v.clone(),
            headers: Default::default(),
        })
        .collect();
    let mut buf = bytes::BytesMut::new();
    // Encoding plain records into a Vec-backed buffer cannot fail.
    let _ = RecordBatchEncoder::encode(
        &mut buf,
        recs.iter(),
        &RecordEncodeOptions {
            version: 2,
            compression: Compression::None,
        },
    );
    let mut out = buf.to_vec();
    if out.len() >= HEADER_LEN {
        out[53..57].copy_from_slice(&(-1i32).to_be_bytes());
        let crc = crc32c::crc32c(&out[ATTRIBUTES_OFFSET..]);
        out[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use bytes::BytesMut;
    use kafka_protocol::records::{
        Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
    };

    /// Encodes records into one batch with the crate's encoder (as a producer would).
    pub fn make_batch(
        keys: &[Option<&str>],
        producer: Option<(i64, i16, i32)>,
        compression: Compression,
        timestamp: i64,
    ) -> Vec<u8> {
        let (pid, epoch, seq) = producer.unwrap_or((-1, -1, -1));
        let records: Vec<Record> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| Record {
                transactional: false,
                control: false,
                delete_horizon: false,
                partition_leader_epoch: -1,
                producer_id: pid,
                producer_epoch: epoch,
                timestamp_type: TimestampType::Creation,
                offset: i as i64,
                // The crate's encoder starts a new batch whenever offset - sequence changes,
                // so keyless-producer batches are encoded with a running sequence and patched.
                sequence: seq.max(0) + i as i32,
                timestamp: timestamp + i as i64,
                key: k.map(|k| Bytes::copy_from_slice(k.as_bytes())),
                value: Some(Bytes::from(format!("value-{i}"))),
                headers: Default::default(),
            })
            .collect();
        let mut buf = BytesMut::new();
        RecordBatchEncoder::encode(
            &mut buf,
            records.iter(),
            &RecordEncodeOptions {
                version: 2,
                compression,
            },
        )
        .unwrap();
        let mut out = buf.to_vec();
        if seq < 0 {
            out[53..57].copy_from_slice(&(-1i32).to_be_bytes());
            let crc = crc32c::crc32c(&out[ATTRIBUTES_OFFSET..]);
            out[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
        }
        out
    }

    #[test]
    fn parses_and_validates_an_encoded_batch() {
        let b = make_batch(
            &[Some("a"), None, Some("c")],
            Some((7, 0, 10)),
            Compression::None,
            1000,
        );
        let h = validate_client_batch(&b).unwrap();
        assert_eq!(
            (h.records_count, h.last_offset_delta, h.producer_id),
            (3, 2, 7)
        );
        assert_eq!((h.base_sequence, h.last_sequence()), (10, 12));
        assert_eq!(h.total_size(), b.len());
        let recs = records(&b, &h).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].key, None);
        assert_eq!(recs[2].key.as_deref(), Some(&b"c"[..]));
    }

    #[test]
    fn every_codec_can_be_walked() {
        for c in [
            Compression::Gzip,
            Compression::Snappy,
            Compression::Lz4,
            Compression::Zstd,
        ] {
            let b = make_batch(&[Some("k1"), Some("k2")], None, c, 5);
            let h = validate(&b).unwrap();
            assert_eq!(records(&b, &h).unwrap().len(), 2, "{c:?}");
        }
    }

    #[test]
    fn crc_and_counts_are_checked() {
        let mut b = make_batch(&[Some("a")], None, Compression::None, 1);
        let last = b.len() - 1;
        b[last] ^= 0xff;
        assert!(matches!(validate(&b), Err(BatchError::CrcMismatch { .. })));
        // A tiny batch claiming i32::MAX records is refused before anything is allocated.
        let mut b = make_batch(&[Some("a")], None, Compression::None, 1);
        b[57..61].copy_from_slice(&i32::MAX.to_be_bytes());
        let crc = crc32c::crc32c(&b[ATTRIBUTES_OFFSET..]);
        b[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(validate(&b), Err(BatchError::Corrupt(_))));
        assert_eq!(validate(&b[..30]), Err(BatchError::Truncated));
    }

    #[test]
    fn internal_batches_hold_all_records() {
        let b = build_batch(
            &[
                (Some(Bytes::from("k")), Some(Bytes::from("v"))),
                (Some(Bytes::from("k2")), None),
            ],
            7,
        );
        let h = validate_client_batch(&b).unwrap();
        assert_eq!(
            (h.records_count, h.base_sequence, h.total_size()),
            (2, -1, b.len())
        );
        assert!(records(&b, &h).unwrap()[1].value_is_null);
    }

    #[test]
    fn patches_keep_the_batch_valid() {
        let mut b = make_batch(&[Some("a"), Some("b")], None, Compression::None, 1);
        assign_offset_and_epoch(&mut b, 42, 3);
        let (head, body) = b.split_at_mut(HEADER_LEN);
        set_log_append_time(head, body, 99);
        let h = validate(&b).unwrap();
        assert_eq!(
            (h.base_offset, h.partition_leader_epoch, h.max_timestamp),
            (42, 3, 99)
        );
        assert!(h.is_log_append_time());
        assert_eq!(h.last_offset(), 43);
    }
}
