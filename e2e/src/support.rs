//! What the benchmark programs share: sizes, process hygiene (no broker outlives a bench), the
//! run directory, one broker child process, `/proc` readers, librdkafka client settings and
//! the produce loop, and the summary table.

use std::fs;
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use rdkafka::ClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::DeliveryResult;
use rdkafka::producer::{BaseProducer, BaseRecord, Producer, ProducerContext};

/// A megabyte as the figures count it: 10^6 bytes.
pub const MB: f64 = 1_000_000.0;
pub const MIB: f64 = (1u64 << 20) as f64;
pub const GIB: f64 = (1u64 << 30) as f64;

/// Parses a size such as `1GiB`, `256MiB`, `100MB`, `64k` or `4096` into bytes.
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("not a size: {s:?}"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => MIB,
        "gib" => GIB,
        u => return Err(format!("unknown unit {u:?} in {s:?}")),
    };
    Ok((n * mult) as u64)
}

// ---------------------------------------------------------------------------------------------
// Process hygiene: whatever happens, no broker outlives the bench.

/// Pids of brokers started and not yet reaped, killed by the signal thread on Ctrl-C/SIGTERM.
static LIVE_BROKERS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
/// The run directory, removed by the signal thread unless --keep.
static RUN_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Locks `m`, also after another thread panicked holding it.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn handled_signals() -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset initialise and fill a plain C struct we own.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGHUP);
        set
    }
}

/// Blocks SIGINT/SIGTERM/SIGHUP in every thread (call before starting any) and takes them in
/// one thread that kills the brokers, removes the run directory (unless `keep`) and exits;
/// `program` names the bench in its message.
pub fn install_signal_thread(program: &'static str, keep: bool) -> Result<()> {
    let set = handled_signals();
    // SAFETY: changes this thread's signal mask; threads started later inherit it.
    let rc = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
    ensure!(rc == 0, "pthread_sigmask failed: {rc}");
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut sig: libc::c_int = 0;
            // SAFETY: sigwait on a valid set, writing into a local.
            if unsafe { libc::sigwait(&set, &mut sig) } != 0 {
                return;
            }
            eprintln!("\n{program}: signal {sig}: killing the brokers and stopping");
            for pid in lock(&LIVE_BROKERS).iter() {
                // SAFETY: kill(2) on a pid of a child we started and have not reaped.
                unsafe { libc::kill(*pid as libc::pid_t, libc::SIGKILL) };
            }
            if !keep && let Some(dir) = lock(&RUN_DIR).as_ref() {
                let _ = fs::remove_dir_all(dir);
            }
            std::process::exit(128 + sig);
        })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The program and its run directory.

/// The options of every bench: the broker binary and the run directory. The help of `--dir`
/// (where the directory goes by default) is each program's own (`mut_arg`).
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// The broker binary [default: target/release/moldau-broker of this repository].
    #[arg(long, value_name = "PATH")]
    pub broker: Option<PathBuf>,
    /// Where to make the run's fresh directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Keep the run directory (broker data and logs) at the end.
    #[arg(long)]
    pub keep: bool,
}

