//! One log segment: a `.log` file of record batches named by its base offset, with its sparse
//! `.index` and `.timeindex`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::batch::{self, BatchHeader, HEADER_LEN, LOG_OVERHEAD};
use super::index::{OffsetIndex, TimeIndex};

/// File name of a segment: 20-digit zero-padded base offset plus extension.
pub fn file_name(base_offset: i64, ext: &str) -> String {
    format!("{base_offset:020}.{ext}")
}

/// Bytes of a segment file that a read should return: whole batches from `position`.
#[derive(Debug, Clone)]
pub struct FileSlice {
    pub file: Arc<File>,
    pub position: u64,
    pub len: usize,
}

impl FileSlice {
    pub fn read(&self) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; self.len];
        self.file.read_exact_at(&mut buf, self.position)?;
        Ok(buf)
    }
}

/// Segment files open in this process: the connection ceiling keeps this many descriptors
/// (and a headroom) out of the sockets' reach, so a flood of connections cannot make a roll
/// or a new partition fail with EMFILE.
static OPEN_SEGMENT_FILES: AtomicUsize = AtomicUsize::new(0);

pub fn open_segment_files() -> usize {
    OPEN_SEGMENT_FILES.load(Ordering::Relaxed)
}

/// One open segment file, counted in [`open_segment_files`] while it lives.
#[derive(Debug)]
struct Counted;

impl Counted {
    fn new() -> Counted {
        OPEN_SEGMENT_FILES.fetch_add(1, Ordering::Relaxed);
        Counted
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        OPEN_SEGMENT_FILES.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What recovery found in a segment.
#[derive(Debug, Default)]
pub struct RecoveryResult {
    pub truncated_bytes: u64,
    pub batches: Vec<BatchHeader>,
}

#[derive(Debug)]
pub struct LogSegment {
    base_offset: i64,
    log_path: PathBuf,
    file: Arc<File>,
    size: u64,
    offset_index: OffsetIndex,
    time_index: TimeIndex,
    index_interval_bytes: usize,
    bytes_since_last_index_entry: usize,
    next_offset: i64,
    max_timestamp: i64,
    offset_of_max_timestamp: i64,
    /// Max timestamp of the first batch (Kafka's rolling-based timestamp), if any.
    first_batch_timestamp: Option<i64>,
    created_ms: i64,
    /// Start of the bytes not yet handed to early writeback.
    writeback_from: u64,
    _counted: Counted,
}

fn open_rw(path: &Path, create: bool) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .truncate(false)
        .open(path)
}

impl LogSegment {
    pub fn create(
        dir: &Path,
        base_offset: i64,
        index_max_bytes: usize,
        index_interval_bytes: usize,
        now_ms: i64,
    ) -> io::Result<LogSegment> {
        let log_path = dir.join(file_name(base_offset, "log"));
        let file = open_rw(&log_path, true)?;
        file.set_len(0)?;
        Ok(LogSegment {
            base_offset,
            log_path,
            file: Arc::new(file),
            size: 0,
            offset_index: OffsetIndex::new(
                dir.join(file_name(base_offset, "index")),
                base_offset,
                index_max_bytes,
            ),
            time_index: TimeIndex::new(dir.join(file_name(base_offset, "timeindex")), base_offset),
            index_interval_bytes,
            bytes_since_last_index_entry: 0,
            next_offset: base_offset,
            max_timestamp: -1,
            offset_of_max_timestamp: base_offset,
            first_batch_timestamp: None,
            created_ms: now_ms,
            writeback_from: 0,
            _counted: Counted::new(),
        })
    }

