//! Connection admission and request memory, as Kafka names them: `max.connections`,
//! `max.connections.per.ip`, `max.connections.per.ip.overrides` and `queued.max.request.bytes`,
//! plus a connection ceiling below the process's file-descriptor limit so that sockets can
//! never take the descriptors the logs need.
//!
//! The decisions (`admit`, `choose_victim`) are pure functions of a snapshot; [`Gate`] holds
//! the live table of connections and applies them at accept time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use parking_lot::Mutex;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use crate::config::BrokerConfig;

/// Descriptors kept free for everything that is not a client socket and not a segment file:
/// the metadata log, checkpoints, replica fetchers' and the control plane's sockets, the
/// metrics endpoint, directory syncs.
pub const FD_HEADROOM: usize = 256;

/// The connection limits in force.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionLimits {
    /// `max.connections`: connections across every client listener.
    pub max_connections: usize,
    /// `max.connections.per.ip`.
    pub per_ip: usize,
    /// `max.connections.per.ip.overrides`, resolved to addresses.
    pub per_ip_overrides: HashMap<IpAddr, usize>,
}

impl ConnectionLimits {
    pub fn from_config(c: &BrokerConfig) -> ConnectionLimits {
        ConnectionLimits {
            max_connections: c.max_connections,
            per_ip: c.max_connections_per_ip,
            per_ip_overrides: c.max_connections_per_ip_overrides.clone(),
        }
    }

    pub fn for_ip(&self, ip: IpAddr) -> usize {
        self.per_ip_overrides
            .get(&canonical(ip))
            .copied()
            .unwrap_or(self.per_ip)
    }
}

/// An IPv4 address seen through an IPv6 socket counts as the IPv4 address.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Why a new connection was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The source address holds `max.connections.per.ip` (or its override) already.
    PerIp { limit: usize },
    /// `max.connections` (or the descriptor ceiling) is reached and every open connection has
    /// a request in progress.
    Full { limit: usize },
}

impl Refusal {
    pub fn label(self) -> &'static str {
        match self {
            Refusal::PerIp { .. } => "per_ip",
            Refusal::Full { .. } => "max_connections",
        }
    }
}

/// What to do with a new connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Accept,
    /// Accept, closing this idle connection to make room.
    AcceptEvicting(u64),
    Refuse(Refusal),
}

/// One open connection as the admission decision sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: u64,
    pub ip: IpAddr,
    /// A request is being handled (a long-poll fetch, an acks=all produce, a join): such a
    /// connection is never evicted.
    pub busy: bool,
    /// Milliseconds since the connection last completed a request (or was accepted).
    pub idle_ms: u64,
}

/// The victim when the broker is full: an idle connection of the source address holding the
/// most connections, the least recently active of them. A client that opened one connection
/// is thus the last to lose it to a source that opened hundreds.
pub fn choose_victim(candidates: &[Candidate], per_ip: &HashMap<IpAddr, usize>) -> Option<u64> {
    candidates
        .iter()
        .filter(|c| !c.busy)
        .max_by_key(|c| (per_ip.get(&c.ip).copied().unwrap_or(0), c.idle_ms, c.id))
        .map(|c| c.id)
}

/// Admission of a connection from `ip` when `open` connections exist, `from_ip` of them from
/// that address, and at most `ceiling` may be open (the smaller of `max.connections` and what
/// the descriptor limit allows).
pub fn admit(
    limits: &ConnectionLimits,
    ceiling: usize,
    open: usize,
    ip: IpAddr,
    from_ip: usize,
    victim: impl FnOnce() -> Option<u64>,
) -> Admission {
    let per_ip = limits.for_ip(ip);
    if from_ip >= per_ip {
        return Admission::Refuse(Refusal::PerIp { limit: per_ip });
    }
    if open < ceiling {
        return Admission::Accept;
    }
    match victim() {
        Some(id) => Admission::AcceptEvicting(id),
        None => Admission::Refuse(Refusal::Full { limit: ceiling }),
    }
}

