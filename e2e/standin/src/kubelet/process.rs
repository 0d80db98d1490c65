//! Starting a container's process: its command resolved against the image map, its own
//! session (so the whole process group can be signalled), output to a log file, and — when the
//! stand-in runs as root — its own mount and UTS namespaces, in which the pod's volumes are
//! bind-mounted at their mountPaths, the stand-in's hosts file is `/etc/hosts` (pod and service
//! DNS names) and the hostname is the pod's.
//!
//! The image's binary is a host path that those volumes may cover (an emptyDir at `/tmp` while
//! the checkout, and so the broker binary, is under `/tmp`): it is opened before the child
//! mounts anything and executed through that descriptor, as a container runtime takes the
//! entrypoint from the image and not from the container's volumes.

use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// One bind mount into the container.
#[derive(Debug, Clone)]
pub struct Mount {
    pub source: PathBuf,
    pub target: PathBuf,
    pub read_only: bool,
}

/// Everything needed to start a process for a container.
#[derive(Debug, Clone)]
pub struct Launch {
    pub argv: Vec<String>,
    /// The image's binary (a host path). When `argv[0]` is this path it is executed through a
    /// descriptor opened before the mounts, so a volume mounted over its directory cannot hide
    /// it; any other program is looked up in the container's view.
    pub image: Option<PathBuf>,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
    pub mounts: Vec<Mount>,
    pub hosts_file: Option<PathBuf>,
    pub hostname: String,
    pub log: PathBuf,
    /// Use mount/UTS namespaces (needs root).
    pub isolate: bool,
    /// Join the namespaces of this running process instead (exec probes and hooks).
    pub join_pid: Option<i32>,
}

/// Whether this process may create mount namespaces (it has CAP_SYS_ADMIN).
pub fn can_isolate() -> bool {
    const CAP_SYS_ADMIN: u32 = 21;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << CAP_SYS_ADMIN) != 0)
}

fn cstr(p: &Path) -> io::Result<CString> {
    CString::new(p.as_os_str().as_encoded_bytes()).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("NUL in path {}", p.display()),
        )
    })
}

/// Makes sure a mount target exists (a directory, or a file when the source is a file).
fn prepare_target(m: &Mount) -> io::Result<()> {
    if m.target.exists() {
        return Ok(());
    }
    if m.source.is_file() {
        if let Some(dir) = m.target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        File::create(&m.target).map(|_| ())
    } else {
        std::fs::create_dir_all(&m.target)
    }
}

