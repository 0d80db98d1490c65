//! Record batch (magic v2) headers: parsing, validation and the in-place patches the broker
//! makes (base offset, partition leader epoch, LogAppendTime). Batches are stored as received;
//! only the 61-byte header is interpreted here.

use bytes::Bytes;

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
    #[error("corrupt record batch: records cannot be decompressed: {0}")]
    Decompression(String),
    #[error("record batch refused: {0}")]
    TooLarge(String),
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

/// What checking a producer's batch record by record found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSummary {
    /// Smallest and largest record timestamp (`-1`, "no timestamp", is left out of the
    /// smallest); -1 when no record has one.
    pub min_timestamp: i64,
    pub max_timestamp: i64,
    /// Some record has a null key.
    pub keyless: bool,
}

/// A producer's batch that passed every check that needs no log state: sizes, magic, CRC,
/// counts, and each record (decompressed within `limit`). Only the log's own checks remain
/// (size limit, timestamps against the clock, producer sequence), so the expensive part runs
/// before the partition is locked.
#[derive(Debug, Clone)]
pub struct ValidBatch {
    bytes: Bytes,
    header: BatchHeader,
    records: RecordSummary,
}

impl ValidBatch {
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    pub fn header(&self) -> &BatchHeader {
        &self.header
    }
    pub fn records(&self) -> &RecordSummary {
        &self.records
    }
}

/// Checks a producer's batch completely: `validate_client_batch`, no control batch, and every
/// record walked — lengths within the record, offset deltas 0, 1, 2, ... in order, exactly
/// `records_count` records, at most `limit` bytes decompressed.
pub fn validate_produced(buf: Bytes, limit: usize) -> Result<ValidBatch, BatchError> {
    let h = validate_client_batch(&buf)?;
    if h.total_size() != buf.len() {
        return Err(BatchError::Corrupt(
            "produce data must hold exactly one record batch",
        ));
    }
    if h.is_control() {
        return Err(BatchError::InvalidRecord(
            "clients may not write control batches",
        ));
    }
    let mut summary = RecordSummary {
        min_timestamp: -1,
        max_timestamp: -1,
        keyless: false,
    };
    let mut expected = 0i32;
    let mut deltas_ok = true;
    walk_records(&buf, &h, limit, Capture::NOTHING, |r| {
        deltas_ok &= r.offset_delta == expected;
        expected = expected.wrapping_add(1);
        summary.keyless |= r.key.is_none();
        let ts = h.base_timestamp.saturating_add(r.timestamp_delta);
        summary.max_timestamp = summary.max_timestamp.max(ts);
        if ts != -1 && (summary.min_timestamp == -1 || ts < summary.min_timestamp) {
            summary.min_timestamp = ts;
        }
        std::ops::ControlFlow::Continue(())
    })?;
    if !deltas_ok {
        return Err(BatchError::InvalidRecord(
            "record offset deltas must be 0, 1, 2, ... in order",
        ));
    }
    Ok(ValidBatch {
        bytes: buf,
        header: h,
        records: summary,
    })
}

/// Sets a batch header's max timestamp (`header` is the first 61 bytes, `body` the rest) and
/// recomputes the CRC, as Kafka does when a producer's max timestamp is not its records'.
pub fn set_max_timestamp(header: &mut [u8], body: &[u8], max_timestamp: i64) {
    header[MAX_TIMESTAMP_OFFSET..MAX_TIMESTAMP_OFFSET + 8]
        .copy_from_slice(&max_timestamp.to_be_bytes());
    let crc = crc32c::crc32c_append(crc32c::crc32c(&header[ATTRIBUTES_OFFSET..HEADER_LEN]), body);
    header[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
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
    set_max_timestamp(header, body, now_ms);
}

/// What a record walk keeps of each record; everything else is skipped as it streams past.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capture {
    pub keys: bool,
    pub values: bool,
    pub headers: bool,
}

impl Capture {
    pub const NOTHING: Capture = Capture {
        keys: false,
        values: false,
        headers: false,
    };
    pub const KEYS: Capture = Capture {
        keys: true,
        values: false,
        headers: false,
    };
    pub const ALL: Capture = Capture {
        keys: true,
        values: true,
        headers: true,
    };
}

/// One record met on a walk. `key` and `value` are `None` when null; when present but not
/// captured they are empty slices. `headers` is empty unless captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef<'a> {
    pub attributes: i8,
    pub timestamp_delta: i64,
    pub offset_delta: i32,
    pub key: Option<&'a [u8]>,
    pub value: Option<&'a [u8]>,
    pub headers: &'a [(Vec<u8>, Option<Vec<u8>>)],
}

