//! A full descriptor table makes accept fail with EMFILE; the listener must back off (and
//! count it) instead of spinning, and accept again once descriptors are free. Its own test
//! binary, because it lowers the process's RLIMIT_NOFILE.

use std::time::{Duration, Instant};

use moldau_broker::metrics::Metrics;
use moldau_broker::server;

#[tokio::test]
async fn accept_backs_off_on_emfile_and_recovers() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // A client whose connection waits in the accept queue.
    let client = std::net::TcpStream::connect(addr).unwrap();
    let mut old = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: get/setrlimit only read and write the structs passed.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut old), 0);
        let limit = libc::rlimit {
            rlim_cur: 256,
            rlim_max: old.rlim_max,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_NOFILE, &limit), 0);
    }
    // Take every free descriptor.
    let mut hogs = Vec::new();
    while let Ok(f) = std::fs::File::open("/dev/null") {
        hogs.push(f);
    }
    let metrics = Metrics::new();
    let errors = || metrics.accept_errors.with_label_values(&["test"]).get();
    let t0 = Instant::now();
    let accepted = tokio::time::timeout(
        Duration::from_secs(2),
        server::accept(&listener, &metrics, "test"),
    )
    .await;
    assert!(
        accepted.is_err(),
        "no descriptor is free: accept cannot succeed"
    );
    let failed = errors();
    // 10, 20, 40 ... 1000 ms of backoff: about nine attempts in two seconds, not millions.
    assert!(
        (2..=20).contains(&failed),
        "{failed} failed accepts in {:?}",
        t0.elapsed()
    );
    drop(hogs);
    let (stream, peer) = tokio::time::timeout(
        Duration::from_secs(3),
        server::accept(&listener, &metrics, "test"),
    )
    .await
    .expect("accept succeeds once descriptors are free");
    assert_eq!(peer, client.local_addr().unwrap());
    drop(stream);
    // SAFETY: as above.
    unsafe {
        libc::setrlimit(libc::RLIMIT_NOFILE, &old);
    }
}