/// How many client connections the descriptor limit leaves room for: the soft limit less the
/// segment files open and [`FD_HEADROOM`].
pub fn fd_ceiling(nofile: usize, segment_files: usize) -> usize {
    nofile.saturating_sub(segment_files + FD_HEADROOM)
}

/// Raises the soft RLIMIT_NOFILE to the hard limit (as the JVM does for Kafka) and returns
/// the soft limit in force.
pub fn raise_nofile_limit() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed by pointer.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 1024;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim.rlim_cur = lim.rlim_max;
            }
        }
    }
    usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX)
}

/// The live state of one connection, shared between its task and the [`Gate`].
#[derive(Debug)]
pub struct ConnState {
    pub id: u64,
    pub ip: IpAddr,
    busy: AtomicBool,
    last_active_ms: AtomicU64,
    /// Notified when the gate evicts this connection.
    pub evicted: Notify,
}

impl ConnState {
    /// A request is being handled: the connection cannot be evicted until `idle`.
    pub fn busy(&self) {
        self.busy.store(true, Ordering::Relaxed);
    }

    pub fn idle(&self, now_ms: u64) {
        self.last_active_ms.store(now_ms, Ordering::Relaxed);
        self.busy.store(false, Ordering::Relaxed);
    }
}

struct Table {
    next_id: u64,
    conns: HashMap<u64, Arc<ConnState>>,
    per_ip: HashMap<IpAddr, usize>,
}

/// Broker-wide admission of client connections and the memory pool of request frames.
pub struct Gate {
    limits: ConnectionLimits,
    nofile: usize,
    epoch: Instant,
    table: Mutex<Table>,
    pub memory: RequestMemory,
}

/// Registration of an admitted connection; leaving removes it from the table.
pub struct Admitted {
    gate: Arc<Gate>,
    pub state: Arc<ConnState>,
    /// The connection evicted to make room for this one.
    pub evicted: Option<u64>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.gate.remove(self.state.id);
    }
}

impl Gate {
    pub fn new(limits: ConnectionLimits, nofile: usize, memory: RequestMemory) -> Gate {
        Gate {
            limits,
            nofile,
            epoch: Instant::now(),
            table: Mutex::new(Table {
                next_id: 0,
                conns: HashMap::new(),
                per_ip: HashMap::new(),
            }),
            memory,
        }
    }

    pub fn from_config(c: &BrokerConfig, nofile: usize) -> Gate {
        Gate::new(
            ConnectionLimits::from_config(c),
            nofile,
            RequestMemory::new(c.queued_max_request_bytes),
        )
    }

    pub fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// The most connections that may be open now.
    pub fn ceiling(&self) -> usize {
        self.limits.max_connections.min(fd_ceiling(
            self.nofile,
            crate::log::segment::open_segment_files(),
        ))
    }

    /// Admits (registering it) or refuses a connection from `ip`.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Result<Admitted, Refusal> {
        let ip = canonical(ip);
        let now = self.now_ms();
        let ceiling = self.ceiling();
        let mut t = self.table.lock();
        let from_ip = t.per_ip.get(&ip).copied().unwrap_or(0);
        let decision = admit(&self.limits, ceiling, t.conns.len(), ip, from_ip, || {
            let candidates: Vec<Candidate> = t
                .conns
                .values()
                .map(|c| Candidate {
                    id: c.id,
                    ip: c.ip,
                    busy: c.busy.load(Ordering::Relaxed),
                    idle_ms: now.saturating_sub(c.last_active_ms.load(Ordering::Relaxed)),
                })
                .collect();
            choose_victim(&candidates, &t.per_ip)
        });
        let evicted = match decision {
            Admission::Refuse(r) => return Err(r),
            Admission::Accept => None,
            Admission::AcceptEvicting(id) => {
                if let Some(victim) = t.conns.remove(&id) {
                    decrement(&mut t.per_ip, victim.ip);
                    victim.evicted.notify_one();
                }
                Some(id)
            }
        };
        t.next_id += 1;
        let state = Arc::new(ConnState {
            id: t.next_id,
            ip,
            busy: AtomicBool::new(false),
            last_active_ms: AtomicU64::new(now),
            evicted: Notify::new(),
        });
        t.conns.insert(state.id, state.clone());
        *t.per_ip.entry(ip).or_insert(0) += 1;
        Ok(Admitted {
            gate: self.clone(),
            state,
            evicted,
        })
    }

    fn remove(&self, id: u64) {
        let mut t = self.table.lock();
        if let Some(c) = t.conns.remove(&id) {
            decrement(&mut t.per_ip, c.ip);
        }
    }

    /// Open connections (admitted and not yet closed or evicted).
    pub fn open(&self) -> usize {
        self.table.lock().conns.len()
    }
}