pub fn spawn(l: &Launch) -> io::Result<Child> {
    let (program, args) = l.argv.split_first().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the container has no command")
    })?;
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&l.log)?;
    // The image's binary, opened now, while its directory is still the host's, and executed
    // as /proc/self/fd/N with argv[0] as given. The descriptor is close-on-exec for a binary;
    // a script keeps it open across exec, because its interpreter opens that path.
    let image_file: Option<(File, bool)> = match &l.image {
        Some(image) if Path::new(program) == image => {
            use std::os::unix::fs::FileExt;
            let f = File::open(image).map_err(|e| {
                io::Error::new(e.kind(), format!("opening {}: {e}", image.display()))
            })?;
            let mut magic = [0u8; 2];
            let script = f.read_at(&mut magic, 0).ok() == Some(2) && &magic == b"#!";
            Some((f, script))
        }
        _ => None,
    };
    let image_fd = image_file.as_ref().map(|(f, script)| {
        use std::os::fd::AsRawFd;
        (f.as_raw_fd(), *script)
    });
    let mut cmd = match image_fd {
        Some((fd, _)) => {
            let mut c = Command::new(format!("/proc/self/fd/{fd}"));
            c.arg0(program);
            c
        }
        None => Command::new(program),
    };
    cmd.args(args)
        .env_clear()
        .envs(l.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(&l.cwd)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    let mut mounts: Vec<(CString, CString, bool)> = Vec::new();
    if l.isolate && l.join_pid.is_none() {
        let mut all: Vec<(PathBuf, PathBuf, bool)> = l
            .mounts
            .iter()
            .map(|m| (m.source.clone(), m.target.clone(), m.read_only))
            .collect();
        for m in &l.mounts {
            prepare_target(m)?;
        }
        if let Some(h) = &l.hosts_file {
            all.push((h.clone(), PathBuf::from("/etc/hosts"), true));
        }
        // A mount over a directory holding another mount's source (an emptyDir at /tmp while
        // the stand-in's data dir is under /tmp) would hide that source: such mounts go last.
        let shadows = |t: &Path, all: &[(PathBuf, PathBuf, bool)]| {
            all.iter()
                .any(|(src, dst, _)| dst != t && src.starts_with(t))
        };
        let snapshot = all.clone();
        all.sort_by_key(|(_, dst, _)| shadows(dst, &snapshot));
        for (src, dst, ro) in all {
            mounts.push((cstr(&src)?, cstr(&dst)?, ro));
        }
    }
    let hostname = CString::new(l.hostname.clone()).unwrap_or_default();
    let isolate = l.isolate;
    let join: Option<(File, File)> = match l.join_pid {
        Some(pid) if l.isolate => Some((
            File::open(format!("/proc/{pid}/ns/mnt"))?,
            File::open(format!("/proc/{pid}/ns/uts"))?,
        )),
        _ => None,
    };
    let join_fds = join.as_ref().map(|(m, u)| {
        use std::os::fd::AsRawFd;
        (m.as_raw_fd(), u.as_raw_fd())
    });
    let root = CString::new("/").expect("no NUL");
    let none = CString::new("none").expect("no NUL");
    // SAFETY: the closure runs in the child between fork and exec and only makes raw
    // syscalls (setsid, fcntl, setns, unshare, mount, sethostname) on data prepared before the
    // fork (CStrings and file descriptors owned by this frame, alive until spawn returns); it
    // allocates nothing and takes no locks, so it is async-signal-safe.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setsid() < 0 {
                return Err(io::Error::last_os_error());
            }
            if let Some((fd, true)) = image_fd
                && libc::fcntl(fd, libc::F_SETFD, 0) != 0
            {
                return Err(io::Error::last_os_error());
            }
            // Containers die with the stand-in, even when it is SIGKILLed.
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                return Err(io::Error::last_os_error());
            }
            if let Some((mnt, uts)) = join_fds {
                if libc::setns(mnt, libc::CLONE_NEWNS) != 0
                    || libc::setns(uts, libc::CLONE_NEWUTS) != 0
                {
                    return Err(io::Error::last_os_error());
                }
                return Ok(());
            }
            if !isolate {
                return Ok(());
            }
            if libc::unshare(libc::CLONE_NEWNS | libc::CLONE_NEWUTS) != 0 {
                return Err(io::Error::last_os_error());
            }
            if libc::mount(
                none.as_ptr(),
                root.as_ptr(),
                std::ptr::null(),
                libc::MS_REC | libc::MS_PRIVATE,
                std::ptr::null(),
            ) != 0
            {
                return Err(io::Error::last_os_error());
            }
            for (src, dst, ro) in &mounts {
                if libc::mount(
                    src.as_ptr(),
                    dst.as_ptr(),
                    std::ptr::null(),
                    libc::MS_BIND | libc::MS_REC,
                    std::ptr::null(),
                ) != 0
                {
                    return Err(io::Error::last_os_error());
                }
                if *ro
                    && libc::mount(
                        std::ptr::null(),
                        dst.as_ptr(),
                        std::ptr::null(),
                        libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY,
                        std::ptr::null(),
                    ) != 0
                {
                    return Err(io::Error::last_os_error());
                }
            }
            let name = hostname.as_bytes();
            if !name.is_empty() && libc::sethostname(hostname.as_ptr(), name.len()) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|e| {
        // The error of exec (or of a mount before it), reported by the child.
        io::Error::new(e.kind(), format!("starting {program}: {e}"))
    });
    drop(join);
    drop(image_file);
    child
}

/// Sends `sig` to the process group of `pid` (the container's session).
pub fn signal_group(pid: i32, sig: i32) {
    // SAFETY: kill(2) with a negative pid signals a process group; it touches no memory.
    unsafe {
        libc::kill(-pid, sig);
    }
}