/// The records of a batch's records section as they stream out of the decompressor: varints
/// and skips read from a small buffer, captured fields copied into reusable buffers, and
/// every read bounded by the record's own length.
struct RecordStream<R> {
    r: std::io::BufReader<R>,
    /// Bytes left in the current record.
    left: usize,
}

fn stream_error(e: std::io::Error) -> BatchError {
    if super::compression::is_limit_exceeded(&e) {
        BatchError::TooLarge(e.to_string())
    } else if e.kind() == std::io::ErrorKind::UnexpectedEof {
        BatchError::InvalidRecord("records end before the batch's record count")
    } else {
        BatchError::Decompression(e.to_string())
    }
}

impl<R: std::io::Read> RecordStream<R> {
    /// At the end of the records section (nothing more decompresses).
    fn at_end(&mut self) -> Result<bool, BatchError> {
        use std::io::BufRead;
        Ok(self.r.fill_buf().map_err(stream_error)?.is_empty())
    }

    fn byte(&mut self) -> Result<u8, BatchError> {
        use std::io::BufRead;
        if self.left == 0 {
            return Err(BatchError::InvalidRecord(
                "record field runs past its record",
            ));
        }
        let buf = self.r.fill_buf().map_err(stream_error)?;
        let Some(&b) = buf.first() else {
            return Err(BatchError::InvalidRecord(
                "record runs past the records section",
            ));
        };
        self.r.consume(1);
        self.left -= 1;
        Ok(b)
    }

    /// A zigzag varint of at most `max_bytes` bytes (5 for ints, 10 for longs).
    fn varint(&mut self, max_bytes: usize) -> Result<i64, BatchError> {
        let mut value: u64 = 0;
        for i in 0..max_bytes {
            let b = self.byte()?;
            value |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(((value >> 1) as i64) ^ -((value & 1) as i64));
            }
        }
        Err(BatchError::InvalidRecord("varint too long"))
    }

    fn varint_i32(&mut self) -> Result<i32, BatchError> {
        let v = self.varint(5)?;
        i32::try_from(v).map_err(|_| BatchError::InvalidRecord("varint out of range"))
    }

    /// `n` bytes of the record: copied into `keep` when given, else skipped.
    fn bytes(&mut self, n: usize, mut keep: Option<&mut Vec<u8>>) -> Result<(), BatchError> {
        use std::io::BufRead;
        if n > self.left {
            return Err(BatchError::InvalidRecord(
                "record field runs past its record",
            ));
        }
        if let Some(k) = keep.as_deref_mut() {
            k.clear();
        }
        let mut todo = n;
        while todo > 0 {
            let buf = self.r.fill_buf().map_err(stream_error)?;
            if buf.is_empty() {
                return Err(BatchError::InvalidRecord(
                    "record runs past the records section",
                ));
            }
            let take = todo.min(buf.len());
            if let Some(k) = keep.as_deref_mut() {
                k.extend_from_slice(&buf[..take]);
            }
            self.r.consume(take);
            todo -= take;
        }
        self.left -= n;
        Ok(())
    }

    /// A length-prefixed field: `None` when null (-1); refuses other negative lengths.
    fn field(&mut self, keep: Option<&mut Vec<u8>>) -> Result<Option<()>, BatchError> {
        match self.varint_i32()? {
            -1 => Ok(None),
            n if n < 0 => Err(BatchError::InvalidRecord("negative field length")),
            n => self.bytes(n as usize, keep).map(Some),
        }
    }
}

