//! Compiles the control-plane protocol (`moldau.proto`) with protox, a protobuf compiler in
//! Rust, so building needs no `protoc` binary.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=moldau.proto");
    let descriptors = protox::compile(["moldau.proto"], ["."])?;
    tonic_prost_build::configure().compile_fds(descriptors)?;
    Ok(())
}
