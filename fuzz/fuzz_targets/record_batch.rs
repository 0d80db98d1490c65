#![no_main]
//! See `moldau_broker::fuzzing::record_batch`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| moldau_broker::fuzzing::record_batch(data));
