#![no_main]
//! See `moldau_broker::fuzzing::metadata_log`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| moldau_broker::fuzzing::metadata_log(data));
