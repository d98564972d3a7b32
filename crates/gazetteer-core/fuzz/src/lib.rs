//! The fuzz driver's checks as a library: the hostile-text generator (`gen`), the entry
//! points with their invariants (`targets`), and [`check_all`], which runs every entry
//! point on one text within a linear time budget. Two front ends use it: the stable
//! driver `gazetteer-fuzz` (src/main.rs, run by .ci/run) and the coverage-guided
//! libFuzzer target `core` (fuzz_targets/core.rs, `cargo +nightly fuzz run core`).

pub mod gen;
pub mod targets;

use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use targets::{Target, TARGETS};

/// Time any entry point may take on any input, and per byte of input on top of it:
/// generous (the machine may be busy), yet a quadratic path on 100 KB is far over it.
pub const BASE_BUDGET: Duration = Duration::from_millis(250);
pub const PER_BYTE: Duration = Duration::from_micros(5);

/// A failure: which entry point, and what went wrong.
pub struct Failure {
    pub target: &'static str,
    pub message: String,
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".into()
    }
}

/// One entry point on one text: its verdict (a panic becomes an `Err`) and its time.
pub fn run_one(target: &Target, text: &str) -> (Result<(), String>, Duration) {
    let t0 = Instant::now();
    let got = panic::catch_unwind(AssertUnwindSafe(|| (target.check)(text)));
    let dt = t0.elapsed();
    let got = match got {
        Ok(r) => r,
        Err(payload) => Err(format!("panicked: {}", panic_message(payload))),
    };
    (got, dt)
}

/// Every target on one text; the slowest time per byte is kept in `worst`.
pub fn check_all(text: &str, worst: &mut [(f64, usize)]) -> Result<(), Failure> {
    let budget = BASE_BUDGET + PER_BYTE * text.len() as u32;
    for (k, target) in TARGETS.iter().enumerate() {
        let (got, mut dt) = run_one(target, text);
        got.map_err(|message| Failure {
            target: target.name,
            message,
        })?;
        if dt > budget {
            // once more, in case the machine was busy: only a slow path is slow twice
            dt = dt.min(run_one(target, text).1);
        }
        if dt > budget {
            return Err(Failure {
                target: target.name,
                message: format!(
                    "took {:.1} ms on {} bytes (budget {:.1} ms)",
                    dt.as_secs_f64() * 1e3,
                    text.len(),
                    budget.as_secs_f64() * 1e3
                ),
            });
        }
        if text.len() >= 10_000 {
            let ns_per_byte = dt.as_nanos() as f64 / text.len() as f64;
            if ns_per_byte > worst[k].0 {
                worst[k] = (ns_per_byte, text.len());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panics(_: &str) -> Result<(), String> {
        panic!("on purpose")
    }

    #[test]
    fn a_panic_in_an_entry_point_is_a_failure_not_a_crash() {
        let t = Target {
            name: "panics",
            check: panics,
        };
        let (got, _) = run_one(&t, "x");
        assert_eq!(got, Err("panicked: on purpose".to_string()));
    }

    #[test]
    fn a_seed_makes_the_same_input_every_time() {
        for k in 0..50 {
            let seed = gen::case_seed(7, k);
            assert_eq!(gen::input(seed).1, gen::input(seed).1);
        }
        assert_ne!(gen::case_seed(7, 0), gen::case_seed(7, 1));
    }

    #[test]
    fn some_inputs_are_long_words_and_long_lines() {
        let kinds: Vec<_> = (0..400)
            .map(|k| gen::input(gen::case_seed(1, k)).0)
            .collect();
        assert!(kinds.iter().any(|k| matches!(k, gen::Kind::LongWord)));
        assert!(kinds.iter().any(|k| matches!(k, gen::Kind::LongLine)));
    }

    #[test]
    fn the_checks_pass_on_ordinary_text() {
        let mut worst = vec![(0.0, 0); TARGETS.len()];
        assert!(check_all(
            "Shells hit Füzulidə and Ստեփանակերտ, в Гадруте.",
            &mut worst
        )
        .is_ok());
    }
}
