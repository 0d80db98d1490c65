//! Early writeback: once a segment has a few MiB of new data, a background thread asks the
//! kernel to start writing that range out (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, which does
//! not wait). Dirty pages then drain steadily instead of piling up until the kernel throttles
//! every writer at once, which showed as produce stalls of hundreds of ms under load. This does
//! not make data durable (the recovery point still moves only on fsync); it only paces writeback.

use std::fs::File;
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};

/// Bytes appended to a segment between two writeback requests.
pub const WRITEBACK_CHUNK: u64 = 4 << 20;

struct Range {
    file: Arc<File>,
    offset: u64,
    len: u64,
}

fn sender() -> Option<&'static SyncSender<Range>> {
    static SENDER: OnceLock<Option<SyncSender<Range>>> = OnceLock::new();
    SENDER
        .get_or_init(|| {
            let (tx, rx) = sync_channel::<Range>(256);
            std::thread::Builder::new()
                .name("log-writeback".into())
                .spawn(move || {
                    while let Ok(r) = rx.recv() {
                        start_writeback(&r);
                    }
                })
                .ok()
                .map(|_| tx)
        })
        .as_ref()
}

/// Asks the background thread to start writing `len` bytes at `offset` of `file`. Never
/// blocks: when the thread is behind, the request is dropped (the kernel writes it anyway).
pub fn request(file: &Arc<File>, offset: u64, len: u64) {
    if let Some(tx) = sender() {
        match tx.try_send(Range {
            file: file.clone(),
            offset,
            len,
        }) {
            Ok(()) | Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {}
        }
    }
}

#[cfg(target_os = "linux")]
fn start_writeback(r: &Range) {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor belongs to `r.file`, which this function borrows for the whole
    // call, so it stays open; sync_file_range only reads its arguments and touches no memory
    // of ours. Errors (e.g. an unsupported filesystem) are harmless and ignored.
    unsafe {
        libc::sync_file_range(
            r.file.as_raw_fd(),
            r.offset as i64,
            r.len as i64,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_r: &Range) {}