/// The whole of a bench's `main`: takes the signals (see [`install_signal_thread`]), finds the
/// broker binary ([`broker_binary`]), checks the other arguments with `check`, and calls `run`
/// with the broker binary and a fresh run directory under --dir [default:
/// `<repo>/target/<default_dir>`] (see [`with_run_dir`]). Prints the error, if any, and returns
/// the exit code.
pub fn bench_main(
    program: &'static str,
    args: &RunArgs,
    default_dir: &str,
    check: impl FnOnce() -> Result<()>,
    run: impl FnOnce(&Path, &Path) -> Result<()>,
) -> ExitCode {
    let result = (|| {
        install_signal_thread(program, args.keep)?;
        let bin = broker_binary(args.broker.as_deref())?;
        check()?;
        let parent = run_parent(args.dir.as_deref(), default_dir);
        with_run_dir(program, &parent, args.keep, |dir| run(&bin, dir))
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{program}: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The root of this repository (the parent of the e2e crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The broker binary: `given`, or target/release/moldau-broker of this repository; fails if
/// there is no such file.
pub fn broker_binary(given: Option<&Path>) -> Result<PathBuf> {
    let bin = given
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo_root().join("target/release/moldau-broker"));
    ensure!(
        bin.is_file(),
        "no broker binary at {} (build it with `cargo build --release -p moldau-broker` or pass --broker)",
        bin.display()
    );
    Ok(bin)
}

/// Where the run directory goes: `given`, or `<repo>/target/<default_name>`.
pub fn run_parent(given: Option<&Path>, default_name: &str) -> PathBuf {
    given
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo_root().join("target").join(default_name))
}

/// Makes a fresh run directory `run-<time>-<pid>` under `parent` (removed by the signal thread
/// unless `keep`), runs `f` in it and cleans up: on success the directory goes (unless
/// `keep`); on failure the broker data goes (the directories `data-*` in it and `*/data`) and
/// the logs stay for a look. Returns what `f` returned.
pub fn with_run_dir(
    program: &str,
    parent: &Path,
    keep: bool,
    f: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let path = parent.join(format!("run-{stamp}-{}", std::process::id()));
    fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
    *lock(&RUN_DIR) = Some(path.clone());
    let result = f(&path);
    if keep {
        eprintln!("{program}: run directory kept: {}", path.display());
    } else if result.is_ok() {
        let _ = fs::remove_dir_all(&path);
    } else {
        for e in fs::read_dir(&path).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with("data-") {
                let _ = fs::remove_dir_all(e.path());
            } else if e.path().join("data").is_dir() {
                let _ = fs::remove_dir_all(e.path().join("data"));
            }
        }
        let empty = fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if empty {
            let _ = fs::remove_dir(&path);
        } else {
            eprintln!("{program}: broker logs kept in {}", path.display());
        }
    }
    result
}

// ---------------------------------------------------------------------------------------------
// One broker process.

/// One moldau-broker child process: its settings, data directory, log file and process (all
/// kept across restarts). It is killed when dropped.
pub struct BrokerProcess {
    program: &'static str,
    name: String,
    bin: PathBuf,
    addr: SocketAddr,
    data: PathBuf,
    log_path: PathBuf,
    work_dir: Option<PathBuf>,
    /// The `--override KEY=VALUE` settings it is started with, in order.
    pub overrides: Vec<(String, String)>,
    child: Option<Child>,
    starts: u32,
}

/// Applies `--override KEY=VALUE` arguments to broker settings: each replaces any earlier
/// setting of its key.
pub fn apply_overrides(settings: &mut Vec<(String, String)>, overrides: &[String]) -> Result<()> {
    for o in overrides {
        let (k, v) = o
            .split_once('=')
            .ok_or_else(|| anyhow!("--override {o:?}: expected KEY=VALUE"))?;
        let k = k.trim();
        settings.retain(|(key, _)| key != k);
        settings.push((k.to_string(), v.trim().to_string()));
    }
    Ok(())
}

impl BrokerProcess {
    /// A broker not started yet, called "broker `name`" in messages, started by `program`:
    /// `addr` is its Kafka listener, `data` its log directory and `log_path` the file its
    /// output is appended to. Its settings, including the listeners and `log.dirs`, are the
    /// caller's to put in `overrides`.
    pub fn new(
        program: &'static str,
        name: impl Into<String>,
        bin: &Path,
        addr: SocketAddr,
        data: PathBuf,
        log_path: PathBuf,
    ) -> BrokerProcess {
        BrokerProcess {
            program,
            name: name.into(),
            bin: bin.to_path_buf(),
            addr,
            data,
            log_path,
            work_dir: None,
            overrides: Vec::new(),
            child: None,
            starts: 0,
        }
    }

    /// Runs the process in `dir` (default: this program's working directory).
    pub fn in_dir(mut self, dir: PathBuf) -> BrokerProcess {
        self.work_dir = Some(dir);
        self
    }

    /// The Kafka listener's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Kafka listener's address as "host:port".
    pub fn bootstrap(&self) -> String {
        self.addr.to_string()
    }

    pub fn data(&self) -> &Path {
        &self.data
    }

    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    pub fn running(&self) -> bool {
        self.child.is_some()
    }

    pub fn pid(&self) -> Result<u32> {
        self.child
            .as_ref()
            .map(|c| c.id())
            .ok_or_else(|| anyhow!("broker {} is not running", self.name))
    }

    /// Spawns the process and returns at once, with the instant of the spawn.
    pub fn spawn(&mut self) -> Result<Instant> {
        ensure!(self.child.is_none(), "broker {} already running", self.name);
        self.starts += 1;
        let mut log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_path)?;
        writeln!(log, "\n{}", self.start_marker())?;
        let mut cmd = Command::new(&self.bin);
        for (k, v) in &self.overrides {
            cmd.arg("--override").arg(format!("{k}={v}"));
        }
        if let Some(dir) = &self.work_dir {
            cmd.current_dir(dir);
        }
        cmd.stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()),
            );
        // SAFETY: getpid before the fork; in the child only async-signal-safe calls.
        let parent = unsafe { libc::getpid() };
        unsafe {
            cmd.pre_exec(move || {
                let mut empty: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut empty);
                libc::pthread_sigmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
                // The broker dies with the bench even if the bench is SIGKILLed.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
                Ok(())
            })
        };
        let t0 = Instant::now();
        let child = cmd
            .spawn()
            .with_context(|| format!("cannot start {}", self.bin.display()))?;
        lock(&LIVE_BROKERS).push(child.id());
        self.child = Some(child);
        Ok(t0)
    }

    /// The line written into the log before the current (last) start.
    fn start_marker(&self) -> String {
        format!("===== {}: start #{} =====", self.program, self.starts)
    }

    /// Fails with the log tail if the broker has exited.
    pub fn check_alive(&mut self) -> Result<()> {
        if let Some(c) = self.child.as_mut()
            && let Some(status) = c.try_wait()?
        {
            self.reaped();
            bail!(
                "broker {} exited ({status}):\n{}",
                self.name,
                self.log_tail(30)
            );
        }
        Ok(())
    }

    /// Waits until the Kafka port accepts connections; returns the time since `t0`.
    pub fn wait_listening(&mut self, t0: Instant, timeout: Duration) -> Result<Duration> {
        loop {
            self.check_alive()?;
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return Ok(t0.elapsed());
            }
            if t0.elapsed() > timeout {
                bail!(
                    "broker {} did not listen within {timeout:?}:\n{}",
                    self.name,
                    self.log_tail(30)
                );
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Spawns and waits until the broker answers a Metadata request; returns the time taken.
    pub fn start(&mut self, timeout: Duration) -> Result<Duration> {
        let t0 = self.spawn()?;
        self.wait_listening(t0, timeout)?;
        wait_metadata(&self.bootstrap(), t0 + timeout)?;
        Ok(t0.elapsed())
    }

    fn reaped(&mut self) {
        if let Some(c) = self.child.take() {
            lock(&LIVE_BROKERS).retain(|p| *p != c.id());
        }
    }

    fn wait_exit(&mut self, timeout: Duration) -> Result<Option<ExitStatus>> {
        let deadline = Instant::now() + timeout;
        let Some(child) = self.child.as_mut() else {
            return Ok(None);
        };
        loop {
            if let Some(status) = child.try_wait()? {
                self.reaped();
                return Ok(Some(status));
            }
            if Instant::now() > deadline {
                return Ok(None);
            }
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn signal(&self, sig: libc::c_int) -> Result<()> {
        let pid = self.pid()?;
        // SAFETY: kill(2) on our own unreaped child.
        let rc = unsafe { libc::kill(pid as libc::pid_t, sig) };
        ensure!(
            rc == 0,
            "kill({pid}, {sig}): {}",
            std::io::Error::last_os_error()
        );
        Ok(())
    }

    /// SIGTERM (clean, controlled shutdown) and wait; returns how long the stop took.
    pub fn stop(&mut self, timeout: Duration) -> Result<Duration> {
        let t0 = Instant::now();
        self.signal(libc::SIGTERM)?;
        match self.wait_exit(timeout)? {
            Some(status) if status.success() => Ok(t0.elapsed()),
            Some(status) => bail!(
                "broker {} exited with {status} on SIGTERM:\n{}",
                self.name,
                self.log_tail(30)
            ),
            None => {
                self.kill()?;
                bail!(
                    "broker {} did not stop within {timeout:?} of SIGTERM (killed):\n{}",
                    self.name,
                    self.log_tail(30)
                )
            }
        }
    }

    /// SIGKILL and reap.
    pub fn kill(&mut self) -> Result<()> {
        if self.child.is_none() {
            return Ok(());
        }
        self.signal(libc::SIGKILL)?;
        self.wait_exit(Duration::from_secs(30))?
            .ok_or_else(|| anyhow!("broker {} survived SIGKILL for 30 s", self.name))?;
        Ok(())
    }

    /// CPU time (user + system) the broker has used, in seconds.
    pub fn cpu_secs(&self) -> Result<f64> {
        proc_cpu_secs(self.pid()?)
    }

    /// Resident set size now, in bytes.
    pub fn rss(&self) -> Result<u64> {
        Ok(status_kib(self.pid()?, "VmRSS")? * 1024)
    }

    /// Peak resident set size since the process started, in bytes.
    pub fn peak_rss(&self) -> Result<u64> {
        Ok(status_kib(self.pid()?, "VmHWM")? * 1024)
    }

    pub fn log_tail(&self, lines: usize) -> String {
        let text = fs::read_to_string(&self.log_path).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// The broker's log output since it was last started.
    pub fn log_since_last_start(&self) -> String {
        let text = fs::read_to_string(&self.log_path).unwrap_or_default();
        text.split_once(&self.start_marker())
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_default()
    }

    /// Bytes of `.log` segment files of `topic`'s partitions in the data directory.
    pub fn segment_bytes(&self, topic: &str) -> Result<u64> {
        let mut total = 0;
        for entry in fs::read_dir(&self.data)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_partition = name
                .strip_prefix(topic)
                .and_then(|r| r.strip_prefix('-'))
                .is_some_and(|p| p.parse::<u32>().is_ok());
            if !is_partition {
                continue;
            }
            for f in fs::read_dir(entry.path())? {
                let f = f?;
                if f.path().extension().is_some_and(|e| e == "log") {
                    total += f.metadata()?.len();
                }
            }
        }
        Ok(total)
    }

    /// The partition's entry in the recovery-point checkpoint file, if any.
    pub fn checkpointed_recovery_point(&self, topic: &str, partition: i32) -> Option<i64> {
        let text = fs::read_to_string(self.data.join("recovery-point-offset-checkpoint")).ok()?;
        text.lines().skip(2).find_map(|l| {
            let mut it = l.split_whitespace();
            let (t, p, o) = (it.next()?, it.next()?, it.next()?);
            (t == topic && p.parse::<i32>().ok()? == partition)
                .then(|| o.parse().ok())
                .flatten()
        })
    }

    /// Removes the data directory unless `keep`.
    pub fn remove_data(&self, keep: bool) -> Result<()> {
        if !keep && self.data.exists() {
            fs::remove_dir_all(&self.data)?;
        }
        Ok(())
    }
}

impl Drop for BrokerProcess {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
        self.reaped();
    }
}

// ---------------------------------------------------------------------------------------------
// /proc and getrusage.

/// CPU time (user + system) process `pid` has used, in seconds.
pub fn proc_cpu_secs(pid: u32) -> Result<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name: state is field 3, utime 14, stime 15.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or_else(|| anyhow!("odd /proc/{pid}/stat"))?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f
        .get(11..13)
        .ok_or_else(|| anyhow!("short /proc/{pid}/stat"))?
        .iter()
        .map(|v| v.parse::<f64>())
        .sum::<std::result::Result<f64, _>>()?;
    Ok(ticks / clock_ticks_per_sec())
}

/// The kernel's clock ticks per second, the unit of the CPU times in /proc.
pub fn clock_ticks_per_sec() -> f64 {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64
}

/// A `kB` field (e.g. `VmRSS`) of /proc/`pid`/status, in KiB.
pub fn status_kib(pid: u32, field: &str) -> Result<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no {field} in /proc/{pid}/status"))
}

