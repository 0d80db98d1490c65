//! Tests of the whole partition log: append and read, rolls, recovery, retention, compaction.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use kafka_protocol::records::Compression;
use proptest::prelude::*;

use super::batch::tests::make_batch;
use super::*;
use crate::config::LogConfig;

fn config(pairs: &[(&str, &str)]) -> LogConfig {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    LogConfig::from_map(&map)
}

fn open(dir: &Path, cfg: LogConfig, recovery_point: i64, clean: bool) -> Log {
    Log::open(
        dir.to_path_buf(),
        TopicPartition::new("t", 0),
        cfg,
        0,
        recovery_point,
        clean,
    )
    .unwrap()
}

/// Appends a producer's batch the way the replica manager does: checked, then appended.
fn produce(log: &mut Log, b: &[u8], epoch: i32) -> Result<AppendInfo, AppendError> {
    let limit = log.decompressed_limit();
    let valid = batch::validate_produced(bytes::Bytes::copy_from_slice(b), limit)?;
    log.append_as_leader(&valid, epoch)
}

fn append_n(log: &mut Log, n: usize, per_batch: usize) -> Vec<AppendInfo> {
    (0..n)
        .map(|_| {
            let keys: Vec<Option<&str>> = (0..per_batch).map(|_| Some("k")).collect();
            let b = make_batch(&keys, None, Compression::None, now_ms());
            produce(log, &b, 0).unwrap()
        })
        .collect()
}

/// Offsets of every record readable from `from`, batch by batch.
fn read_offsets(log: &Log, from: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut next = from;
    while let Ok(Some(slice)) = log.read(next, 1 << 20, i64::MAX, true) {
        let bytes = slice.read().unwrap();
        let mut pos = 0;
        while pos < bytes.len() {
            let h = batch::validate(&bytes[pos..]).unwrap();
            out.extend(h.base_offset..=h.last_offset());
            next = h.next_offset();
            pos += h.total_size();
        }
    }
    out
}

#[test]
fn appends_get_consecutive_offsets_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[]), 0, false);
    let infos = append_n(&mut log, 4, 3);
    assert_eq!(
        infos.iter().map(|i| i.first_offset).collect::<Vec<_>>(),
        vec![0, 3, 6, 9]
    );
    assert_eq!(log.log_end_offset(), 12);
    assert_eq!(read_offsets(&log, 0), (0..12).collect::<Vec<_>>());
    // A read from the middle of a batch returns the whole batch holding that offset.
    let slice = log.read(4, 1 << 20, i64::MAX, true).unwrap().unwrap();
    assert_eq!(
        batch::validate(&slice.read().unwrap()).unwrap().base_offset,
        3
    );
    // Reads stop at max_offset (the high watermark).
    let slice = log.read(0, 1 << 20, 6, true).unwrap().unwrap();
    assert_eq!(slice.read().unwrap().len(), slice.len);
    let mut pos = 0;
    let bytes = slice.read().unwrap();
    let mut last = 0;
    while pos < bytes.len() {
        let h = batch::validate(&bytes[pos..]).unwrap();
        last = h.last_offset();
        pos += h.total_size();
    }
    assert_eq!(last, 5);
    assert!(matches!(
        log.read(13, 100, i64::MAX, true),
        Err(ReadError::OffsetOutOfRange { .. })
    ));
}

#[test]
fn segments_roll_by_size_and_survive_a_clean_restart() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&[("segment.bytes", "1000"), ("index.interval.bytes", "100")]);
    let mut log = open(dir.path(), cfg.clone(), 0, false);
    append_n(&mut log, 40, 2);
    assert!(log.segment_count() > 3, "{}", log.segment_count());
    log.close().unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.contains(&"00000000000000000000.log".to_string()));
    assert!(
        names.iter().any(|n| n.ends_with(".index"))
            && names.iter().any(|n| n.ends_with(".timeindex"))
    );
    drop(log);
    let log = open(dir.path(), cfg, 80, true);
    assert_eq!(log.log_end_offset(), 80);
    assert_eq!(read_offsets(&log, 0), (0..80).collect::<Vec<_>>());
    assert_eq!(read_offsets(&log, 57).first(), Some(&56));
}

