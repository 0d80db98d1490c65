//! The process kubelet: every pod bound to one of the stand-in's nodes runs as local
//! processes. Per pod: an address of its own (127.X.Y.Z), its volumes (PersistentVolumeClaims
//! as the bound volume's directory, emptyDir, configMap, secret, downwardAPI, hostPath) mounted
//! at their mountPaths, init containers one after the other, then the containers, with
//! command, args and environment (downward API, ConfigMap and Secret references, `$(VAR)`
//! expansion) taken from the spec and the image mapped to a local binary. Startup, readiness
//! and liveness probes drive the container and pod conditions; exits restart per restartPolicy
//! with CrashLoopBackOff; deleting the pod runs preStop hooks, sends SIGTERM, waits the grace
//! period, then SIGKILL, and finally removes the pod. The status is written like a kubelet's.

pub mod network;
pub mod probe;
pub mod process;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::api::meta::{self, str_at, strings};
use crate::api::server::{DeleteOptions, ResourceRef};
use crate::controllers::Client;
use network::IpPool;
use process::{Launch, Mount};

/// What an image name runs.
#[derive(Debug, Clone)]
pub enum ImageTarget {
    /// A local binary: the container's entrypoint.
    Binary(PathBuf),
    /// Commands run as given on the host (`--image NAME=host`).
    Host,
}

#[derive(Debug, Clone)]
pub struct KubeletOptions {
    pub data_dir: PathBuf,
    pub images: Vec<(String, ImageTarget)>,
    /// The first two octets of pod addresses, e.g. `127.77`.
    pub pod_network: String,
    /// The first CrashLoopBackOff delay (doubling up to 5 minutes).
    pub backoff_base: Duration,
    /// The API server's address, for KUBERNETES_SERVICE_HOST/PORT.
    pub api_addr: String,
}

impl KubeletOptions {
    /// Parses `NAME=PATH` image mappings.
    pub fn parse_images(list: &[String]) -> Result<Vec<(String, ImageTarget)>, String> {
        list.iter()
            .map(|s| {
                let (n, p) = s
                    .split_once('=')
                    .ok_or(format!("--image {s:?}: expected NAME=PATH"))?;
                let target = if p == "host" {
                    ImageTarget::Host
                } else {
                    let path = PathBuf::from(p);
                    let path = path
                        .canonicalize()
                        .map_err(|e| format!("--image {s:?}: {p}: {e}"))?;
                    ImageTarget::Binary(path)
                };
                Ok((n.to_string(), target))
            })
            .collect()
    }
}

struct Worker {
    tx: watch::Sender<Option<Value>>,
    handle: tokio::task::JoinHandle<()>,
    pids: Arc<Mutex<HashMap<String, i32>>>,
    ns: String,
    name: String,
}

pub struct Kubelet {
    c: Client,
    opts: KubeletOptions,
    pool: Mutex<IpPool>,
    workers: Mutex<HashMap<String, Worker>>,
    isolate: bool,
    hosts_file: PathBuf,
    /// Nodes whose processes are stopped (a simulated node failure).
    down_nodes: Mutex<Vec<String>>,
}

impl Kubelet {
    pub fn new(c: Client, opts: KubeletOptions) -> Arc<Kubelet> {
        let hosts_file = opts.data_dir.join("hosts");
        let _ = network::write_hosts(&hosts_file, "127.0.0.1\tlocalhost\n");
        Arc::new(Kubelet {
            pool: Mutex::new(IpPool::new(&opts.pod_network)),
            c,
            isolate: process::can_isolate(),
            hosts_file,
            opts,
            workers: Mutex::new(HashMap::new()),
            down_nodes: Mutex::new(Vec::new()),
        })
    }

    pub fn hosts_file(&self) -> &Path {
        &self.hosts_file
    }

    /// Starts workers for new pods and tells existing ones about changes.
    pub fn round(self: &Arc<Self>) {
        let pods = self.c.list(&ResourceRef::core("pods"), None);
        let mut workers = self.workers.lock();
        workers.retain(|_, w| !w.handle.is_finished());
        let present: Vec<&str> = pods
            .iter()
            .filter_map(|p| str_at(p, "/metadata/uid"))
            .collect();
        for (uid, w) in workers.iter() {
            if !present.contains(&uid.as_str()) {
                let _ = w.tx.send(None);
            }
        }
        let down = self.down_nodes.lock().clone();
        for p in pods {
            let Some(node) = str_at(&p, "/spec/nodeName") else {
                continue;
            };
            if !node.starts_with("standin-") || down.iter().any(|d| d == node) {
                continue;
            }
            let uid = str_at(&p, "/metadata/uid").unwrap_or("").to_string();
            match workers.get(&uid) {
                Some(w) => {
                    let _ = w.tx.send(Some(p));
                }
                None => {
                    let phase = str_at(&p, "/status/phase");
                    if matches!(phase, Some("Succeeded" | "Failed"))
                        && p.pointer("/metadata/deletionTimestamp").is_none()
                    {
                        continue;
                    }
                    let (tx, rx) = watch::channel(Some(p.clone()));
                    let pids = Arc::new(Mutex::new(HashMap::new()));
                    let me = self.clone();
                    let worker_pids = pids.clone();
                    let handle = tokio::spawn(async move {
                        PodWorker::new(me, rx, worker_pids).run().await;
                    });
                    workers.insert(
                        uid.clone(),
                        Worker {
                            tx,
                            handle,
                            pids,
                            ns: str_at(&p, "/metadata/namespace").unwrap_or("").into(),
                            name: str_at(&p, "/metadata/name").unwrap_or("").into(),
                        },
                    );
                }
            }
        }
    }

    /// The process ids of a pod's running containers.
    pub fn pids(&self, ns: &str, name: &str) -> Option<HashMap<String, i32>> {
        let workers = self.workers.lock();
        workers
            .values()
            .find(|w| w.ns == ns && w.name == name && !w.handle.is_finished())
            .map(|w| w.pids.lock().clone())
    }

    /// Signals a pod's container processes (all, or one container's): a crash or a node
    /// failure as tests simulate it.
    pub fn signal(
        &self,
        ns: &str,
        name: &str,
        container: Option<&str>,
        sig: i32,
    ) -> Option<Vec<i32>> {
        let pids = self.pids(ns, name)?;
        let mut hit = Vec::new();
        for (c, pid) in pids {
            if container.is_none_or(|x| x == c) {
                process::signal_group(pid, sig);
                hit.push(pid);
            }
        }
        Some(hit)
    }

