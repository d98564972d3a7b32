//! The coverage-guided libFuzzer target over the same checks as the stable driver:
//! needs nightly Rust and cargo-fuzz (`cargo install cargo-fuzz`), which the stable CI
//! does not have. From crates/gazetteer-core:
//!
//! ```text
//! cargo +nightly fuzz run core --features libfuzzer -- -max_len=1048576 -timeout=10
//! ```
//!
//! Without cargo-fuzz, the flags it passes do the same (seen here: 535,000 runs in 90 s,
//! 3,733 new units, no failure):
//!
//! ```text
//! RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
//!   -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
//!   -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares \
//!   --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
//! cargo +nightly build --release --features libfuzzer --bin core --target x86_64-unknown-linux-gnu
//! target/x86_64-unknown-linux-gnu/release/core CORPUS_DIR -max_total_time=90 -max_len=65536
//! ```
//!
//! libFuzzer's bytes are decoded as the CLI decodes a file (invalid UTF-8 becomes
//! U+FFFD); a broken invariant panics, which libFuzzer reports with the input saved.
#![no_main]

use gazetteer_core_fuzz::targets::TARGETS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for target in TARGETS {
        if let Err(message) = (target.check)(&text) {
            panic!("{}: {message}", target.name);
        }
    }
});