#[test]
fn torn_tail_is_truncated_and_appends_continue() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[]), 0, false);
    append_n(&mut log, 5, 2);
    drop(log);
    // Half a batch of garbage at the end, as a crash mid-write leaves it.
    let path = dir.path().join("00000000000000000000.log");
    let mut f = OpenOptions::new().append(true).open(&path).unwrap();
    let partial = make_batch(&[Some("x"), Some("y")], None, Compression::None, 1);
    f.write_all(&partial[..partial.len() / 2]).unwrap();
    drop(f);
    let mut log = open(dir.path(), config(&[]), 0, false);
    assert_eq!(log.log_end_offset(), 10);
    assert!(log.load_stats().truncated_bytes > 0);
    let info = append_n(&mut log, 1, 1);
    assert_eq!(info[0].first_offset, 10);
    assert_eq!(read_offsets(&log, 0), (0..11).collect::<Vec<_>>());
}

#[test]
fn corrupt_batch_in_the_middle_cuts_the_log_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[]), 0, false);
    let infos = append_n(&mut log, 6, 1);
    let size = infos[0].bytes;
    drop(log);
    let path = dir.path().join("00000000000000000000.log");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[3 * size + 40] ^= 0x55; // inside the 4th batch, covered by its CRC
    std::fs::write(&path, &bytes).unwrap();
    let log = open(dir.path(), config(&[]), 0, false);
    assert_eq!(log.log_end_offset(), 3);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 3 * size as u64);
}

#[test]
fn producer_state_survives_a_crash_and_catches_retries() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[]), 0, false);
    let b0 = make_batch(
        &[Some("a"), Some("b")],
        Some((42, 0, 0)),
        Compression::None,
        now_ms(),
    );
    let first = produce(&mut log, &b0, 0).unwrap();
    let b1 = make_batch(&[Some("c")], Some((42, 0, 2)), Compression::None, now_ms());
    produce(&mut log, &b1, 0).unwrap();
    drop(log); // no close: as after SIGKILL
    let mut log = open(dir.path(), config(&[]), 0, false);
    let retry = produce(&mut log, &b0, 0).unwrap();
    assert!(retry.duplicate);
    assert_eq!(
        (retry.first_offset, retry.last_offset),
        (first.first_offset, first.last_offset)
    );
    assert_eq!(log.log_end_offset(), 3);
    let gap = make_batch(&[Some("d")], Some((42, 0, 7)), Compression::None, now_ms());
    assert!(matches!(
        produce(&mut log, &gap, 0),
        Err(AppendError::Producer(_))
    ));
}

#[test]
fn validation_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(
        dir.path(),
        config(&[("max.message.bytes", "100"), ("cleanup.policy", "compact")]),
        0,
        false,
    );
    let big = make_batch(
        &[Some("0123456789012345678901234567890123456789")],
        None,
        Compression::None,
        now_ms(),
    );
    assert!(matches!(
        produce(&mut log, &big, 0),
        Err(AppendError::MessageTooLarge { .. })
    ));
    let keyless = make_batch(&[None], None, Compression::None, now_ms());
    assert!(matches!(
        produce(&mut log, &keyless, 0),
        Err(AppendError::KeylessRecordOnCompactedTopic)
    ));
    let zkeyless = make_batch(&[Some("a"), None], None, Compression::Zstd, now_ms());
    assert!(matches!(
        produce(&mut log, &zkeyless, 0),
        Err(AppendError::KeylessRecordOnCompactedTopic)
    ));
    assert_eq!(log.log_end_offset(), 0);
}

#[test]
fn log_append_time_is_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(
        dir.path(),
        config(&[("message.timestamp.type", "LogAppendTime")]),
        0,
        false,
    );
    let b = make_batch(&[Some("a")], None, Compression::None, 5);
    let info = produce(&mut log, &b, 0).unwrap();
    assert!(info.log_append_time > 5);
    let h = batch::validate(
        &log.read(0, 1000, i64::MAX, true)
            .unwrap()
            .unwrap()
            .read()
            .unwrap(),
    )
    .unwrap();
    assert!(h.is_log_append_time());
    assert_eq!(h.max_timestamp, info.log_append_time);
}

#[test]
fn timestamps_lookup_and_delete_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[("segment.bytes", "300")]), 0, false);
    let base = now_ms() - 10_000;
    for i in 0..10 {
        let b = make_batch(
            &[Some("k"), Some("k")],
            None,
            Compression::None,
            base + i * 100,
        );
        produce(&mut log, &b, 0).unwrap();
    }
    // Batch i holds timestamps base+100i and base+100i+1.
    assert_eq!(
        log.offset_for_timestamp(base + 301)
            .unwrap()
            .resolve()
            .unwrap(),
        Some((7, base + 301))
    );
    assert_eq!(
        log.offset_for_timestamp(base + 302)
            .unwrap()
            .resolve()
            .unwrap(),
        Some((8, base + 400))
    );
    assert_eq!(
        log.offset_for_timestamp(base + 5000)
            .unwrap()
            .resolve()
            .unwrap(),
        None
    );
    assert_eq!(
        log.max_timestamp_offset().unwrap().resolve().unwrap(),
        Some((19, base + 901))
    );
    let segments = log.segment_count();
    assert_eq!(log.delete_records_before(9).unwrap(), 9);
    assert!(log.segment_count() < segments);
    assert!(matches!(
        log.read(3, 100, i64::MAX, true),
        Err(ReadError::OffsetOutOfRange { .. })
    ));
    assert_eq!(read_offsets(&log, 9).first(), Some(&8));
}

