//! Every thread the crate starts, started here: work spread over cores
//! (results in item order, a worker's panic passed on, never swallowed
//! into a missing result), and background workers.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` done on each item: the first on this thread, every other on a
/// thread of its own. Results come in item order; a worker's panic is
/// passed on.
pub fn on_threads<I: Send, R: Send>(
    items: impl IntoIterator<Item = I>,
    work: impl Fn(I) -> R + Sync,
) -> Vec<R> {
    let work = &work;
    std::thread::scope(|scope| {
        let mut items = items.into_iter();
        let first = items.next();
        let others: Vec<_> = items.map(|item| scope.spawn(move || work(item))).collect();
        let mut results: Vec<R> = first.map(work).into_iter().collect();
        results.extend(others.into_iter().map(|worker| {
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        results
    })
}

/// How many threads can run at once here (1 when that cannot be told).
/// A system call or two: ask only when there is enough work to share.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` on every item, results in order, each thread keeping a state
/// (made by `init`) that `work` may reuse from one item to the next. Items
/// come with their size in bytes; when they hold `parallel_from` bytes or
/// more together, every core takes part (a small corpus never asks how
/// many cores there are).
pub fn in_shares_with<S, I: Sync, T: Send>(
    items: &[(I, u64)],
    parallel_from: u64,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T> {
    let total: u64 = items.iter().map(|(_, size)| size).sum();
    let threads = if items.len() < 2 || total < parallel_from {
        1
    } else {
        cores()
    };
    if threads < 2 {
        let mut state = init();
        return items
            .iter()
            .map(|(item, _)| work(&mut state, item))
            .collect();
    }
    // Items are handed out one at a time to whichever thread is free, so a
    // core slowed down by other work does not hold the others up; results
    // are put back in order at the end.
    let next = AtomicUsize::new(0);
    let run = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((item, _)) = items.get(index) else {
                return done;
            };
            done.push((index, work(&mut state, item)));
        }
    };
    let mut out: Vec<(usize, T)> = on_threads(0..threads, |_| run())
        .into_iter()
        .flatten()
        .collect();
    out.sort_unstable_by_key(|&(index, _)| index);
    out.into_iter().map(|(_, result)| result).collect()
}

/// Runs `work` on a thread of its own that nobody waits for: a worker
/// serving channels for as long as they are open (the picker's searcher,
/// its background index, the terminal's watchdog). Its panic cannot be
/// passed on here; it shows as the worker's channel closing, which the
/// caller treats as an error (the picker reports its search worker gone),
/// or as work that never arrives (the index: queries keep being ranked by
/// a scan, with the same result).
pub fn in_background(work: impl FnOnce() + Send + 'static) {
    std::thread::spawn(work);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order() {
        assert_eq!(on_threads(0..5, |i| i * 10), [0, 10, 20, 30, 40]);
    }

    #[test]
    fn a_worker_panic_is_passed_on() {
        let caught = std::panic::catch_unwind(|| {
            on_threads(0..3, |i| {
                assert_ne!(i, 2, "worker two fails");
                i
            })
        });
        assert!(caught.is_err());
    }
}
