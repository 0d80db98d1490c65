#![no_main]
//! See `moldau_broker::fuzzing::group_records`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| moldau_broker::fuzzing::group_records(data));