fn decrement(per_ip: &mut HashMap<IpAddr, usize>, ip: IpAddr) {
    if let Some(n) = per_ip.get_mut(&ip) {
        *n -= 1;
        if *n == 0 {
            per_ip.remove(&ip);
        }
    }
}

/// `queued.max.request.bytes`: the bytes of request frames read and not yet handled, across
/// the broker. A frame's buffer grows as its bytes arrive, each growth first taking its size
/// from this pool; when the pool is empty, connections stop reading until handled requests
/// give their bytes back.
pub struct RequestMemory {
    pool: Arc<Semaphore>,
    /// Pool size in units; a frame never takes more than this.
    units: usize,
}

/// The pool counts in KiB units (a tokio semaphore holds at most `usize::MAX >> 3` permits).
const UNIT: usize = 1024;

impl RequestMemory {
    /// A pool of `bytes` (at least one unit).
    pub fn new(bytes: usize) -> RequestMemory {
        let units = (bytes / UNIT).clamp(1, Semaphore::MAX_PERMITS);
        RequestMemory {
            pool: Arc::new(Semaphore::new(units)),
            units,
        }
    }

    /// Bytes still free in the pool.
    pub fn available(&self) -> usize {
        self.pool.available_permits().saturating_mul(UNIT)
    }

    /// Takes room for `bytes` more buffer (rounded up to whole units), waiting while the pool
    /// is empty.
    pub async fn reserve(&self, bytes: usize) -> Reservation {
        let units = bytes.div_ceil(UNIT).clamp(1, self.units);
        match self.pool.clone().acquire_many_owned(units as u32).await {
            Ok(p) => Reservation(Some(p)),
            // The pool is never closed.
            Err(_) => Reservation(None),
        }
    }
}

/// Bytes taken from [`RequestMemory`], returned when dropped.
#[derive(Debug, Default)]
pub struct Reservation(Option<OwnedSemaphorePermit>);

impl Reservation {
    pub fn merge(&mut self, other: Reservation) {
        match (&mut self.0, other.0) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
    }

