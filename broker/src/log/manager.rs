//! The log manager: every partition log under `log.dirs`, the per-directory checkpoints
//! (recovery points, log start offsets), the clean-shutdown marker, and the background work
//! (retention, time-based flush and roll, checkpointing, compaction).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use super::{Log, TopicPartition, checkpoint, cleaner, now_ms};
use crate::config::LogConfig;

pub type SharedLog = Arc<Mutex<Log>>;

const CLEAN_SHUTDOWN_FILE: &str = ".kafka_cleanshutdown";
const RECOVERY_POINT_FILE: &str = "recovery-point-offset-checkpoint";
const LOG_START_FILE: &str = "log-start-offset-checkpoint";
const META_PROPERTIES: &str = "meta.properties";
const LOCK_FILE: &str = ".lock";

pub struct LogManager {
    dir: PathBuf,
    logs: RwLock<HashMap<TopicPartition, SharedLog>>,
    recovery_points: HashMap<TopicPartition, i64>,
    log_starts: HashMap<TopicPartition, i64>,
    clean_shutdown: bool,
    cleaned_up_to: Mutex<HashMap<TopicPartition, i64>>,
    _lock: fs::File,
    cluster_id: String,
}

/// Reads a Kafka offsets checkpoint (`topic partition offset` lines).
pub fn read_offsets(path: &Path) -> io::Result<HashMap<TopicPartition, i64>> {
    let mut out = HashMap::new();
    for line in checkpoint::read(path)?.unwrap_or_default() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [topic, partition, offset] = parts[..]
            && let (Ok(p), Ok(o)) = (partition.parse(), offset.parse())
        {
            out.insert(TopicPartition::new(topic, p), o);
            continue;
        }
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: bad line {line:?}", path.display()),
        ));
    }
    Ok(out)
}