    /// Simulates a node failure: its pods' processes are killed and not restarted, the Node
    /// and its pods turn NotReady. `up` brings it back.
    pub fn set_node(&self, node: &str, up: bool) {
        let nodes = ResourceRef::core("nodes");
        let now = meta::now();
        let cond = if up {
            json!({"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status", "lastHeartbeatTime": now, "lastTransitionTime": now})
        } else {
            json!({"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown", "message": "Kubelet stopped posting node status.", "lastHeartbeatTime": now, "lastTransitionTime": now})
        };
        let _ = self
            .c
            .merge_status(&nodes, None, node, &json!({"conditions": [cond]}));
        let mut down = self.down_nodes.lock();
        down.retain(|d| d != node);
        if up {
            return;
        }
        down.push(node.to_string());
        drop(down);
        let pods = self.c.list(&ResourceRef::core("pods"), None);
        let workers = self.workers.lock();
        for p in pods
            .iter()
            .filter(|p| str_at(p, "/spec/nodeName") == Some(node))
        {
            let uid = str_at(p, "/metadata/uid").unwrap_or("");
            if let Some(w) = workers.get(uid) {
                for pid in w.pids.lock().values() {
                    process::signal_group(*pid, libc::SIGKILL);
                }
                w.handle.abort();
            }
            let ns = str_at(p, "/metadata/namespace");
            let name = str_at(p, "/metadata/name").unwrap_or("");
            let mut conds: Vec<Value> = p
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for c in conds.iter_mut() {
                if matches!(
                    c.get("type").and_then(Value::as_str),
                    Some("Ready" | "ContainersReady")
                ) {
                    c["status"] = json!("False");
                    c["reason"] = json!("NodeNotReady");
                    c["lastTransitionTime"] = json!(now);
                }
            }
            let _ = self.c.merge_status(
                &ResourceRef::core("pods"),
                ns,
                name,
                &json!({"conditions": conds}),
            );
        }
    }

    /// Kills every container (the stand-in is stopping).
    pub fn shutdown(&self) {
        let workers = self.workers.lock();
        for w in workers.values() {
            for pid in w.pids.lock().values() {
                process::signal_group(*pid, libc::SIGKILL);
            }
            w.handle.abort();
        }
    }

    fn image(&self, image: &str) -> Option<&ImageTarget> {
        let no_digest = image.split('@').next().unwrap_or(image);
        let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
        let repo = last.split(':').next().unwrap_or(last);
        self.opts
            .images
            .iter()
            .find(|(n, _)| n == image || n == no_digest)
            .or_else(|| self.opts.images.iter().find(|(n, _)| n == repo))
            .map(|(_, t)| t)
    }

    /// Pod log text (`kubectl logs`).
    pub fn log(
        &self,
        ns: &str,
        pod: &str,
        container: Option<&str>,
        tail: Option<usize>,
    ) -> Result<String, String> {
        let p = self
            .c
            .get(&ResourceRef::core("pods"), Some(ns), pod)
            .ok_or_else(|| format!("pods \"{pod}\" not found"))?;
        let uid = str_at(&p, "/metadata/uid").unwrap_or("");
        let containers: Vec<String> = p
            .pointer("/spec/containers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| str_at(c, "/name").map(String::from))
            .collect();
        let c = match (container, containers.as_slice()) {
            (Some(c), _) => c.to_string(),
            (None, [one]) => one.clone(),
            (None, many) => {
                return Err(format!(
                    "a container name must be specified for pod {pod}, choose one of: [{}]",
                    many.join(" ")
                ));
            }
        };
        let dir = self.opts.data_dir.join("pods").join(uid).join("logs");
        let newest = std::fs::read_dir(&dir)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().to_string();
                n.strip_prefix(&format!("{c}-"))?
                    .strip_suffix(".log")?
                    .parse::<u32>()
                    .ok()
                    .map(|i| (i, e.path()))
            })
            .max_by_key(|(i, _)| *i)
            .map(|(_, p)| p)
            .ok_or_else(|| format!("container \"{c}\" in pod \"{pod}\" is waiting to start"))?;
        let text = std::fs::read_to_string(newest).map_err(|e| e.to_string())?;
        Ok(match tail {
            Some(n) => {
                let lines: Vec<&str> = text.lines().collect();
                lines[lines.len().saturating_sub(n)..].join("\n") + "\n"
            }
            None => text,
        })
    }
}

impl crate::http::Admin for Kubelet {
    fn handle(
        &self,
        method: &str,
        path: &[&str],
        q: &HashMap<String, String>,
    ) -> Option<(u16, Value)> {
        match (method, path) {
            ("GET", ["hosts"]) => Some((
                200,
                json!({"path": self.hosts_file.display().to_string(),
                "text": std::fs::read_to_string(&self.hosts_file).unwrap_or_default()}),
            )),
            ("GET", ["pods", ns, name, "pids"]) => Some(match self.pids(ns, name) {
                Some(p) => (200, json!(p)),
                None => (
                    404,
                    json!({"message": format!("pod {ns}/{name} is not running here")}),
                ),
            }),
            ("POST", ["pods", ns, name, "kill"]) => {
                let sig = match q.get("signal").map(String::as_str) {
                    None | Some("KILL") => libc::SIGKILL,
                    Some("TERM") => libc::SIGTERM,
                    Some("INT") => libc::SIGINT,
                    Some(other) => {
                        return Some((
                            400,
                            json!({"message": format!("unknown signal {other}: KILL, TERM or INT")}),
                        ));
                    }
                };
                Some(
                    match self.signal(ns, name, q.get("container").map(String::as_str), sig) {
                        Some(pids) => (200, json!({"signalled": pids})),
                        None => (
                            404,
                            json!({"message": format!("pod {ns}/{name} is not running here")}),
                        ),
                    },
                )
            }
            ("POST", ["nodes", node, action @ ("stop" | "start")]) => {
                self.set_node(node, *action == "start");
                Some((200, json!({"node": node, "up": *action == "start"})))
            }
            _ => None,
        }
    }

    fn pod_log(
        &self,
        ns: &str,
        pod: &str,
        container: Option<&str>,
        tail: Option<usize>,
    ) -> Option<Result<String, String>> {
        Some(self.log(ns, pod, container, tail))
    }
}

