//! Every committed fuzz input — the seeds recorded from real clients (`fuzz/seeds/`) and the
//! inputs that once found a bug (`fuzz/regressions/`) — run through its target as an ordinary
//! test, so a fixed bug stays fixed without a fuzzer installed.

use std::path::Path;

use moldau_broker::fuzzing::TARGETS;

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| {
            let data = std::fs::read(e.path()).expect("readable corpus file");
            (e.file_name().to_string_lossy().into_owned(), data)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_seed_and_regression_input_is_handled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    for (name, target) in TARGETS {
        let seeds = inputs(&root.join("seeds").join(name));
        assert!(
            !seeds.is_empty(),
            "fuzz/seeds/{name} is empty: run fuzz/record-seeds.py"
        );
        let regressions = inputs(&root.join("regressions").join(name));
        for (file, data) in seeds.iter().chain(&regressions) {
            let run = std::panic::catch_unwind(|| target(data));
            assert!(run.is_ok(), "{name} panicked on {file}");
        }
    }
}

#[test]
fn recorded_requests_decode_as_the_broker_decodes_them() {
    // The seeds are what real clients sent: every one of them must decode (an API the broker
    // does not serve is the only acceptable refusal).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/request");
    let mut decoded = 0;
    for (file, data) in inputs(&dir) {
        match moldau_broker::api::decode_request(bytes::Bytes::from(data)) {
            Ok(()) => decoded += 1,
            Err(e) => assert!(e.contains("not supported"), "{file}: {e}"),
        }
    }
    assert!(decoded >= 50, "only {decoded} recorded requests decoded");
}