/// CPU time this process (the clients) has used, in seconds.
pub fn own_cpu_secs() -> f64 {
    // SAFETY: getrusage fills a plain C struct we own.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

// ---------------------------------------------------------------------------------------------
// Kafka clients.

/// Settings of every client: `bootstrap` and quick reconnects.
pub fn client_config(bootstrap: &str) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", bootstrap)
        .set("reconnect.backoff.ms", "10")
        .set("reconnect.backoff.max.ms", "100")
        .set("socket.timeout.ms", "30000")
        // TCP_NODELAY, as the Java client always sets it: with Nagle on (librdkafka's default)
        // a small request waits for the previous one's ACK, adding up to a delayed-ACK
        // timeout (tens of ms) to produce latency that the broker has nothing to do with.
        .set("socket.nagle.disable", "true");
    c
}

/// `c` with the settings of a producer that batches for throughput (no compression); acks and
/// idempotence are the caller's.
pub fn throughput_producer_config(mut c: ClientConfig, linger_ms: u32) -> ClientConfig {
    c.set("linger.ms", linger_ms.to_string())
        .set("batch.size", "1000000")
        .set("batch.num.messages", "100000")
        .set("queue.buffering.max.messages", "1000000")
        .set("queue.buffering.max.kbytes", "524288")
        .set("compression.type", "none")
        .set("message.timeout.ms", "120000");
    c
}

