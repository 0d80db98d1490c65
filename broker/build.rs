//! Compiles the control-plane protocol (`proto/moldau.proto`) with protox, a protobuf compiler
//! in Rust, so building needs no `protoc` binary.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/moldau.proto");
    let descriptors = protox::compile(["proto/moldau.proto"], ["proto"])?;
    tonic_prost_build::configure().compile_fds(descriptors)?;
    Ok(())
}