/// Probe bookkeeping of one probe of one container.
#[derive(Default)]
struct ProbeState {
    successes: u32,
    failures: u32,
    next_at: Option<Instant>,
    in_flight: Option<tokio::task::JoinHandle<probe::ProbeResult>>,
    last_error: Option<String>,
}

struct Container {
    name: String,
    spec: Value,
    child: Option<Child>,
    pid: Option<i32>,
    started_at: Option<String>,
    started_instant: Option<Instant>,
    restart_count: i64,
    /// The current state JSON (`running` / `waiting` / `terminated`).
    state: Value,
    last_state: Value,
    ready: bool,
    /// The startup probe passed (or there is none).
    started: bool,
    backoff: Duration,
    restart_at: Option<Instant>,
    done: bool,
    liveness: ProbeState,
    readiness: ProbeState,
    startup: ProbeState,
    launch: Option<Launch>,
}

impl Container {
    fn new(spec: &Value) -> Container {
        Container {
            name: str_at(spec, "/name").unwrap_or("").to_string(),
            spec: spec.clone(),
            child: None,
            pid: None,
            started_at: None,
            started_instant: None,
            restart_count: 0,
            state: json!({"waiting": {"reason": "ContainerCreating"}}),
            last_state: json!({}),
            ready: false,
            started: false,
            backoff: Duration::ZERO,
            restart_at: None,
            done: false,
            liveness: ProbeState::default(),
            readiness: ProbeState::default(),
            startup: ProbeState::default(),
            launch: None,
        }
    }

    fn status(&self) -> Value {
        let image = str_at(&self.spec, "/image").unwrap_or("");
        let mut s = json!({"name": self.name, "state": self.state, "lastState": self.last_state,
            "ready": self.ready, "restartCount": self.restart_count, "image": image,
            "imageID": format!("standin://{image}"), "started": self.child.is_some() && self.started});
        if let Some(pid) = self.pid {
            s["containerID"] = json!(format!("standin://{pid}"));
        }
        s
    }
}

fn exit_code(st: std::process::ExitStatus) -> i64 {
    use std::os::unix::process::ExitStatusExt;
    st.code()
        .map(i64::from)
        .unwrap_or_else(|| 128 + st.signal().unwrap_or(0) as i64)
}

fn secs(v: Option<&Value>, default: u64) -> u64 {
    v.and_then(Value::as_u64).unwrap_or(default)
}

struct PodWorker {
    k: Arc<Kubelet>,
    rx: watch::Receiver<Option<Value>>,
    pids: Arc<Mutex<HashMap<String, i32>>>,
    pod: Value,
    ns: String,
    name: String,
    uid: String,
    ip: Option<String>,
    dir: PathBuf,
    start_time: String,
    conditions: HashMap<String, (String, String)>,
    init: Vec<Container>,
    containers: Vec<Container>,
    initialized: bool,
    last_status: Value,
}