impl LogManager {
    /// Opens the data directory: takes its lock (one broker per directory), reads
    /// meta.properties (creating it with a new cluster id on first start) and the checkpoints.
    pub fn startup(dir: &Path, node_id: i32) -> io::Result<LogManager> {
        fs::create_dir_all(dir)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        if lock.try_lock().is_err() {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!("{} is in use by another broker process", dir.display()),
            ));
        }
        let cluster_id = Self::load_meta(dir, node_id)?;
        let marker = dir.join(CLEAN_SHUTDOWN_FILE);
        let clean_shutdown = marker.exists();
        if clean_shutdown {
            fs::remove_file(&marker)?;
        }
        // A checkpoint that cannot be read means recovering from the start; never fatal.
        let recovery_points = read_offsets(&dir.join(RECOVERY_POINT_FILE)).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "recovery point checkpoint unreadable; logs will be recovered in full");
            HashMap::new()
        });
        let log_starts = read_offsets(&dir.join(LOG_START_FILE)).unwrap_or_default();
        let _ = fs::remove_dir_all(dir.join("cleaning"));
        Ok(LogManager {
            dir: dir.to_path_buf(),
            logs: RwLock::new(HashMap::new()),
            recovery_points,
            log_starts,
            clean_shutdown,
            cleaned_up_to: Mutex::new(HashMap::new()),
            _lock: lock,
            cluster_id,
        })
    }

    fn load_meta(dir: &Path, node_id: i32) -> io::Result<String> {
        let path = dir.join(META_PROPERTIES);
        if let Ok(text) = fs::read_to_string(&path) {
            let props = crate::config::parse_properties(&text);
            if let Some(stored) = props.get("node.id").and_then(|v| v.parse::<i32>().ok())
                && stored != node_id
            {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{} belongs to node.id {stored}, but this broker is node.id {node_id}",
                        dir.display()
                    ),
                ));
            }
            if let Some(id) = props.get("cluster.id") {
                return Ok(id.clone());
            }
        }
        let id = crate::util::new_cluster_id();
        let text = format!("version=1\ncluster.id={id}\nnode.id={node_id}\n");
        let tmp = path.with_extension("tmp");
        fs::write(&tmp, text)?;
        fs::File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, &path)?;
        Ok(id)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn cluster_id(&self) -> &str {
        &self.cluster_id
    }
    pub fn was_clean_shutdown(&self) -> bool {
        self.clean_shutdown
    }

    pub fn get(&self, tp: &TopicPartition) -> Option<SharedLog> {
        self.logs.read().get(tp).cloned()
    }

    /// Opens the partition's log (recovering it if needed) or creates it.
    pub fn get_or_create(&self, tp: &TopicPartition, config: LogConfig) -> io::Result<SharedLog> {
        if let Some(log) = self.get(tp) {
            return Ok(log);
        }
        let mut logs = self.logs.write();
        if let Some(log) = logs.get(tp) {
            return Ok(log.clone());
        }
        let log = Log::open(
            self.dir.join(tp.dir_name()),
            tp.clone(),
            config,
            self.log_starts.get(tp).copied().unwrap_or(0),
            self.recovery_points.get(tp).copied().unwrap_or(0),
            self.clean_shutdown,
        )?;
        let stats = log.load_stats();
        if stats.recovered_segments > 0 {
            tracing::info!(%tp, segments = stats.recovered_segments, truncated_bytes = stats.truncated_bytes, log_end_offset = log.log_end_offset(), "recovered log");
        }
        let log = Arc::new(Mutex::new(log));
        logs.insert(tp.clone(), log.clone());
        Ok(log)
    }

    /// Deletes a partition's log and its directory.
    pub fn delete(&self, tp: &TopicPartition) -> io::Result<()> {
        let removed = self.logs.write().remove(tp);
        self.cleaned_up_to.lock().remove(tp);
        let dir = self.dir.join(tp.dir_name());
        if removed.is_some() || dir.exists() {
            // Rename first so a crash mid-delete cannot leave a half-deleted log that looks live.
            let doomed = self.dir.join(format!(
                "{}.{}-delete",
                tp.dir_name(),
                uuid::Uuid::new_v4().simple()
            ));
            fs::rename(&dir, &doomed)?;
            fs::remove_dir_all(&doomed)?;
        }
        Ok(())
    }

    /// Removes partition directories the metadata does not know (and unfinished deletions).
    pub fn remove_strays(&self, known: impl Fn(&TopicPartition) -> bool) -> io::Result<()> {
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with("-delete") {
                fs::remove_dir_all(entry.path())?;
                continue;
            }
            if name.starts_with("__cluster_metadata") || name == "cleaning" {
                continue;
            }
            if let Some(tp) = TopicPartition::from_dir_name(&name)
                && !known(&tp)
                && self.get(&tp).is_none()
            {
                tracing::warn!(%tp, "removing log of a partition the metadata does not have");
                fs::remove_dir_all(entry.path())?;
            }
        }
        Ok(())
    }

    pub fn all(&self) -> Vec<(TopicPartition, SharedLog)> {
        self.logs
            .read()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Writes the recovery point and log start offset checkpoints.
    pub fn checkpoint(&self) -> io::Result<()> {
        let mut rp = Vec::new();
        let mut ls = Vec::new();
        for (tp, log) in self.all() {
            let log = log.lock();
            rp.push(format!(
                "{} {} {}",
                tp.topic,
                tp.partition,
                log.recovery_point()
            ));
            ls.push(format!(
                "{} {} {}",
                tp.topic,
                tp.partition,
                log.log_start_offset()
            ));
        }
        checkpoint::write(&self.dir.join(RECOVERY_POINT_FILE), &rp)?;
        checkpoint::write(&self.dir.join(LOG_START_FILE), &ls)
    }

    /// Clean shutdown: flush and close every log, checkpoint, then leave the marker that lets
    /// the next start skip recovery.
    pub fn shutdown(&self) -> io::Result<()> {
        for (tp, log) in self.all() {
            if let Err(e) = log.lock().close() {
                tracing::error!(%tp, error = %e, "closing log failed; it will be recovered at next start");
                return Err(e);
            }
        }
        self.checkpoint()?;
        fs::write(self.dir.join(CLEAN_SHUTDOWN_FILE), b"")?;
        fs::File::open(&self.dir)?.sync_all()
    }

    /// Retention and time-based rolls for every log.
    pub fn run_retention(&self, producer_expiration_ms: i64) -> usize {
        let now = now_ms();
        let mut deleted = 0;
        for (tp, log) in self.all() {
            let mut log = log.lock();
            let result = log
                .roll_if_old(now)
                .and_then(|_| log.delete_old_segments(now));
            match result {
                Ok(n) => deleted += n,
                Err(e) => tracing::error!(%tp, error = %e, "retention failed"),
            }
            log.remove_expired_producers(now, producer_expiration_ms);
        }
        deleted
    }

    /// Flushes logs whose flush.ms has passed.
    pub fn run_flush(&self) {
        let now = now_ms();
        for (tp, log) in self.all() {
            if let Err(e) = log.lock().flush_if_due(now) {
                tracing::error!(%tp, error = %e, "flush failed");
            }
        }
    }

    /// One compaction pass over every compacted log.
    pub fn run_cleaner(&self) -> Vec<(TopicPartition, cleaner::CleanStats)> {
        let mut done = Vec::new();
        let now = now_ms();
        for (tp, log) in self.all() {
            let from = self.cleaned_up_to.lock().get(&tp).copied().unwrap_or(0);
            let Some(plan) = log.lock().plan_cleaning(from, now) else {
                continue;
            };
            let result = cleaner::clean(&plan).and_then(|(cleaned, stats)| {
                let mut guard = log.lock();
                let end = guard
                    .segments_mut()
                    .keys()
                    .next_back()
                    .copied()
                    .unwrap_or(0);
                let installed = guard.install_cleaned(&plan, cleaned)?;
                Ok((installed, stats, end))
            });
            match result {
                Ok((true, stats, end)) => {
                    tracing::info!(%tp, before = stats.records_before, after = stats.records_after, "compacted log");
                    self.cleaned_up_to.lock().insert(tp.clone(), end);
                    done.push((tp, stats));
                }
                Ok((false, _, _)) => {}
                Err(e) => tracing::error!(%tp, error = %e, "compaction failed"),
            }
        }
        done
    }
}

/// Fsyncs a log's data up to `upto` without holding its lock during the fsync, then moves
/// its recovery point (used after a segment roll).
pub fn flush_log_upto(log: &SharedLog, upto: i64) -> io::Result<()> {
    let files = log.lock().files_to_flush(upto)?;
    for f in files {
        f.sync_data()?;
    }
    log.lock().mark_flushed(upto);
    Ok(())
}
