//! DescribeLogDirs (`kafka-log-dirs`, `Admin.describeLogDirs`): this broker's log directory,
//! the size of each partition replica in it, and the file system's total and usable bytes.

use std::collections::BTreeMap;
use std::path::Path;

use kafka_protocol::messages::describe_log_dirs_response::{
    DescribeLogDirsPartition, DescribeLogDirsResult, DescribeLogDirsTopic,
};
use kafka_protocol::messages::*;

use super::{RequestContext, str_bytes};
use crate::broker::Broker;

/// Total and usable bytes of the file system holding `dir` (statvfs); -1 when unknown.
pub fn disk_space(dir: &Path) -> (i64, i64) {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return (-1, -1);
    };
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::zeroed();
    // SAFETY: `path` is NUL-terminated and `st` points at writable memory of the right size.
    let rc = unsafe { libc::statvfs(path.as_ptr(), st.as_mut_ptr()) };
    if rc != 0 {
        return (-1, -1);
    }
    // SAFETY: statvfs succeeded, so it filled `st`.
    let st = unsafe { st.assume_init() };
    let block = st.f_frsize as i64;
    (st.f_blocks as i64 * block, st.f_bavail as i64 * block)
}

pub async fn handle_describe_log_dirs(
    broker: &Broker,
    _ctx: &RequestContext,
    req: DescribeLogDirsRequest,
) -> DescribeLogDirsResponse {
    // The request's partitions as a set first: each of this broker's replicas is then one
    // lookup, whatever the request lists (it is bounded by its size, not by a scan per log).
    let asked: Option<std::collections::HashSet<(&str, i32)>> = req.topics.as_ref().map(|ts| {
        ts.iter()
            .flat_map(|t| t.partitions.iter().map(move |p| (t.topic.0.as_str(), *p)))
            .collect()
    });
    let wanted = |topic: &str, partition: i32| {
        asked
            .as_ref()
            .is_none_or(|set| set.contains(&(topic, partition)))
    };
    let mut by_topic: BTreeMap<String, Vec<DescribeLogDirsPartition>> = BTreeMap::new();
    for (tp, log) in broker.log_manager.all() {
        if !wanted(&tp.topic, tp.partition) {
            continue;
        }
        let size = log.lock().size_bytes() as i64;
        by_topic.entry(tp.topic.clone()).or_default().push(
            DescribeLogDirsPartition::default()
                .with_partition_index(tp.partition)
                .with_partition_size(size)
                .with_offset_lag(0)
                .with_is_future_key(false),
        );
    }
    let topics = by_topic
        .into_iter()
        .map(|(name, mut partitions)| {
            partitions.sort_by_key(|p| p.partition_index);
            DescribeLogDirsTopic::default()
                .with_name(TopicName(str_bytes(name)))
                .with_partitions(partitions)
        })
        .collect();
    let dir = broker.log_manager.dir();
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let (total, usable) = disk_space(&dir);
    DescribeLogDirsResponse::default().with_results(vec![
        DescribeLogDirsResult::default()
            .with_log_dir(str_bytes(dir.display().to_string()))
            .with_topics(topics)
            .with_total_bytes(total)
            .with_usable_bytes(usable),
    ])
}
