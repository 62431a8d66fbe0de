//! `cargo bench --bench hostile`: runs the release `faq` on pathological
//! inputs (`shapes.rs`), each at two sizes ten times apart, and prints the
//! wall time (the best of three runs) and peak memory of each, and how much
//! longer the larger one took. Time linear in the size makes that ratio
//! about 10 (less while start-up dominates); quadratic time makes it 100.
//! Exits non-zero when a ratio exceeds 15, a peak memory exceeds the bound
//! the README states (see [`memory_per_input_byte`]), a run ends with an
//! unexpected exit code, or one takes longer than two minutes.
//!
//! `cargo bench --bench hostile -- table` runs only the shapes whose name
//! contains `table`; `FAQ_HOSTILE_BIN=path/to/faq` measures another build
//! (an older one, say) instead of this one.
//!
//! Peak memory is `/usr/bin/time -f %M` of one more run when that is GNU
//! time, or else the high-water mark (`VmHWM`) read from `/proc` while it
//! runs (shown with `~`: growth after the last reading is missed).

mod shapes;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use shapes::{SCALE, SHAPES, Shape, TempDir};

/// Timed runs per size; the fastest counts.
const RUNS: usize = 3;
/// The largest time ratio, larger size over smaller, that passes.
const MAX_RATIO: f64 = 15.0;
/// Peak memory may be [`memory_per_input_byte`] times the input file's
/// size plus this much (the binary, the embedded FAQ, buffers).
const MEMORY_BASE_MIB: u64 = 10;

/// How many bytes of memory a byte of input may take at the peak: reading,
/// searching, listing and checking stay within 50; showing an answer in
/// the terminal within 100 (termimad lays out every word of a table cell
/// or a paragraph as a styled piece of its own, some 40 bytes each).
fn memory_per_input_byte(shape: &Shape) -> u64 {
    if shape.args.first() == Some(&"show") {
        100
    } else {
        50
    }
}
/// A run that takes longer has surely gone quadratic.
const TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; any other argument picks shapes by name.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let faq = std::env::var_os("FAQ_HOSTILE_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_faq")), PathBuf::from);
    let faq = faq.as_path();
    let dir = match TempDir::new("hostile-bench") {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("hostile: cannot make a temporary directory: {err}");
            return ExitCode::FAILURE;
        }
    };
    let gnu_time = gnu_time_works();
    println!(
        "{:<24} {:>18} {:>10} {:>11} {:>7}",
        "shape", "size", "time", "peak RSS", "ratio"
    );
    let mut failures = Vec::new();
    let started = Instant::now();
    for shape in SHAPES {
        if !only.is_empty() && !only.iter().any(|o| shape.name.contains(o.as_str())) {
            continue;
        }
        let mut times = Vec::new();
        for size in [shape.small, shape.small * SCALE] {
            match measure(faq, shape, size, &dir, gnu_time) {
                Ok((time, peak, bytes)) => {
                    let ratio = times
                        .first()
                        .map(|&small: &Duration| time.as_secs_f64() / small.as_secs_f64());
                    println!(
                        "{:<24} {:>18} {:>10} {:>11} {:>7}",
                        if times.is_empty() { shape.name } else { "" },
                        format!("{size} {}", shape.unit),
                        format!("{:.1} ms", time.as_secs_f64() * 1e3),
                        peak.shown,
                        ratio.map_or(String::new(), |r| format!("{r:.1}×")),
                    );
                    let bound =
                        memory_per_input_byte(shape) * bytes / 1024 + MEMORY_BASE_MIB * 1024;
                    if let Some(kib) = peak.kib.filter(|&kib| kib > bound) {
                        failures.push(format!(
                            "{} at {size} {}: peak memory {} for a {} file, over the bound of {}",
                            shape.name,
                            shape.unit,
                            mib(kib),
                            mib(bytes / 1024),
                            mib(bound)
                        ));
                    }
                    if let Some(ratio) = ratio.filter(|&r| r > MAX_RATIO) {
                        failures.push(format!(
                            "{}: {ratio:.1}× the time for {SCALE}× the input",
                            shape.name
                        ));
                    }
                    times.push(time);
                }
                Err(err) => {
                    println!(
                        "{:<24} {:>18} {err}",
                        shape.name,
                        format!("{size} {}", shape.unit)
                    );
                    failures.push(format!("{} at {size} {}: {err}", shape.name, shape.unit));
                    break;
                }
            }
        }
    }
    println!(
        "\n(time: the best of {RUNS} runs; ratio: larger size over smaller; whole bench {:.0} s)",
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        println!(
            "every ratio is at most {MAX_RATIO}×; every peak at most 50× the file \
             (100× to show it) + {MEMORY_BASE_MIB} MiB"
        );
        ExitCode::SUCCESS
    } else {
        for failure in &failures {
            println!("FAIL {failure}");
        }
        ExitCode::FAILURE
    }
}