/// `c` with the settings of a consumer that reads assigned partitions from given offsets:
/// librdkafka's consumer API wants a group even for assign(), but nothing is committed, and a
/// fetch from an offset out of range is an error.
pub fn reader_config(mut c: ClientConfig, group: &str) -> ClientConfig {
    c.set("group.id", group)
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("enable.partition.eof", "false")
        .set("auto.offset.reset", "error")
        .set("fetch.wait.max.ms", "100");
    c
}

/// Waits until the broker answers a Metadata request (with itself as a broker).
pub fn wait_metadata(bootstrap: &str, deadline: Instant) -> Result<()> {
    let c: BaseConsumer = client_config(bootstrap).create()?;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match c.fetch_metadata(None, left.min(Duration::from_secs(2))) {
            Ok(md) if !md.brokers().is_empty() => return Ok(()),
            Ok(_) => {}
            Err(e) if Instant::now() > deadline => {
                bail!("no Metadata answer from {bootstrap}: {e}")
            }
            Err(_) => {}
        }
        if Instant::now() > deadline {
            bail!("Metadata from {bootstrap} listed no broker");
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Counts the delivery reports of a producer (and is its context when nothing else is
/// needed); reports the first few client errors.
#[derive(Default)]
pub struct DeliveryCounts {
    delivered: AtomicU64,
    failed: AtomicU64,
    first_error: Mutex<Option<String>>,
    client_errors: AtomicU64,
}

impl DeliveryCounts {
    /// Counts one delivery report.
    pub fn count(&self, result: &DeliveryResult<'_>) {
        match result {
            Ok(_) => {
                self.delivered.fetch_add(1, Ordering::Relaxed);
            }
            Err((e, _)) => {
                self.failed.fetch_add(1, Ordering::Relaxed);
                lock(&self.first_error).get_or_insert_with(|| e.to_string());
            }
        }
    }

    /// Prints the first five client errors.
    pub fn client_error(&self, error: KafkaError, reason: &str) {
        if self.client_errors.fetch_add(1, Ordering::Relaxed) < 5 {
            eprintln!("  [librdkafka] {error}: {reason}");
        }
    }

    pub fn failed(&self) -> u64 {
        self.failed.load(Ordering::Relaxed)
    }

    /// The error of the first failed delivery ("" if none).
    pub fn first_error(&self) -> String {
        lock(&self.first_error).clone().unwrap_or_default()
    }

    /// Starts counting deliveries from 0 again (after a warm-up).
    pub fn reset_delivered(&self) {
        self.delivered.store(0, Ordering::Relaxed);
    }

    /// Fails unless all of `records` records sent to `topic` were delivered.
    pub fn check(&self, topic: &str, records: u64) -> Result<()> {
        let failed = self.failed();
        if failed > 0 {
            bail!(
                "produce to {topic}: {failed} of {records} records failed, first: {}",
                self.first_error()
            );
        }
        let delivered = self.delivered.load(Ordering::Relaxed);
        ensure!(
            delivered == records,
            "produce to {topic}: {delivered} of {records} delivery reports"
        );
        Ok(())
    }
}

impl ClientContext for DeliveryCounts {
    fn error(&self, error: KafkaError, reason: &str) {
        self.client_error(error, reason);
    }
}

impl ProducerContext for DeliveryCounts {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        self.count(result);
    }
}

/// Writes the record's sequence number into its first 8 bytes.
pub fn put_seq(payload: &mut [u8], seq: u64) {
    payload[..8].copy_from_slice(&seq.to_le_bytes());
}

/// Sends `records` records of `size` bytes (0xA5, but for the sequence number 0, 1, ... in the
/// first 8 bytes) round-robin over partitions 0..`partitions` of `topic` as fast as librdkafka
/// takes them, then waits for every delivery report; fails if the deadline passes first. Every
/// record gets the default delivery opaque.
pub fn send_round_robin<C>(
    producer: &BaseProducer<C>,
    topic: &str,
    partitions: i32,
    records: u64,
    size: u64,
    deadline: Instant,
) -> Result<()>
where
    C: ProducerContext,
    C::DeliveryOpaque: Default,
{
    let mut payload = vec![0xA5u8; size as usize];
    for i in 0..records {
        put_seq(&mut payload, i);
        let mut rec = BaseRecord::with_opaque_to(topic, C::DeliveryOpaque::default())
            .payload(&payload[..])
            .partition((i % partitions as u64) as i32);
        loop {
            match producer.send::<[u8], [u8]>(rec) {
                Ok(()) => break,
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), r)) => {
                    rec = r;
                    producer.poll(Duration::from_millis(1));
                    if Instant::now() > deadline {
                        bail!("produce to {topic}: librdkafka queue still full at the deadline");
                    }
                }
                Err((e, _)) => bail!("produce to {topic}: {e}"),
            }
        }
        if i % 512 == 0 {
            producer.poll(Duration::ZERO);
        }
    }
    producer
        .flush(deadline.saturating_duration_since(Instant::now()))
        .with_context(|| format!("flushing the producer of {topic}"))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/// Prints the head of a bench's output: `title`, the broker binary, the run directory, the
