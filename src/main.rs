//! The `kensho` binary: parse arguments, run, turn the outcome into an exit code.

/// A large ledger is some fifteen million small allocations (ids, names, references) per
/// million records. The system allocator rounds each up to 32 bytes with its header, a
/// third of the peak at a million records; mimalloc keeps small sizes in classes of 8 bytes
/// without a header.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kensho::cli::main()
}