/// A peak memory reading.
struct Peak {
    /// Exact, in KiB, when GNU time measured it.
    kib: Option<u64>,
    shown: String,
}

/// The best time of [`RUNS`] runs of `shape` at `size`, its peak memory,
/// and the size of the input file in bytes.
fn measure(
    faq: &Path,
    shape: &Shape,
    size: usize,
    dir: &TempDir,
    gnu_time: bool,
) -> Result<(Duration, Peak, u64), String> {
    let file = shapes::write(shape, size, &dir.0).map_err(|e| format!("cannot write: {e}"))?;
    let bytes = std::fs::metadata(&file).map_err(|e| e.to_string())?.len();
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let mut cmd = shapes::command(faq, shape, &file);
        let start = Instant::now();
        let child = quiet(&mut cmd).spawn().map_err(|e| e.to_string())?;
        finish(child, shape, |_| {})?;
        best = best.min(start.elapsed());
    }
    let peak = if gnu_time {
        let report = dir.0.join("time.txt");
        let cmd = shapes::command(faq, shape, &file);
        let mut timed = Command::new("/usr/bin/time");
        timed
            .args(["-f", "%M", "-o"])
            .arg(&report)
            .arg(cmd.get_program())
            .args(cmd.get_args());
        for (key, value) in cmd.get_envs() {
            match value {
                Some(value) => timed.env(key, value),
                None => timed.env_remove(key),
            };
        }
        let child = quiet(&mut timed).spawn().map_err(|e| e.to_string())?;
        finish(child, shape, |_| {})?;
        let kib: u64 = std::fs::read_to_string(&report)
            .ok()
            .and_then(|s| s.trim().lines().last()?.trim().parse().ok())
            .ok_or("no reading from /usr/bin/time")?;
        Peak {
            kib: Some(kib),
            shown: mib(kib),
        }
    } else {
        let mut cmd = shapes::command(faq, shape, &file);
        let child = quiet(&mut cmd).spawn().map_err(|e| e.to_string())?;
        let mut high = None;
        finish(child, shape, |pid| {
            if let Some(kib) = vm_hwm(pid) {
                high = high.max(Some(kib));
            }
        })?;
        Peak {
            kib: None,
            shown: high.map_or("n/a".to_owned(), |kib| format!("~{}", mib(kib))),
        }
    };
    let _ = std::fs::remove_file(&file);
    Ok((best, peak, bytes))
}

fn quiet(cmd: &mut Command) -> &mut Command {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
}

/// Waits for `child`, calling `poll` with its pid every few milliseconds;
/// kills it after [`TIMEOUT`]. Checks its exit code.
fn finish(mut child: Child, shape: &Shape, mut poll: impl FnMut(u32)) -> Result<(), String> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return match status.code() {
                Some(code) if code == shape.code => Ok(()),
                Some(code) => Err(format!("exit code {code}, not {}", shape.code)),
                None => Err(format!("killed by a signal ({status})")),
            };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {} s", TIMEOUT.as_secs()));
        }
        poll(child.id());
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The peak resident memory of a running process, in KiB (Linux).
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// True when `/usr/bin/time` is GNU time, which reports `%M` to a file.
fn gnu_time_works() -> bool {
    let report = std::env::temp_dir().join(format!("faq-hostile-time-{}", std::process::id()));
    let ok = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg("true")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && std::fs::read_to_string(&report).is_ok_and(|s| {
            s.trim()
                .lines()
                .last()
                .is_some_and(|l| l.trim().parse::<u64>().is_ok())
        });
    let _ = std::fs::remove_file(&report);
    ok
}