/// Walks the records of a batch whose header is `h` and whose bytes are `buf`, decompressing
/// as it goes and producing at most `limit` decompressed bytes. Checks every record: its
/// length, each field within it, and that the section holds exactly `records_count` records.
/// `f` may stop the walk early with `ControlFlow::Break`.
pub fn walk_records(
    buf: &[u8],
    h: &BatchHeader,
    limit: usize,
    capture: Capture,
    mut f: impl FnMut(&RecordRef<'_>) -> std::ops::ControlFlow<()>,
) -> Result<(), BatchError> {
    use super::compression::{self, Codec};
    let data = buf
        .get(HEADER_LEN..h.total_size())
        .ok_or(BatchError::Truncated)?;
    let codec = Codec::from_attributes(h.compression_code())
        .ok_or(BatchError::Corrupt("unknown compression codec"))?;
    if h.records_count < 0 {
        return Err(BatchError::Corrupt("negative record count"));
    }
    // Every record takes at least MIN_RECORD_LEN bytes of what the section can produce.
    let most = if codec == Codec::None {
        data.len()
    } else {
        limit
    };
    if h.records_count as usize > most / MIN_RECORD_LEN {
        return Err(BatchError::InvalidRecord(
            "record count larger than the batch can hold",
        ));
    }
    let reader = compression::reader(codec, data, limit).map_err(stream_error)?;
    let mut s = RecordStream {
        r: std::io::BufReader::with_capacity(8 << 10, reader),
        left: 0,
    };
    let (mut key, mut value) = (Vec::new(), Vec::new());
    let mut headers: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::new();
    for _ in 0..h.records_count {
        if s.at_end()? {
            return Err(BatchError::InvalidRecord(
                "record count does not match the batch header",
            ));
        }
        s.left = 5;
        let len = s.varint_i32()?;
        if len <= 0 {
            return Err(BatchError::InvalidRecord("record length is not positive"));
        }
        s.left = len as usize;
        let attributes = s.byte()? as i8;
        let timestamp_delta = s.varint(10)?;
        let offset_delta = s.varint_i32()?;
        let has_key = s.field(capture.keys.then_some(&mut key))?.is_some();
        let has_value = s.field(capture.values.then_some(&mut value))?.is_some();
        let count = s.varint_i32()?;
        if count < 0 {
            return Err(BatchError::InvalidRecord("negative header count"));
        }
        headers.clear();
        for _ in 0..count {
            let mut hk = Vec::new();
            let mut hv = Vec::new();
            if s.field(capture.headers.then_some(&mut hk))?.is_none() {
                return Err(BatchError::InvalidRecord("null header key"));
            }
            let present = s.field(capture.headers.then_some(&mut hv))?.is_some();
            if capture.headers {
                headers.push((hk, present.then_some(hv)));
            }
        }
        if s.left != 0 {
            return Err(BatchError::InvalidRecord(
                "record length does not match its fields",
            ));
        }
        let r = RecordRef {
            attributes,
            timestamp_delta,
            offset_delta,
            key: has_key.then_some(&key[..]),
            value: has_value.then_some(&value[..]),
            headers: &headers,
        };
        if f(&r).is_break() {
            return Ok(());
        }
    }
    if !s.at_end()? {
        return Err(BatchError::InvalidRecord(
            "records section holds more than the batch's record count",
        ));
    }
    Ok(())
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

    /// One record as a test sees it.
    #[derive(Debug)]
    pub struct Rec {
        pub offset_delta: i32,
        pub key: Option<Vec<u8>>,
        pub value: Option<Vec<u8>>,
    }

    /// Every record of a batch, owned.
    pub fn records(buf: &[u8], h: &BatchHeader) -> Result<Vec<Rec>, BatchError> {
        let mut out = Vec::new();
        walk_records(buf, h, 16 << 20, Capture::ALL, |r| {
            out.push(Rec {
                offset_delta: r.offset_delta,
                key: r.key.map(<[u8]>::to_vec),
                value: r.value.map(<[u8]>::to_vec),
            });
            std::ops::ControlFlow::Continue(())
        })?;
        Ok(out)
    }

    fn zigzag(out: &mut Vec<u8>, v: i64) {
        let mut z = ((v << 1) ^ (v >> 63)) as u64;
        while z >= 0x80 {
            out.push(z as u8 | 0x80);
            z >>= 7;
        }
        out.push(z as u8);
    }

    /// One encoded record (length prefix included).
    pub fn encode_record(offset_delta: i32, key: Option<&[u8]>, value: Option<&[u8]>) -> Vec<u8> {
        let mut body = vec![0u8]; // attributes
        zigzag(&mut body, 0); // timestamp delta
        zigzag(&mut body, offset_delta as i64);
        for f in [key, value] {
            match f {
                Some(b) => {
                    zigzag(&mut body, b.len() as i64);
                    body.extend_from_slice(b);
                }
                None => zigzag(&mut body, -1),
            }
        }
        zigzag(&mut body, 0); // headers
        let mut out = Vec::new();
        zigzag(&mut out, body.len() as i64);
        out.extend_from_slice(&body);
        out
    }

    /// A v2 batch around `payload` (already compressed with `codec`), claiming `count` records,
    /// with a correct CRC: what an attacker can send.
    pub fn raw_batch(codec: i16, count: i32, last_offset_delta: i32, payload: &[u8]) -> Vec<u8> {
        let mut b = Vec::with_capacity(HEADER_LEN + payload.len());
        b.extend_from_slice(&0i64.to_be_bytes());
        b.extend_from_slice(&((HEADER_LEN - LOG_OVERHEAD + payload.len()) as i32).to_be_bytes());
        b.extend_from_slice(&(-1i32).to_be_bytes()); // partition leader epoch
        b.push(2);
        b.extend_from_slice(&[0; 4]); // crc
        b.extend_from_slice(&codec.to_be_bytes());
        b.extend_from_slice(&last_offset_delta.to_be_bytes());
        let now = super::super::now_ms();
        b.extend_from_slice(&now.to_be_bytes());
        b.extend_from_slice(&now.to_be_bytes());
        b.extend_from_slice(&(-1i64).to_be_bytes());
        b.extend_from_slice(&(-1i16).to_be_bytes());
        b.extend_from_slice(&(-1i32).to_be_bytes());
        b.extend_from_slice(&count.to_be_bytes());
        b.extend_from_slice(payload);
        let crc = crc32c::crc32c(&b[ATTRIBUTES_OFFSET..]);
        b[CRC_OFFSET..CRC_OFFSET + 4].copy_from_slice(&crc.to_be_bytes());
        b
    }

    const LIMIT: usize = 16 << 20;

    #[test]
    fn a_zstd_bomb_is_refused_at_the_decompression_limit() {
        // One record whose value is 1 GiB of zeros: a few KiB of zstd RLE blocks.
        let mut rec = Vec::new();
        zigzag(&mut rec, 1 << 30); // record length (a lie the stream never fulfils)
        let payload = zstd::encode_all(
            std::io::Read::chain(&rec[..], std::io::Read::take(std::io::repeat(0), 1 << 30)),
            3,
        )
        .unwrap();
        assert!(payload.len() < 1 << 20);
        let b = raw_batch(4, 1, 0, &payload);
        let e = validate_produced(Bytes::from(b), LIMIT).unwrap_err();
        assert!(
            matches!(e, BatchError::InvalidRecord(_) | BatchError::TooLarge(_)),
            "{e}"
        );
    }

    #[test]
    fn garbage_payloads_and_lying_counts_are_refused() {
        let mut rng = 0x1234_5678u64;
        let garbage: Vec<u8> = (0..4096)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng as u8
            })
            .collect();
        for codec in 1..=4 {
            let b = raw_batch(codec, 1, 0, &garbage);
            assert!(
                validate_produced(Bytes::from(b), LIMIT).is_err(),
                "codec {codec}"
            );
        }
        // A valid compressed batch that claims a million records (and the offset delta to match).
        let one = encode_record(0, Some(b"k"), Some(b"v"));
        let payload = zstd::encode_all(&one[..], 3).unwrap();
        let b = raw_batch(4, 1_000_000, 999_999, &payload);
        let e = validate_produced(Bytes::from(b), LIMIT).unwrap_err();
        assert!(e.to_string().contains("record count"), "{e}");
        // ... or fewer records than it holds.
        let two = [one.clone(), encode_record(1, Some(b"k"), None)].concat();
        let b = raw_batch(0, 1, 0, &two);
        assert!(validate_produced(Bytes::from(b), LIMIT).is_err());
        // i32::MAX records in an uncompressed batch: refused before the walk.
        let b = raw_batch(0, i32::MAX, i32::MAX - 1, &one);
        assert!(validate_produced(Bytes::from(b), LIMIT).is_err());
    }

    #[test]
    fn records_must_be_well_formed_and_in_order() {
        let ok = [
            encode_record(0, Some(b"a"), Some(b"1")),
            encode_record(1, None, Some(b"2")),
        ]
        .concat();
        let v = validate_produced(Bytes::from(raw_batch(0, 2, 1, &ok)), LIMIT).unwrap();
        assert!(v.records().keyless);
        // Offset deltas out of order.
        let swapped = [
            encode_record(1, Some(b"a"), Some(b"1")),
            encode_record(0, Some(b"b"), Some(b"2")),
        ]
        .concat();
        let e = validate_produced(Bytes::from(raw_batch(0, 2, 1, &swapped)), LIMIT).unwrap_err();
        assert!(e.to_string().contains("offset deltas"), "{e}");
        // A key length running past its record.
        let mut bad = encode_record(0, Some(b"abc"), Some(b"1"));
        bad[4] = 0x7e; // key length 63
        let e = validate_produced(Bytes::from(raw_batch(0, 1, 0, &bad)), LIMIT).unwrap_err();
        assert!(matches!(e, BatchError::InvalidRecord(_)), "{e}");
        // A control batch from a client.
        let b = raw_batch(1 << 5, 1, 0, &encode_record(0, Some(b"k"), None));
        assert!(validate_produced(Bytes::from(b), LIMIT).is_err());
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
        assert_eq!(recs[2].value.as_deref(), Some(&b"value-2"[..]));
        assert_eq!(recs[2].offset_delta, 2);
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
        assert!(records(&b, &h).unwrap()[1].value.is_none());
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