    /// Opens an existing segment. With `trust_indexes`, index files are used when they pass
    /// sanity checks; otherwise (or when they fail) the caller must `recover` the segment.
    /// Returns the segment and whether its indexes were loaded.
    pub fn open(
        dir: &Path,
        base_offset: i64,
        index_max_bytes: usize,
        index_interval_bytes: usize,
        trust_indexes: bool,
        now_ms: i64,
    ) -> io::Result<(LogSegment, bool)> {
        let log_path = dir.join(file_name(base_offset, "log"));
        let file = open_rw(&log_path, false)?;
        let size = file.metadata()?.len();
        let index_path = dir.join(file_name(base_offset, "index"));
        let time_path = dir.join(file_name(base_offset, "timeindex"));
        let loaded = if trust_indexes {
            match (
                OffsetIndex::load(index_path.clone(), base_offset, index_max_bytes, size),
                TimeIndex::load(time_path.clone(), base_offset),
            ) {
                (Some(o), Some(t)) => Some((o, t)),
                _ => None,
            }
        } else {
            None
        };
        // An empty segment has nothing to index: fresh indexes are correct.
        let ok = loaded.is_some() || size == 0;
        let (offset_index, time_index) = loaded.unwrap_or_else(|| {
            (
                OffsetIndex::new(index_path, base_offset, index_max_bytes),
                TimeIndex::new(time_path, base_offset),
            )
        });
        let mut seg = LogSegment {
            base_offset,
            log_path,
            file: Arc::new(file),
            size,
            offset_index,
            time_index,
            index_interval_bytes,
            bytes_since_last_index_entry: 0,
            next_offset: base_offset,
            max_timestamp: -1,
            offset_of_max_timestamp: base_offset,
            first_batch_timestamp: None,
            created_ms: now_ms,
            writeback_from: size,
            _counted: Counted::new(),
        };
        if ok {
            // Find the end from the last index entry; the time index gives the max timestamp.
            let start = seg.offset_index.last_entry().position as u64;
            let mut pos = start;
            while let Some(h) = seg.header_at(pos)? {
                seg.next_offset = h.next_offset();
                if h.max_timestamp > seg.max_timestamp {
                    seg.max_timestamp = h.max_timestamp;
                    seg.offset_of_max_timestamp = h.last_offset();
                }
                pos += h.total_size() as u64;
            }
            if pos != size {
                // Bytes after the last whole batch: not a clean end, so check it all.
                return Ok((seg, false));
            }
            if let Some(t) = seg.time_index.last_entry()
                && t.timestamp > seg.max_timestamp
            {
                seg.max_timestamp = t.timestamp;
                seg.offset_of_max_timestamp = t.offset;
            }
            seg.first_batch_timestamp = seg.header_at(0)?.map(|h| h.max_timestamp);
        }
        Ok((seg, ok))
    }

    pub fn base_offset(&self) -> i64 {
        self.base_offset
    }
    pub fn size(&self) -> u64 {
        self.size
    }
    pub fn next_offset(&self) -> i64 {
        self.next_offset
    }
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }
    pub fn max_timestamp(&self) -> i64 {
        self.max_timestamp
    }
    pub fn offset_of_max_timestamp(&self) -> i64 {
        self.offset_of_max_timestamp
    }
    pub fn index_is_full(&self) -> bool {
        self.offset_index.is_full()
    }
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// Milliseconds this segment has been open for rolling purposes (Kafka's rule: the first
    /// batch's max timestamp when it has one, else the segment's creation time).
    pub fn age_ms(&self, now_ms: i64) -> i64 {
        now_ms
            - self
                .first_batch_timestamp
                .filter(|t| *t >= 0)
                .unwrap_or(self.created_ms)
    }

    /// Kafka's `timeWaitedForRoll` for an append: the incoming batch's max timestamp less the
    /// first batch's when the segment has one (record time, so old or replayed data does not
    /// roll a segment per batch), else wall-clock time since the segment was created.
    pub fn time_waited_for_roll(&self, now_ms: i64, incoming_max_timestamp: i64) -> i64 {
        match self.first_batch_timestamp.filter(|t| *t >= 0) {
            Some(first) => incoming_max_timestamp.saturating_sub(first),
            None => now_ms - self.created_ms,
        }
    }

    /// Reads the batch header at `pos`, or `None` at the end of the data.
    fn header_at(&self, pos: u64) -> io::Result<Option<BatchHeader>> {
        if pos + HEADER_LEN as u64 > self.size {
            return Ok(None);
        }
        let mut buf = [0u8; HEADER_LEN];
        self.file.read_exact_at(&mut buf, pos)?;
        match BatchHeader::parse(&buf) {
            Ok(h) if pos + h.total_size() as u64 <= self.size => Ok(Some(h)),
            _ => Ok(None),
        }
    }

    /// Appends one validated batch whose offsets have been assigned.
    /// The batch may come in parts (a patched header and the body as received).
    pub fn append(&mut self, parts: &[&[u8]], h: &BatchHeader) -> io::Result<()> {
        let position = self.size;
        let mut at = position;
        for part in parts {
            if let Err(e) = self.file.write_all_at(part, at) {
                // A failed write (e.g. a full disk) may have left part of the batch behind:
                // cut it off so the next append and the next start see a clean end.
                let _ = self.file.set_len(position);
                return Err(e);
            }
            at += part.len() as u64;
        }
        if at - self.writeback_from >= super::writeback::WRITEBACK_CHUNK {
            super::writeback::request(&self.file, self.writeback_from, at - self.writeback_from);
            self.writeback_from = at;
        }
        self.track(position, h);
        Ok(())
    }