    pub fn bytes(&self) -> usize {
        self.0.as_ref().map_or(0, |p| p.num_permits() * UNIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn limits(max: usize, per_ip: usize) -> ConnectionLimits {
        ConnectionLimits {
            max_connections: max,
            per_ip,
            per_ip_overrides: HashMap::new(),
        }
    }

    #[test]
    fn per_ip_limit_refuses_before_anything_else() {
        let l = limits(10, 2);
        assert_eq!(
            admit(&l, 10, 3, ip("10.0.0.1"), 2, || Some(1)),
            Admission::Refuse(Refusal::PerIp { limit: 2 })
        );
        assert_eq!(
            admit(&l, 10, 3, ip("10.0.0.1"), 1, || None),
            Admission::Accept
        );
    }

    #[test]
    fn overrides_apply_to_their_address_only() {
        let mut l = limits(100, 1);
        l.per_ip_overrides.insert(ip("10.0.0.9"), 50);
        assert_eq!(l.for_ip(ip("10.0.0.9")), 50);
        assert_eq!(l.for_ip(ip("::ffff:10.0.0.9")), 50);
        assert_eq!(l.for_ip(ip("10.0.0.8")), 1);
        assert_eq!(
            admit(&l, 100, 5, ip("10.0.0.9"), 5, || None),
            Admission::Accept
        );
    }

    #[test]
    fn full_broker_evicts_an_idle_connection_or_refuses() {
        let l = limits(3, usize::MAX);
        assert_eq!(
            admit(&l, 3, 3, ip("10.0.0.1"), 0, || Some(7)),
            Admission::AcceptEvicting(7)
        );
        assert_eq!(
            admit(&l, 3, 3, ip("10.0.0.1"), 0, || None),
            Admission::Refuse(Refusal::Full { limit: 3 })
        );
        // The descriptor ceiling counts like max.connections.
        assert_eq!(
            admit(&l, 2, 2, ip("10.0.0.1"), 0, || None),
            Admission::Refuse(Refusal::Full { limit: 2 })
        );
    }

    #[test]
    fn victim_comes_from_the_busiest_source_and_is_its_least_recently_active() {
        let a = ip("10.0.0.1");
        let b = ip("10.0.0.2");
        let c = |id, ip, busy, idle_ms| Candidate {
            id,
            ip,
            busy,
            idle_ms,
        };
        let per_ip = HashMap::from([(a, 1), (b, 3)]);
        // a's connection has been idle longest, but b holds more connections.
        let cands = [
            c(1, a, false, 90_000),
            c(2, b, false, 10),
            c(3, b, false, 500),
            c(4, b, true, 99_000),
        ];
        assert_eq!(choose_victim(&cands, &per_ip), Some(3));
        // Busy connections are never chosen.
        let all_busy = [c(1, a, true, 1), c(2, b, true, 1)];
        assert_eq!(choose_victim(&all_busy, &per_ip), None);
        assert_eq!(choose_victim(&[], &per_ip), None);
    }

    #[test]
    fn fd_ceiling_leaves_room_for_segments_and_headroom() {
        assert_eq!(fd_ceiling(20_000, 1_000), 20_000 - 1_000 - FD_HEADROOM);
        assert_eq!(fd_ceiling(100, 1_000), 0);
    }

    #[test]
    fn gate_counts_and_evicts() {
        let gate = Arc::new(Gate::new(
            limits(2, 2),
            1 << 20,
            RequestMemory::new(1 << 20),
        ));
        let first = gate.admit(ip("10.0.0.1")).unwrap();
        let second = gate.admit(ip("10.0.0.1")).unwrap();
        assert_eq!(
            gate.admit(ip("10.0.0.1")).err(),
            Some(Refusal::PerIp { limit: 2 })
        );
        second.state.busy();
        // Full: the idle first connection makes room for another source.
        let third = gate.admit(ip("10.0.0.2")).unwrap();
        assert_eq!(third.evicted, Some(first.state.id));
        assert_eq!(gate.open(), 2);
        // Everyone busy: refused.
        third.state.busy();
        assert_eq!(
            gate.admit(ip("10.0.0.3")).err(),
            Some(Refusal::Full { limit: 2 })
        );
        drop(first); // already evicted: leaving changes nothing
        assert_eq!(gate.open(), 2);
        drop(second);
        assert_eq!(gate.open(), 1);
        assert!(gate.admit(ip("10.0.0.1")).is_ok());
    }

    #[tokio::test]
    async fn memory_pool_waits_when_empty_and_refills_on_drop() {
        let mem = RequestMemory::new(8 * UNIT);
        let a = mem.reserve(5 * UNIT).await;
        assert_eq!(a.bytes(), 5 * UNIT);
        let mut b = mem.reserve(1).await; // rounds up to one unit
        assert_eq!(b.bytes(), UNIT);
        assert_eq!(mem.available(), 2 * UNIT);
        let blocked =
            tokio::time::timeout(std::time::Duration::from_millis(50), mem.reserve(3 * UNIT)).await;
        assert!(blocked.is_err(), "the pool holds only 2 units");
        b.merge(mem.reserve(2 * UNIT).await);
        assert_eq!(b.bytes(), 3 * UNIT);
        drop(a);
        drop(b);
        assert_eq!(mem.available(), 8 * UNIT);
        // A reservation larger than the pool takes the whole pool rather than waiting forever.
        assert_eq!(mem.reserve(100 * UNIT).await.bytes(), 8 * UNIT);
    }
}