/// librdkafka version and the number of CPUs.
pub fn print_header(title: &str, bin: &Path, dir: &Path) {
    println!("== {title}");
    println!("broker      {}", bin.display());
    println!("run dir     {}", dir.display());
    println!(
        "librdkafka  {}   cpus {}",
        rdkafka::util::get_rdkafka_version().1,
        thread::available_parallelism().map_or(0, |n| n.get())
    );
}

/// A run that moved some records in some time, and its rates.
pub trait Rates {
    /// (records, bytes, elapsed time) of the run.
    fn moved(&self) -> (u64, u64, Duration);

    /// MB per second.
    fn mb_s(&self) -> f64 {
        let (_, bytes, elapsed) = self.moved();
        bytes as f64 / MB / elapsed.as_secs_f64()
    }

    /// Records per second.
    fn rec_s(&self) -> f64 {
        let (records, _, elapsed) = self.moved();
        records as f64 / elapsed.as_secs_f64()
    }
}

pub fn verdict(ok: bool) -> &'static str {
    if ok { "meets" } else { "MISSES" }
}

/// The table of figures printed at the end: figure, measured value, target or note.
#[derive(Default)]
pub struct Summary {
    rows: Vec<(String, String, String)>,
}

impl Summary {
    pub fn add(
        &mut self,
        figure: impl Into<String>,
        value: impl Into<String>,
        note: impl Into<String>,
    ) {
        self.rows.push((figure.into(), value.into(), note.into()));
    }

    pub fn print(&self) {
        let width = |cell: fn(&(String, String, String)) -> &String, min: usize| {
            self.rows
                .iter()
                .map(|r| cell(r).len())
                .max()
                .unwrap_or(0)
                .max(min)
        };
        let w0 = width(|r| &r.0, 6);
        let w1 = width(|r| &r.1, 8);
        println!("\n== summary");
        println!("{:<w0$}  {:<w1$}  target / note", "figure", "measured");
        println!("{}", "-".repeat(w0 + w1 + 30));
        for (a, b, c) in &self.rows {
            println!("{a:<w0$}  {b:<w1$}  {c}");
        }
    }
}
