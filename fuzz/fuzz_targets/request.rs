#![no_main]
//! See `moldau_broker::fuzzing::request`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| moldau_broker::fuzzing::request(data));