    /// Bookkeeping for a batch now at `position`: sparse index entries (one per
    /// `index.interval.bytes`, mapping the batch's last offset to its position, as Kafka),
    /// max timestamp, end offset and size.
    fn track(&mut self, position: u64, h: &BatchHeader) {
        if self.bytes_since_last_index_entry > self.index_interval_bytes {
            self.offset_index.append(h.last_offset(), position as u32);
            self.time_index.maybe_append(
                self.max_timestamp.max(h.max_timestamp),
                self.offset_of_max_timestamp.max(h.last_offset()),
            );
            self.bytes_since_last_index_entry = 0;
        }
        self.bytes_since_last_index_entry += h.total_size();
        if h.max_timestamp > self.max_timestamp {
            self.max_timestamp = h.max_timestamp;
            self.offset_of_max_timestamp = h.last_offset();
        }
        if self.first_batch_timestamp.is_none() {
            self.first_batch_timestamp = Some(h.max_timestamp);
        }
        self.size = position + h.total_size() as u64;
        self.next_offset = h.next_offset();
    }

    /// Position and header of the first batch whose last offset is at least `offset`.
    pub fn find_batch(&self, offset: i64) -> io::Result<Option<(u64, BatchHeader)>> {
        let mut pos = self.offset_index.lookup(offset).position as u64;
        while let Some(h) = self.header_at(pos)? {
            if h.last_offset() >= offset {
                return Ok(Some((pos, h)));
            }
            pos += h.total_size() as u64;
        }
        Ok(None)
    }

    /// Whole batches starting with the one holding `offset`, up to `max_bytes` (but at least
    /// one batch when `min_one` is set), never past `max_offset` (exclusive).
    pub fn read(
        &self,
        offset: i64,
        max_bytes: usize,
        max_offset: i64,
        min_one: bool,
    ) -> io::Result<Option<FileSlice>> {
        let Some((start, first)) = self.find_batch(offset)? else {
            return Ok(None);
        };
        if first.base_offset >= max_offset {
            return Ok(None);
        }
        let mut len = 0usize;
        let mut pos = start;
        let mut h = first;
        loop {
            let size = h.total_size();
            if len + size > max_bytes && !(min_one && len == 0) {
                break;
            }
            len += size;
            pos += size as u64;
            match self.header_at(pos)? {
                Some(next) if next.base_offset < max_offset => h = next,
                _ => break,
            }
        }
        if len == 0 {
            return Ok(None);
        }
        Ok(Some(FileSlice {
            file: self.file.clone(),
            position: start,
            len,
        }))
    }