#[test]
fn old_record_timestamps_do_not_roll_a_segment_per_batch() {
    // Kafka's rule compares the incoming batch's timestamps with the segment's first batch:
    // data from 1970 (replayed, mirrored) fills one segment, and one fetch reads it all.
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[("segment.ms", "60000")]), 0, false);
    for i in 0..5 {
        let b = make_batch(
            &[Some("k"), Some("k")],
            None,
            Compression::None,
            2000 + i * 100,
        );
        produce(&mut log, &b, 0).unwrap();
    }
    assert_eq!(log.segment_count(), 1);
    let slice = log.read(0, 1 << 20, i64::MAX, true).unwrap().unwrap();
    assert_eq!(slice.read().unwrap().len() as u64, log.size_bytes());
    // A batch whose records are segment.ms newer than the segment's first one rolls it.
    let b = make_batch(&[Some("k")], None, Compression::None, 2000 + 61_000);
    produce(&mut log, &b, 0).unwrap();
    assert_eq!(log.segment_count(), 2);
}

#[test]
fn timestamp_at_reads_the_record_a_consumer_gets_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[("segment.bytes", "300")]), 0, false);
    let base = now_ms() - 10_000;
    for i in 0..5 {
        let compression = if i % 2 == 0 {
            Compression::None
        } else {
            Compression::Zstd
        };
        let b = make_batch(&[Some("k"), Some("k")], None, compression, base + i * 100);
        produce(&mut log, &b, 0).unwrap();
    }
    let shared = parking_lot::Mutex::new(log);
    // Record 2i holds base+100i, record 2i+1 base+100i+1, in plain and compressed batches.
    assert_eq!(timestamp_at(&shared, 0, i64::MAX).unwrap(), Some((0, base)));
    assert_eq!(
        timestamp_at(&shared, 3, i64::MAX).unwrap(),
        Some((3, base + 101))
    );
    assert_eq!(
        timestamp_at(&shared, 8, i64::MAX).unwrap(),
        Some((8, base + 400))
    );
    // At the log end, or not below the bound (the high watermark): nothing to read.
    assert_eq!(timestamp_at(&shared, 10, i64::MAX).unwrap(), None);
    assert_eq!(timestamp_at(&shared, 6, 6).unwrap(), None);
    assert_eq!(timestamp_at(&shared, 5, 6).unwrap(), Some((5, base + 201)));
    // Before the log start: the first record still there.
    shared.lock().delete_records_before(4).unwrap();
    assert_eq!(
        timestamp_at(&shared, 1, i64::MAX).unwrap(),
        Some((4, base + 200))
    );
}

#[test]
fn retention_by_time_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(
        dir.path(),
        config(&[("segment.bytes", "300"), ("retention.bytes", "600")]),
        0,
        false,
    );
    append_n(&mut log, 20, 2);
    log.delete_old_segments(now_ms()).unwrap();
    assert!(log.size_bytes() <= 900, "{}", log.size_bytes());
    assert!(log.log_start_offset() > 0);
    assert_eq!(log.log_end_offset(), 40);
    // Time: everything older than retention.ms goes, the log end stays.
    log.set_config(config(&[("segment.bytes", "300"), ("retention.ms", "1")]));
    log.delete_old_segments(now_ms() + 10_000).unwrap();
    assert_eq!(log.log_start_offset(), 40);
    assert_eq!(log.log_end_offset(), 40);
    assert_eq!(append_n(&mut log, 1, 1)[0].first_offset, 40);
}

