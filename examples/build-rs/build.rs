//! Defines the state machines (in `src/machines.rs`) and writes
//! `prompt_chain.{asl,iam}.json` and `order_processing.{asl,iam}.json` into
//! `OUT_DIR`. An invalid machine fails the build with the validator's
//! diagnostics.

#[path = "src/machines.rs"]
mod machines;

fn main() {
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set: run through cargo");
        std::process::exit(1);
    };
    // On an invalid machine: every diagnostic, named, on stderr; Cargo
    // fails the build and shows them.
    if let Err(e) = machines::generator(std::path::Path::new(&out_dir)).write() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