    /// Every batch header in this segment, in order.
    pub fn batches(&self) -> io::Result<Vec<(u64, BatchHeader)>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(h) = self.header_at(pos)? {
            out.push((pos, h));
            pos += h.total_size() as u64;
        }
        Ok(out)
    }

    /// The batch holding the first record with a timestamp at least `timestamp` at or after
    /// `start_offset`: the first batch from the time index's entry whose max timestamp
    /// reaches it. Only headers are read; the records are walked by the caller, unlocked.
    pub fn timestamp_candidate(
        &self,
        timestamp: i64,
        start_offset: i64,
    ) -> io::Result<Option<(FileSlice, BatchHeader)>> {
        if self.max_timestamp < timestamp {
            return Ok(None);
        }
        let from = self.time_index.lookup(timestamp).offset.max(start_offset);
        let mut pos = self.offset_index.lookup(from).position as u64;
        while let Some(h) = self.header_at(pos)? {
            if h.max_timestamp >= timestamp && h.last_offset() >= start_offset {
                let slice = FileSlice {
                    file: self.file.clone(),
                    position: pos,
                    len: h.total_size(),
                };
                return Ok(Some((slice, h)));
            }
            pos += h.total_size() as u64;
        }
        Ok(None)
    }

    /// Scans the whole segment, checking every batch; rebuilds both indexes and truncates the
    /// file at the first byte that is not part of a valid batch.
    pub fn recover(&mut self, max_batch_size: usize) -> io::Result<RecoveryResult> {
        self.offset_index.clear();
        self.time_index.clear();
        self.bytes_since_last_index_entry = 0;
        self.max_timestamp = -1;
        self.offset_of_max_timestamp = self.base_offset;
        self.next_offset = self.base_offset;
        self.first_batch_timestamp = None;
        let file_size = self.file.metadata()?.len();
        let mut reader = BufReader::with_capacity(1 << 20, File::open(&self.log_path)?);
        let mut result = RecoveryResult::default();
        let mut valid: u64 = 0;
        let mut buf = Vec::new();
        self.size = 0;
        loop {
            let mut head = [0u8; LOG_OVERHEAD + 5];
            if read_full(&mut reader, &mut head)? < head.len() {
                break;
            }
            let len = i32::from_be_bytes([head[8], head[9], head[10], head[11]]);
            if len < (HEADER_LEN - LOG_OVERHEAD) as i32
                || len as usize > max_batch_size
                || valid + LOG_OVERHEAD as u64 + len as u64 > file_size
            {
                break;
            }
            buf.clear();
            buf.extend_from_slice(&head);
            buf.resize(LOG_OVERHEAD + len as usize, 0);
            if read_full(&mut reader, &mut buf[head.len()..])? < buf.len() - head.len() {
                break;
            }
            let h = match batch::validate(&buf) {
                Ok(h) if h.base_offset >= self.next_offset => h,
                _ => break,
            };
            // The bytes are already in the file: only the bookkeeping of an append.
            self.track(valid, &h);
            valid += buf.len() as u64;
            result.batches.push(h);
        }
        if valid < file_size {
            result.truncated_bytes = file_size - valid;
            self.file.set_len(valid)?;
        }
        self.size = valid;
        self.writeback_from = valid;
        self.offset_index.flush(false)?;
        self.time_index.flush(false)?;
        Ok(result)
    }

    /// Removes every batch at or after `offset`; returns the bytes removed.
    pub fn truncate_to(&mut self, offset: i64) -> io::Result<u64> {
        let Some((pos, _)) = self.find_batch(offset)? else {
            return Ok(0);
        };
        let removed = self.size - pos;
        self.file.set_len(pos)?;
        self.size = pos;
        self.writeback_from = self.writeback_from.min(pos);
        self.offset_index.truncate_to(offset);
        self.time_index.truncate_to(offset);
        // Recompute the end and max timestamp from what is left.
        self.next_offset = self.base_offset;
        self.max_timestamp = -1;
        for (_, h) in self.batches()? {
            self.next_offset = h.next_offset();
            if h.max_timestamp > self.max_timestamp {
                self.max_timestamp = h.max_timestamp;
                self.offset_of_max_timestamp = h.last_offset();
            }
        }
        if self.size == 0 {
            self.first_batch_timestamp = None;
        }
        self.bytes_since_last_index_entry = self.index_interval_bytes + 1;
        Ok(removed)
    }

    /// Writes the indexes and, with `sync`, fsyncs data and indexes.
    pub fn flush(&mut self, sync: bool) -> io::Result<()> {
        if sync {
            self.file.sync_data()?;
        }
        self.offset_index.flush(sync)?;
        self.time_index.flush(sync)
    }

    /// The file handle, so data can be fsynced without holding the log lock.
    pub fn file(&self) -> Arc<File> {
        self.file.clone()
    }

    /// Deletes the segment's files. Readers holding the file keep reading until they finish.
    pub fn delete(&self) -> io::Result<()> {
        for p in [
            self.log_path.as_path(),
            self.offset_index.path(),
            self.time_index.path(),
        ] {
            match fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Replaces this segment's files with those of `cleaned` (compaction), keeping the name.
    pub fn replace_with(&mut self, mut cleaned: LogSegment) -> io::Result<()> {
        cleaned.flush(true)?;
        // Remove the old indexes first: a crash before the new ones are in place then leaves
        // a segment without indexes, which is rebuilt, never one with stale indexes.
        for p in [self.offset_index.path(), self.time_index.path()] {
            match fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        fs::rename(&cleaned.log_path, &self.log_path)?;
        fs::rename(cleaned.offset_index.path(), self.offset_index.path())?;
        fs::rename(cleaned.time_index.path(), self.time_index.path())?;
        cleaned.log_path = self.log_path.clone();
        cleaned
            .offset_index
            .set_path(self.offset_index.path().to_path_buf());
        cleaned
            .time_index
            .set_path(self.time_index.path().to_path_buf());
        cleaned.base_offset = self.base_offset;
        *self = cleaned;
        Ok(())
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
