//! `gazetteer-fuzz`: hostile text against every public function of gazetteer-core, for a
//! bounded time, on stable Rust (issue 15: "hostile text must not crash or slow the core").
//!
//! Each case is a text made from one seed (see `gen`): random bytes decoded as UTF-8 with
//! their invalid sequences, random code points across scripts, marks, zero-width and bidi
//! characters, the names and pieces the rules look at, words of up to 200,000 characters
//! and lines of about 1 MB. Every entry point in `targets::TARGETS` runs on it and must
//! not panic, must keep its invariants (offsets in bounds and on character boundaries,
//! outputs of bounded length, fold idempotent...) and must take at most
//! `BASE_BUDGET + PER_BYTE * len` (linear time: a quadratic path on a long word or line
//! blows it).
//!
//! ```text
//! cargo run --release --manifest-path crates/gazetteer-core/fuzz/Cargo.toml -- --seconds 20
//!     [--seed N]      first seed (default: from the clock; printed)
//!     [--replay SEED] run the one case of that seed (printed on a failure)
//!     [--input FILE]  run the checks on a file's text (a saved failing input)
//! ```
//!
//! Exit status: 0 no failure, 1 a failure (its seed and a file holding the input are
//! printed), 2 bad usage.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gazetteer_core_fuzz::targets::TARGETS;
use gazetteer_core_fuzz::{check_all, gen, Failure};

/// `println!` that gives up quietly when stdout is closed (`| head`), instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

struct Args {
    seconds: f64,
    seed: Option<u64>,
    replay: Option<u64>,
    input: Option<String>,
}

fn parse_u64(s: &str) -> Option<u64> {
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        seconds: 20.0,
        seed: None,
        replay: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => {
                a.seconds = value()?
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .ok_or("--seconds takes a number of seconds")?
            }
            "--seed" => a.seed = Some(parse_u64(&value()?).ok_or("--seed takes a number")?),
            "--replay" => a.replay = Some(parse_u64(&value()?).ok_or("--replay takes a seed")?),
            "--input" => a.input = Some(value()?),
            "-h" | "--help" => {
                return Err(
                    "usage: gazetteer-fuzz [--seconds S] [--seed N] [--replay SEED] [--input FILE]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn report(failure: &Failure, text: &str, seed: Option<u64>) {
    let saved = std::env::temp_dir().join(match seed {
        Some(s) => format!("gazetteer-fuzz-{s:#018x}.txt"),
        None => "gazetteer-fuzz-input.txt".into(),
    });
    let where_ = match std::fs::write(&saved, text) {
        Ok(()) => format!("input saved to {}", saved.display()),
        Err(e) => format!("input not saved: {e}"),
    };
    eprintln!(
        "gazetteer-fuzz: FAILED in {}: {}",
        failure.target, failure.message
    );
    let head: String = text.chars().take(200).collect();
    eprintln!(
        "gazetteer-fuzz: input of {} bytes, beginning {head:?}",
        text.len()
    );
    eprintln!("gazetteer-fuzz: {where_}");
    if let Some(s) = seed {
        eprintln!("gazetteer-fuzz: replay with --replay {s:#018x}");
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gazetteer-fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    // a panic is caught and reported as a failure with its seed (the default hook has
    // printed its message and place first)
    let mut worst = vec![(0.0f64, 0usize); TARGETS.len()];

    if let Some(path) = &args.input {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("gazetteer-fuzz: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        return match check_all(&text, &mut worst) {
            Ok(()) => {
                say!("gazetteer-fuzz: {path}: every check passed");
                ExitCode::SUCCESS
            }
            Err(f) => {
                report(&f, &text, None);
                ExitCode::from(1)
            }
        };
    }
    if let Some(seed) = args.replay {
        let (kind, text) = gen::input(seed);
        say!(
            "gazetteer-fuzz: case {seed:#018x} ({kind:?}, {} bytes)",
            text.len()
        );
        return match check_all(&text, &mut worst) {
            Ok(()) => {
                say!("gazetteer-fuzz: every check passed");
                ExitCode::SUCCESS
            }
            Err(f) => {
                report(&f, &text, Some(seed));
                ExitCode::from(1)
            }
        };
    }

    let seed = args.seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1993)
    });
    say!(
        "gazetteer-fuzz: seed {seed:#018x}, {} s, {} entry points",
        args.seconds,
        TARGETS.len()
    );
    let deadline = Instant::now() + Duration::from_secs_f64(args.seconds);
    let (mut cases, mut bytes, mut long) = (0u64, 0u64, 0u64);
    while cases == 0 || Instant::now() < deadline {
        let case = gen::case_seed(seed, cases);
        let (kind, text) = gen::input(case);
        if let Err(f) = check_all(&text, &mut worst) {
            eprintln!("gazetteer-fuzz: case {cases} ({kind:?}) of seed {seed:#018x}");
            report(&f, &text, Some(case));
            return ExitCode::from(1);
        }
        cases += 1;
        bytes += text.len() as u64;
        long += u64::from(text.len() >= 10_000);
    }
    say!(
        "gazetteer-fuzz: {cases} cases ({long} of 10 KB or more), {:.1} MB, no failure",
        bytes as f64 / 1e6
    );
    for (t, (ns, len)) in TARGETS.iter().zip(&worst) {
        if *len > 0 {
            say!(
                "  {:<32} slowest {ns:>8.1} ns/byte (on {len} bytes)",
                t.name
            );
        }
    }
    ExitCode::SUCCESS
}