#[test]
fn compaction_keeps_the_latest_value_per_key() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&[
        ("segment.bytes", "400"),
        ("cleanup.policy", "compact"),
        ("min.cleanable.dirty.ratio", "0.01"),
    ]);
    let mut log = open(dir.path(), cfg, 0, false);
    for round in 0..6 {
        for key in ["a", "b", "c"] {
            let _ = round;
            let b = make_batch(&[Some(key)], None, Compression::None, now_ms());
            produce(&mut log, &b, 0).unwrap();
        }
    }
    let before = read_offsets(&log, 0).len();
    let plan = log
        .plan_cleaning(0, now_ms())
        .expect("dirty log needs cleaning");
    let (cleaned, stats) = cleaner::clean(&plan).unwrap();
    assert!(log.install_cleaned(&plan, cleaned).unwrap());
    assert!(stats.records_after < stats.records_before);
    let after = read_offsets(&log, 0);
    assert!(after.len() < before);
    // The last offset of each key in the cleaned part is still there, in order.
    assert!(after.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(log.log_end_offset(), 18);
    assert_eq!(*after.last().unwrap(), 17);
    drop(log);
    // Reopened after a crash, the cleaned segments pass recovery.
    let cfg = config(&[("segment.bytes", "400"), ("cleanup.policy", "compact")]);
    let log = open(dir.path(), cfg, 0, false);
    assert_eq!(read_offsets(&log, 0), after);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Cutting the log file anywhere and recovering leaves exactly the batches that were whole.
    #[test]
    fn recovery_keeps_exactly_the_whole_batches(cut in 0usize..2000, batches in 1usize..12) {
        let dir = tempfile::tempdir().unwrap();
        let mut log = open(dir.path(), config(&[("index.interval.bytes", "50")]), 0, false);
        let infos = append_n(&mut log, batches, 2);
        drop(log);
        let path = dir.path().join("00000000000000000000.log");
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        let cut = cut.min(len);
        OpenOptions::new().write(true).open(&path).unwrap().set_len(cut as u64).unwrap();
        let log = open(dir.path(), config(&[]), 0, false);
        let size = infos[0].bytes;
        let whole = cut / size;
        prop_assert_eq!(log.log_end_offset(), (whole * 2) as i64);
        prop_assert_eq!(read_offsets(&log, 0), (0..(whole * 2) as i64).collect::<Vec<_>>());
    }
}

#[test]
fn garbage_after_a_clean_stop_is_still_cut_off() {
    // E.g. a write that failed half-way on a full disk, then a clean shutdown.
    let dir = tempfile::tempdir().unwrap();
    let mut log = open(dir.path(), config(&[]), 0, false);
    append_n(&mut log, 3, 2);
    log.close().unwrap();
    drop(log);
    let path = dir.path().join("00000000000000000000.log");
    let good = std::fs::metadata(&path).unwrap().len();
    OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(&[7u8; 30])
        .unwrap();
    let mut log = open(dir.path(), config(&[]), 6, true);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), good);
    assert_eq!(append_n(&mut log, 1, 1)[0].first_offset, 6);
    assert_eq!(read_offsets(&log, 0), (0..7).collect::<Vec<_>>());
}

/// The leader-epoch file is fsynced lazily, so a crash can leave it empty, torn or without the
/// newest epochs; opening the log after a crash re-derives the epochs from the batches.
#[test]
fn leader_epochs_are_rebuilt_after_a_crash_lost_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&[]);
    let epochs_of = |log: &Log| -> Vec<(i32, i64)> {
        log.leader_epochs()
            .entries()
            .iter()
            .map(|e| (e.epoch, e.start_offset))
            .collect()
    };
    let path = dir.path().join(leader_epoch::FILE_NAME);
    let expected = {
        let mut log = open(dir.path(), cfg.clone(), 0, false);
        for epoch in [0, 0, 3, 3, 7] {
            let b = make_batch(&[Some("k")], None, Compression::None, now_ms());
            produce(&mut log, &b, epoch).unwrap();
        }
        epochs_of(&log)
    };
    assert_eq!(expected, vec![(0, 0), (3, 2), (7, 4)]);

    // The file lost its newest entry (written, never fsynced).
    fs::write(&path, "0\n2\n0 0\n3 2\n").unwrap();
    let log = open(dir.path(), cfg.clone(), 0, false);
    assert_eq!(epochs_of(&log), expected);
    drop(log);

    // The file is empty or torn: rebuilt from every batch, and written back readable.
    for junk in ["", "0\n3\n0 0\n3"] {
        fs::write(&path, junk).unwrap();
        let log = open(dir.path(), cfg.clone(), 5, false);
        assert_eq!(epochs_of(&log), expected, "file {junk:?}");
        assert_eq!(log.leader_epochs().end_offset_for(3, 5), (3, 4));
        drop(log);
        let reread = leader_epoch::LeaderEpochCache::load(dir.path()).unwrap();
        assert_eq!(
            reread.entries(),
            open(dir.path(), cfg.clone(), 5, true)
                .leader_epochs()
                .entries()
        );
    }
}