impl PodWorker {
    fn new(
        k: Arc<Kubelet>,
        rx: watch::Receiver<Option<Value>>,
        pids: Arc<Mutex<HashMap<String, i32>>>,
    ) -> PodWorker {
        let pod = rx.borrow().clone().unwrap_or(json!({}));
        let uid = str_at(&pod, "/metadata/uid").unwrap_or("").to_string();
        let dir = k.opts.data_dir.join("pods").join(&uid);
        let list = |k: &str| -> Vec<Container> {
            pod.pointer(&format!("/spec/{k}"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(Container::new)
                .collect()
        };
        PodWorker {
            init: list("initContainers"),
            containers: list("containers"),
            ns: str_at(&pod, "/metadata/namespace")
                .unwrap_or("")
                .to_string(),
            name: str_at(&pod, "/metadata/name").unwrap_or("").to_string(),
            uid,
            k,
            rx,
            pids,
            pod,
            ip: None,
            dir,
            start_time: meta::now(),
            conditions: HashMap::new(),
            initialized: false,
            last_status: json!(null),
        }
    }

    fn restart_policy(&self) -> &str {
        str_at(&self.pod, "/spec/restartPolicy").unwrap_or("Always")
    }

    fn event(&self, kind: &str, reason: &str, message: &str) {
        self.k.c.event(&self.pod, kind, reason, message);
    }

    async fn run(mut self) {
        let ip = self.k.pool.lock().take();
        let Some(ip) = ip else {
            self.event(
                "Warning",
                "FailedCreatePodSandBox",
                "no free pod address left",
            );
            return;
        };
        self.ip = Some(ip);
        let _ = std::fs::create_dir_all(self.dir.join("logs"));
        self.sync_status();
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        loop {
            tick.tick().await;
            let latest = self.rx.borrow().clone();
            match latest {
                None => {
                    self.kill_all(libc::SIGKILL).await;
                    break;
                }
                Some(p) => self.pod = p,
            }
            if self.pod.pointer("/metadata/deletionTimestamp").is_some() {
                self.terminate().await;
                break;
            }
            if !self.initialized {
                match self.step_init().await {
                    Ok(true) => {
                        self.initialized = true;
                    }
                    Ok(false) => {}
                    Err(()) => {
                        self.sync_status();
                        // The pod failed (an init container failed with restartPolicy Never).
                        if self.rx.changed().await.is_err() {
                            break;
                        }
                        continue;
                    }
                }
            }
            if self.initialized {
                self.step_containers().await;
            }
            self.sync_status();
        }
        self.cleanup();
    }

    fn cleanup(&mut self) {
        if let Some(ip) = self.ip.take() {
            self.k.pool.lock().give_back(&ip);
        }
        self.pids.lock().clear();
        let _ = std::fs::remove_dir_all(self.dir.join("volumes"));
        let _ = std::fs::remove_dir_all(self.dir.join("containers"));
    }

    /// Runs the init containers in order; true once all have succeeded.
    async fn step_init(&mut self) -> Result<bool, ()> {
        let policy = self.restart_policy().to_string();
        for i in 0..self.init.len() {
            if self.init[i].done {
                continue;
            }
            let mut c = std::mem::replace(&mut self.init[i], Container::new(&json!({})));
            let r = self.drive(&mut c, true, &policy).await;
            self.init[i] = c;
            return match r {
                Drive::Done => Ok(i + 1 == self.init.len()),
                Drive::Failed => Err(()),
                Drive::Pending => Ok(false),
            };
        }
        Ok(true)
    }

    async fn step_containers(&mut self) {
        let policy = self.restart_policy().to_string();
        for i in 0..self.containers.len() {
            let mut c = std::mem::replace(&mut self.containers[i], Container::new(&json!({})));
            self.drive(&mut c, false, &policy).await;
            self.probe(&mut c);
            self.containers[i] = c;
        }
    }

    /// Starts, watches and restarts one container.
    async fn drive(&mut self, c: &mut Container, init: bool, policy: &str) -> Drive {
        if let Some(child) = c.child.as_mut() {
            match child.try_wait() {
                Ok(None) => return Drive::Pending,
                Ok(Some(st)) => {
                    let code = exit_code(st);
                    let terminated = json!({"terminated": {"exitCode": code, "reason": if code == 0 { "Completed" } else { "Error" },
                        "startedAt": c.started_at, "finishedAt": meta::now(), "containerID": format!("standin://{}", c.pid.unwrap_or(0))}});
                    return self.exited(c, init, policy, code, terminated);
                }
                Err(_) => return Drive::Pending,
            }
        }
        if c.done {
            return if c
                .state
                .pointer("/terminated/exitCode")
                .and_then(Value::as_i64)
                == Some(0)
            {
                Drive::Done
            } else {
                Drive::Failed
            };
        }
        if c.restart_at.is_some_and(|t| Instant::now() < t) {
            return Drive::Pending;
        }
        let launch = match self.launch(c) {
            Ok(l) => l,
            Err((reason, message)) => {
                if c.state.pointer("/waiting/reason").and_then(Value::as_str) != Some(reason) {
                    self.event(
                        "Warning",
                        if reason == "ErrImagePull" {
                            "Failed"
                        } else {
                            "FailedMount"
                        },
                        &message,
                    );
                }
                c.state = json!({"waiting": {"reason": reason, "message": message}});
                c.restart_at = Some(Instant::now() + Duration::from_secs(1));
                return Drive::Pending;
            }
        };
        match process::spawn(&launch) {
            Ok(child) => {
                let pid = child.id() as i32;
                let restarted = c.started_at.is_some();
                if restarted {
                    c.restart_count += 1;
                }
                c.pid = Some(pid);
                c.child = Some(child);
                c.started_at = Some(meta::now());
                c.started_instant = Some(Instant::now());
                c.state = json!({"running": {"startedAt": c.started_at}});
                c.restart_at = None;
                c.started = c.spec.get("startupProbe").is_none();
                c.launch = Some(launch);
                self.pids.lock().insert(c.name.clone(), pid);
                self.event(
                    "Normal",
                    "Started",
                    &format!("Started container {}", c.name),
                );
                Drive::Pending
            }
            Err(e) => {
                // As a kubelet reports a failed exec: the container terminated with reason
                // StartError and exit code 128, then restarts per the restart policy. The
                // message also goes to the container's log, which would otherwise be empty.
                let msg = format!("failed to start container {:?}: {e}", c.name);
                self.event("Warning", "Failed", &msg);
                if let Ok(mut f) = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&launch.log)
                {
                    use std::io::Write;
                    let _ = writeln!(f, "kube-standin: {msg}");
                }
                let now = meta::now();
                let terminated = json!({"terminated": {"exitCode": 128, "reason": "StartError",
                    "message": msg, "startedAt": now, "finishedAt": now}});
                if c.started_at.is_some() {
                    c.restart_count += 1;
                }
                c.started_at = Some(now);
                c.started_instant = None;
                c.pid = None;
                c.state = json!({"waiting": {"reason": "RunContainerError", "message": msg}});
                self.exited(c, init, policy, 128, terminated)
            }
        }
    }

    /// A container's process is gone (it exited, or it never started: `code` 128): records
    /// `terminated` and restarts it per the restart policy, with CrashLoopBackOff.
    fn exited(
        &mut self,
        c: &mut Container,
        init: bool,
        policy: &str,
        code: i64,
        terminated: Value,
    ) -> Drive {
        c.child = None;
        self.pids.lock().remove(&c.name);
        c.ready = false;
        c.started = false;
        c.liveness = ProbeState::default();
        c.readiness = ProbeState::default();
        c.startup = ProbeState::default();
        let restart = match policy {
            "Never" => false,
            "OnFailure" => code != 0,
            _ => !init || code != 0,
        };
        if init && code == 0 {
            c.state = terminated;
            c.done = true;
            return Drive::Done;
        }
        if !restart {
            c.state = terminated;
            c.done = true;
            return if code == 0 {
                Drive::Done
            } else {
                Drive::Failed
            };
        }
        c.last_state = terminated;
        // CrashLoopBackOff: the first restart is immediate, then 10s, 20s, ... 5 min;
        // a container that ran 10 minutes starts over.
        let ran = c.started_instant.map(|t| t.elapsed()).unwrap_or_default();
        if ran > Duration::from_secs(600) {
            c.backoff = Duration::ZERO;
        }
        let wait = c.backoff;
        c.backoff = if wait.is_zero() {
            self.k.opts.backoff_base
        } else {
            (wait * 2).min(Duration::from_secs(300))
        };
        c.restart_at = Some(Instant::now() + wait);
        if !wait.is_zero() {
            c.state = json!({"waiting": {"reason": "CrashLoopBackOff",
                "message": format!("back-off {}s restarting failed container={} pod={}_{}({})", wait.as_secs(), c.name, self.name, self.ns, self.uid)}});
            self.event("Warning", "BackOff", "Back-off restarting failed container");
        }
        Drive::Pending
    }

    /// Runs due probes of a running container and applies finished ones.
    fn probe(&self, c: &mut Container) {
        if c.child.is_none() {
            return;
        }
        let ip = self.ip.clone().unwrap_or_default();
        let now = Instant::now();
        let started_at = c.started_instant.unwrap_or(now);
        for kind in ["startupProbe", "livenessProbe", "readinessProbe"] {
            let Some(spec) = c.spec.get(kind).cloned() else {
                if kind == "readinessProbe" {
                    c.ready = c.started;
                }
                continue;
            };
            if kind != "startupProbe" && !c.started {
                continue;
            }
            if kind == "startupProbe" && c.started {
                continue;
            }
            let period = Duration::from_secs(secs(spec.get("periodSeconds"), 10).max(1));
            let timeout = Duration::from_secs(secs(spec.get("timeoutSeconds"), 1).max(1));
            let success_threshold = secs(spec.get("successThreshold"), 1).max(1) as u32;
            let failure_threshold = secs(spec.get("failureThreshold"), 3).max(1) as u32;
            let initial = Duration::from_secs(secs(spec.get("initialDelaySeconds"), 0));
            let launch = c.launch.clone();
            let cspec = c.spec.clone();
            let st = match kind {
                "startupProbe" => &mut c.startup,
                "livenessProbe" => &mut c.liveness,
                _ => &mut c.readiness,
            };
            if let Some(h) = &st.in_flight
                && h.is_finished()
            {
                let h = st.in_flight.take().expect("checked");
                let result = futures_now(h);
                match result {
                    Ok(()) => {
                        st.successes += 1;
                        st.failures = 0;
                        st.last_error = None;
                    }
                    Err(e) => {
                        st.failures += 1;
                        st.successes = 0;
                        st.last_error = Some(e);
                    }
                }
            }
            if st.in_flight.is_none() && now >= st.next_at.unwrap_or(started_at + initial) {
                st.next_at = Some(now + period);
                let ip = ip.clone();
                st.in_flight = Some(tokio::spawn(async move {
                    probe::run(&spec, &cspec, &ip, timeout, launch.as_ref()).await
                }));
            }
            let (ok, failed) = (
                st.successes >= success_threshold,
                st.failures >= failure_threshold,
            );
            let err = st.last_error.clone();
            match kind {
                "startupProbe" => {
                    if ok {
                        c.started = true;
                    } else if failed {
                        self.event(
                            "Warning",
                            "Unhealthy",
                            &format!("Startup probe failed: {}", err.unwrap_or_default()),
                        );
                        self.kill_container(c, "failed startup probe");
                    }
                }
                "livenessProbe" => {
                    if failed {
                        self.event(
                            "Warning",
                            "Unhealthy",
                            &format!("Liveness probe failed: {}", err.unwrap_or_default()),
                        );
                        self.kill_container(c, "failed liveness probe");
                        return;
                    }
                }
                _ => {
                    if ok {
                        c.ready = true;
                    } else if st.failures > 0 && failed {
                        if c.ready {
                            self.event(
                                "Warning",
                                "Unhealthy",
                                &format!("Readiness probe failed: {}", err.unwrap_or_default()),
                            );
                        }
                        c.ready = false;
                    }
                }
            }
        }
    }

    /// Kills a container (it then restarts per the restart policy), as on a failed liveness probe.
    fn kill_container(&self, c: &mut Container, why: &str) {
        if let Some(pid) = c.pid {
            self.event(
                "Normal",
                "Killing",
                &format!("Container {} {why}, will be restarted", c.name),
            );
            process::signal_group(pid, libc::SIGTERM);
            let grace = secs(self.pod.pointer("/spec/terminationGracePeriodSeconds"), 30);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(grace)).await;
                process::signal_group(pid, libc::SIGKILL);
            });
        }
        c.liveness = ProbeState::default();
        c.startup = ProbeState::default();
        c.ready = false;
    }

    /// The command, environment and mounts of a container, or why it cannot start yet.
    fn launch(&self, c: &Container) -> Result<Launch, (&'static str, String)> {
        let image = str_at(&c.spec, "/image").unwrap_or("").to_string();
        let target = self.k.image(&image).cloned().ok_or_else(|| {
            ("ErrImagePull", format!("Failed to pull image \"{image}\": kube-standin has no binary for it (start it with --image NAME=PATH)"))
        })?;
        let env = self.env(&c.spec)?;
        let expand = |s: &str| expand_vars(s, &env);
        let command: Vec<String> = strings(c.spec.get("command"))
            .iter()
            .map(|s| expand(s))
            .collect();
        let args: Vec<String> = strings(c.spec.get("args"))
            .iter()
            .map(|s| expand(s))
            .collect();
        let argv = match &target {
            ImageTarget::Binary(path) => {
                let bin_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                match command.split_first() {
                    None => std::iter::once(path.display().to_string())
                        .chain(args)
                        .collect(),
                    Some((first, rest)) => {
                        let base = Path::new(first)
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default();
                        if base == bin_name
                            || Some(base.as_str())
                                == image.rsplit('/').next().and_then(|x| x.split(':').next())
                        {
                            std::iter::once(path.display().to_string())
                                .chain(rest.iter().cloned())
                                .chain(args)
                                .collect()
                        } else {
                            command.into_iter().chain(args).collect()
                        }
                    }
                }
            }
            ImageTarget::Host => {
                if command.is_empty() && args.is_empty() {
                    return Err((
                        "CreateContainerConfigError",
                        format!(
                            "image \"{image}\" runs host commands: the container needs a command"
                        ),
                    ));
                }
                command.into_iter().chain(args).collect()
            }
        };
        let mounts = self.mounts(&c.spec)?;
        if !mounts.is_empty() && !self.k.isolate {
            return Err((
                "CreateContainerError",
                "volume mounts need kube-standin to run as root (mount namespaces)".into(),
            ));
        }
        let scratch = self.dir.join("containers").join(&c.name);
        let _ = std::fs::create_dir_all(&scratch);
        let cwd = str_at(&c.spec, "/workingDir")
            .map(PathBuf::from)
            .unwrap_or(scratch);
        Ok(Launch {
            argv,
            image: match target {
                ImageTarget::Binary(path) => Some(path),
                ImageTarget::Host => None,
            },
            env,
            cwd,
            mounts,
            hosts_file: self.k.isolate.then(|| self.k.hosts_file.clone()),
            hostname: self.hostname(),
            log: self.dir.join("logs").join(format!(
                "{}-{}.log",
                c.name,
                c.restart_count + c.started_at.is_some() as i64
            )),
            isolate: self.k.isolate,
            join_pid: None,
        })
    }

    fn hostname(&self) -> String {
        str_at(&self.pod, "/spec/hostname")
            .unwrap_or(&self.name)
            .chars()
            .take(63)
            .collect()
    }

    fn field(&self, path: &str) -> Option<String> {
        let label = |kind: &str| -> Option<String> {
            let key = path
                .strip_prefix(&format!("metadata.{kind}['"))?
                .strip_suffix("']")?;
            self.pod
                .pointer(&format!("/metadata/{kind}/{}", key.replace('/', "~1")))
                .and_then(Value::as_str)
                .map(String::from)
        };
        Some(match path {
            "metadata.name" => self.name.clone(),
            "metadata.namespace" => self.ns.clone(),
            "metadata.uid" => self.uid.clone(),
            "spec.nodeName" => str_at(&self.pod, "/spec/nodeName").unwrap_or("").into(),
            "spec.serviceAccountName" => str_at(&self.pod, "/spec/serviceAccountName")
                .unwrap_or("default")
                .into(),
            "status.hostIP" | "status.hostIPs" => "127.0.0.1".into(),
            "status.podIP" | "status.podIPs" => self.ip.clone().unwrap_or_default(),
            p if p.starts_with("metadata.labels[") => label("labels")?,
            p if p.starts_with("metadata.annotations[") => label("annotations")?,
            _ => return None,
        })
    }

    fn config_value(
        &self,
        kind: &str,
        sel: &Value,
    ) -> Result<Option<String>, (&'static str, String)> {
        let name = str_at(sel, "/name").unwrap_or("");
        let key = str_at(sel, "/key").unwrap_or("");
        let optional = sel.get("optional") == Some(&json!(true));
        let (plural, label) = if kind == "secret" {
            ("secrets", "secret")
        } else {
            ("configmaps", "configmap")
        };
        let obj = self
            .k
            .c
            .get(&ResourceRef::core(plural), Some(&self.ns), name);
        let value = obj
            .as_ref()
            .and_then(|o| o.pointer(&format!("/data/{}", key.replace('/', "~1"))))
            .and_then(Value::as_str)
            .map(|v| {
                if kind == "secret" {
                    String::from_utf8_lossy(&base64_decode(v)).into_owned()
                } else {
                    v.to_string()
                }
            });
        match (obj, value) {
            (_, Some(v)) => Ok(Some(v)),
            _ if optional => Ok(None),
            (None, _) => Err((
                "CreateContainerConfigError",
                format!("{label} \"{name}\" not found"),
            )),
            (Some(_), None) => Err((
                "CreateContainerConfigError",
                format!("couldn't find key {key} in {label} {}/{name}", self.ns),
            )),
        }
    }

    fn env(&self, spec: &Value) -> Result<Vec<(String, String)>, (&'static str, String)> {
        let (api_host, api_port) = self
            .k
            .opts
            .api_addr
            .rsplit_once(':')
            .unwrap_or(("127.0.0.1", "443"));
        let mut env: Vec<(String, String)> = vec![
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
            ("HOSTNAME".into(), self.hostname()),
            ("HOME".into(), "/root".into()),
            ("KUBERNETES_SERVICE_HOST".into(), api_host.into()),
            ("KUBERNETES_SERVICE_PORT".into(), api_port.into()),
        ];
        let set = |env: &mut Vec<(String, String)>, k: String, v: String| {
            env.retain(|(x, _)| *x != k);
            env.push((k, v));
        };
        for from in spec
            .get("envFrom")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let prefix = str_at(from, "/prefix").unwrap_or("");
            for (kind, plural) in [("configMapRef", "configmaps"), ("secretRef", "secrets")] {
                let Some(r) = from.get(kind) else { continue };
                let name = str_at(r, "/name").unwrap_or("");
                match self
                    .k
                    .c
                    .get(&ResourceRef::core(plural), Some(&self.ns), name)
                {
                    Some(o) => {
                        for (k, v) in o
                            .get("data")
                            .and_then(Value::as_object)
                            .into_iter()
                            .flatten()
                        {
                            let v = v.as_str().unwrap_or_default();
                            let v = if plural == "secrets" {
                                String::from_utf8_lossy(&base64_decode(v)).into_owned()
                            } else {
                                v.to_string()
                            };
                            set(&mut env, format!("{prefix}{k}"), v);
                        }
                    }
                    None if r.get("optional") == Some(&json!(true)) => {}
                    None => {
                        return Err((
                            "CreateContainerConfigError",
                            format!("{} \"{name}\" not found", &plural[..plural.len() - 1]),
                        ));
                    }
                }
            }
        }
        for e in spec
            .get("env")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(name) = str_at(e, "/name") else {
                continue;
            };
            let value = if let Some(v) = str_at(e, "/value") {
                Some(expand_vars(v, &env))
            } else if let Some(f) = e
                .pointer("/valueFrom/fieldRef/fieldPath")
                .and_then(Value::as_str)
            {
                Some(self.field(f).ok_or((
                    "CreateContainerConfigError",
                    format!("unsupported fieldPath {f:?}"),
                ))?)
            } else if let Some(sel) = e.pointer("/valueFrom/configMapKeyRef") {
                self.config_value("configmap", sel)?
            } else if let Some(sel) = e.pointer("/valueFrom/secretKeyRef") {
                self.config_value("secret", sel)?
            } else if let Some(r) = e.pointer("/valueFrom/resourceFieldRef") {
                let res = str_at(r, "/resource").unwrap_or("");
                let (kind, what) = res.split_once('.').unwrap_or(("limits", "cpu"));
                Some(
                    spec.pointer(&format!("/resources/{kind}/{what}"))
                        .and_then(Value::as_str)
                        .unwrap_or(if what == "cpu" { "2" } else { "0" })
                        .to_string(),
                )
            } else {
                Some(String::new())
            };
            if let Some(v) = value {
                set(&mut env, name.to_string(), v);
            }
        }
        Ok(env)
    }

    /// Host directories for the container's volumeMounts (materializing configMap, secret
    /// and downwardAPI volumes), or why they are not available yet.
    fn mounts(&self, spec: &Value) -> Result<Vec<Mount>, (&'static str, String)> {
        let volumes: Vec<Value> = self
            .pod
            .pointer("/spec/volumes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut out = Vec::new();
        for vm in spec
            .get("volumeMounts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let vname = str_at(vm, "/name").unwrap_or("");
            let target = str_at(vm, "/mountPath").unwrap_or("");
            let vol = volumes
                .iter()
                .find(|v| str_at(v, "/name") == Some(vname))
                .ok_or_else(|| {
                    (
                        "CreateContainerConfigError",
                        format!("volumeMount {vname:?} names no volume of the pod"),
                    )
                })?;
            let mut source = self.volume_dir(vol)?;
            if let Some(sub) = str_at(vm, "/subPath").filter(|s| !s.is_empty()) {
                source = source.join(sub);
                if !source.exists() {
                    let _ = std::fs::create_dir_all(&source);
                }
            }
            out.push(Mount {
                source,
                target: PathBuf::from(target),
                read_only: vm.get("readOnly") == Some(&json!(true)),
            });
        }
        Ok(out)
    }

    fn volume_dir(&self, vol: &Value) -> Result<PathBuf, (&'static str, String)> {
        let name = str_at(vol, "/name").unwrap_or("");
        let dir = self.dir.join("volumes").join(name);
        let pending = |m: String| ("ContainerCreating", m);
        if let Some(claim) = str_at(vol, "/persistentVolumeClaim/claimName") {
            let pvc = self
                .k
                .c
                .get(
                    &ResourceRef::core("persistentvolumeclaims"),
                    Some(&self.ns),
                    claim,
                )
                .ok_or_else(|| pending(format!("persistentvolumeclaim \"{claim}\" not found")))?;
            let pv = str_at(&pvc, "/spec/volumeName")
                .filter(|_| str_at(&pvc, "/status/phase") == Some("Bound"))
                .ok_or_else(|| {
                    pending(format!("persistentvolumeclaim \"{claim}\" is not bound"))
                })?;
            let pv = self
                .k
                .c
                .get(&ResourceRef::core("persistentvolumes"), None, pv)
                .ok_or_else(|| pending(format!("persistentvolume \"{pv}\" not found")))?;
            let path = str_at(&pv, "/spec/hostPath/path")
                .ok_or_else(|| pending("the volume has no hostPath".into()))?;
            return Ok(PathBuf::from(path));
        }
        if let Some(p) = str_at(vol, "/hostPath/path") {
            let _ = std::fs::create_dir_all(p);
            return Ok(PathBuf::from(p));
        }
        let _ = std::fs::create_dir_all(&dir);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut sources: Vec<Value> = Vec::new();
        if let Some(p) = vol.pointer("/projected/sources").and_then(Value::as_array) {
            sources.extend(p.iter().cloned());
        }
        for kind in ["configMap", "secret", "downwardAPI"] {
            if let Some(s) = vol.get(kind) {
                sources.push(json!({kind: s}));
            }
        }
        for s in &sources {
            for (kind, plural) in [("configMap", "configmaps"), ("secret", "secrets")] {
                let Some(src) = s.get(kind) else { continue };
                let oname = str_at(src, "/name")
                    .or(str_at(src, "/secretName"))
                    .unwrap_or("");
                let obj = self
                    .k
                    .c
                    .get(&ResourceRef::core(plural), Some(&self.ns), oname);
                let Some(obj) = obj else {
                    if src.get("optional") == Some(&json!(true)) {
                        continue;
                    }
                    return Err(pending(format!(
                        "{} \"{oname}\" not found",
                        &plural[..plural.len() - 1]
                    )));
                };
                let decode = |v: &str| {
                    if plural == "secrets" {
                        base64_decode(v)
                    } else {
                        v.as_bytes().to_vec()
                    }
                };
                let data: Vec<(String, Vec<u8>)> = obj
                    .get("data")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), decode(v.as_str().unwrap_or_default())))
                    .collect();
                match src.get("items").and_then(Value::as_array) {
                    Some(items) => {
                        for it in items {
                            let (Some(k), Some(p)) = (str_at(it, "/key"), str_at(it, "/path"))
                            else {
                                continue;
                            };
                            if let Some((_, v)) = data.iter().find(|(x, _)| x == k) {
                                files.push((p.to_string(), v.clone()));
                            }
                        }
                    }
                    None => files.extend(data),
                }
            }
            if let Some(src) = s.get("downwardAPI") {
                for it in src
                    .get("items")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let (Some(p), Some(f)) =
                        (str_at(it, "/path"), str_at(it, "/fieldRef/fieldPath"))
                    else {
                        continue;
                    };
                    let text = match f {
                        "metadata.labels" | "metadata.annotations" => {
                            let kind = f.trim_start_matches("metadata.");
                            self.pod
                                .pointer(&format!("/metadata/{kind}"))
                                .and_then(Value::as_object)
                                .map(|m| {
                                    m.iter()
                                        .map(|(k, v)| {
                                            format!("{k}=\"{}\"\n", v.as_str().unwrap_or(""))
                                        })
                                        .collect::<String>()
                                })
                                .unwrap_or_default()
                        }
                        other => self.field(other).unwrap_or_default(),
                    };
                    files.push((p.to_string(), text.into_bytes()));
                }
            }
            if s.get("serviceAccountToken").is_some() {
                let path = str_at(s, "/serviceAccountToken/path").unwrap_or("token");
                files.push((path.to_string(), b"kube-standin-token".to_vec()));
            }
        }
        for (rel, bytes) in files {
            let p = dir.join(&rel);
            if let Some(parent) = p.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if std::fs::read(&p).ok().as_deref() != Some(bytes.as_slice()) {
                let _ = std::fs::write(&p, bytes);
            }
        }
        Ok(dir)
    }

    async fn kill_all(&mut self, sig: i32) {
        for c in self.init.iter_mut().chain(self.containers.iter_mut()) {
            if let (Some(pid), Some(child)) = (c.pid, c.child.as_mut()) {
                process::signal_group(pid, sig);
                if sig == libc::SIGKILL {
                    let _ = child.wait();
                    c.child = None;
                }
            }
        }
    }

    /// Graceful termination: preStop hooks, SIGTERM, the grace period, SIGKILL; then the pod
    /// object is removed.
    async fn terminate(&mut self) {
        let grace = self
            .pod
            .pointer("/metadata/deletionGracePeriodSeconds")
            .and_then(Value::as_u64)
            .unwrap_or_else(|| secs(self.pod.pointer("/spec/terminationGracePeriodSeconds"), 30));
        let deadline = Instant::now() + Duration::from_secs(grace);
        let ip = self.ip.clone().unwrap_or_default();
        let mut hooks = Vec::new();
        for c in self.containers.iter().filter(|c| c.child.is_some()) {
            self.event(
                "Normal",
                "Killing",
                &format!("Stopping container {}", c.name),
            );
            if let Some(h) = c.spec.pointer("/lifecycle/preStop").cloned() {
                let (spec, ip, launch) = (c.spec.clone(), ip.clone(), c.launch.clone());
                let left = deadline
                    .saturating_duration_since(Instant::now())
                    .max(Duration::from_secs(1));
                hooks.push(tokio::spawn(async move {
                    probe::run(&h, &spec, &ip, left, launch.as_ref()).await
                }));
            }
        }
        for h in hooks {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Ok(Ok(Err(e))) = tokio::time::timeout(left, h).await {
                self.event(
                    "Warning",
                    "FailedPreStopHook",
                    &format!("PreStopHook failed: {e}"),
                );
            }
        }
        self.kill_all(libc::SIGTERM).await;
        loop {
            let mut running = false;
            for c in self.init.iter_mut().chain(self.containers.iter_mut()) {
                if let Some(child) = c.child.as_mut() {
                    match child.try_wait() {
                        Ok(Some(st)) => {
                            let code = exit_code(st);
                            c.state = json!({"terminated": {"exitCode": code, "reason": if code == 0 { "Completed" } else { "Error" },
                                "startedAt": c.started_at, "finishedAt": meta::now()}});
                            c.child = None;
                            c.ready = false;
                        }
                        _ => running = true,
                    }
                }
            }
            if !running {
                break;
            }
            if Instant::now() >= deadline {
                self.kill_all(libc::SIGKILL).await;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.sync_status();
        let opts = DeleteOptions {
            grace_period_seconds: Some(0),
            precondition_uid: Some(self.uid.clone()),
            ..Default::default()
        };
        let _ = self.k.c.api.delete(
            &ResourceRef::core("pods"),
            Some(&self.ns),
            &self.name,
            &opts,
        );
    }

    fn condition(&mut self, kind: &str, ok: bool, reason: Option<&str>) -> Value {
        let status = if ok { "True" } else { "False" }.to_string();
        let entry = self
            .conditions
            .entry(kind.to_string())
            .or_insert_with(|| (status.clone(), meta::now()));
        if entry.0 != status {
            *entry = (status.clone(), meta::now());
        }
        let mut c = json!({"type": kind, "status": status, "lastProbeTime": null, "lastTransitionTime": entry.1});
        if let (false, Some(r)) = (ok, reason) {
            c["reason"] = json!(r);
        }
        c
    }

    fn sync_status(&mut self) {
        let running = self.containers.iter().any(|c| c.child.is_some());
        let all_done = !self.containers.is_empty() && self.containers.iter().all(|c| c.done);
        let failed_init = self.init.iter().any(|c| {
            c.done
                && c.state
                    .pointer("/terminated/exitCode")
                    .and_then(Value::as_i64)
                    != Some(0)
        });
        let phase = if failed_init {
            "Failed"
        } else if all_done {
            if self.containers.iter().all(|c| {
                c.state
                    .pointer("/terminated/exitCode")
                    .and_then(Value::as_i64)
                    == Some(0)
            }) {
                "Succeeded"
            } else {
                "Failed"
            }
        } else if running || self.containers.iter().any(|c| c.started_at.is_some()) {
            "Running"
        } else {
            "Pending"
        };
        let containers_ready = !self.containers.is_empty()
            && self.containers.iter().all(|c| c.ready && c.child.is_some());
        let initialized = self.initialized;
        let mut conditions = vec![
            self.condition("PodReadyToStartContainers", self.ip.is_some(), None),
            self.condition("Initialized", initialized, Some("ContainersNotInitialized")),
            self.condition("Ready", containers_ready, Some("ContainersNotReady")),
            self.condition(
                "ContainersReady",
                containers_ready,
                Some("ContainersNotReady"),
            ),
        ];
        let scheduled = self
            .pod
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .and_then(|cs| {
                cs.iter()
                    .find(|c| c.get("type") == Some(&json!("PodScheduled")))
                    .cloned()
            });
        conditions.push(scheduled.unwrap_or_else(|| json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": self.start_time})));
        let ip = self.ip.clone().unwrap_or_default();
        let mut status = json!({
            "phase": phase, "conditions": conditions, "hostIP": "127.0.0.1", "hostIPs": [{"ip": "127.0.0.1"}],
            "podIP": ip, "podIPs": [{"ip": ip}], "startTime": self.start_time, "qosClass": "BestEffort",
            "containerStatuses": self.containers.iter().map(Container::status).collect::<Vec<_>>(),
        });
        if !self.init.is_empty() {
            status["initContainerStatuses"] =
                json!(self.init.iter().map(Container::status).collect::<Vec<_>>());
        }
        if status == self.last_status {
            return;
        }
        if self
            .k
            .c
            .merge_status(
                &ResourceRef::core("pods"),
                Some(&self.ns),
                &self.name,
                &status,
            )
            .is_ok()
        {
            self.last_status = status;
        }
    }
}

enum Drive {
    Pending,
    Done,
    Failed,
}

/// The result of a finished probe task (it is finished, so this does not block).
fn futures_now(h: tokio::task::JoinHandle<probe::ProbeResult>) -> probe::ProbeResult {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut h = h;
    match std::pin::Pin::new(&mut h).poll(&mut cx) {
        std::task::Poll::Ready(Ok(r)) => r,
        std::task::Poll::Ready(Err(e)) => Err(format!("probe task failed: {e}")),
        std::task::Poll::Pending => Err("probe still running".into()),
    }
}

use std::future::Future;

/// `$(VAR)` references to earlier variables are replaced; `$$(VAR)` escapes; unknown ones stay.
pub fn expand_vars(s: &str, env: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("$(") {
        if i > 0 && rest.as_bytes()[i - 1] == b'$' {
            out.push_str(&rest[..i - 1]);
            out.push_str("$(");
            rest = &rest[i + 2..];
            continue;
        }
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) => {
                let name = &after[..j];
                match env.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push_str("$(");
                        out.push_str(name);
                        out.push(')');
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_expansion_and_base64() {
        let env = vec![("POD_IP".to_string(), "127.77.0.2".to_string())];
        assert_eq!(
            expand_vars("PLAINTEXT://$(POD_IP):9092", &env),
            "PLAINTEXT://127.77.0.2:9092"
        );
        assert_eq!(expand_vars("$$(POD_IP) $(NOPE)", &env), "$(POD_IP) $(NOPE)");
        assert_eq!(base64_decode("aGVsbG8="), b"hello");
    }
}
