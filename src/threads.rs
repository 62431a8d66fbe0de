//! Work spread over threads, one way for the whole crate: results in item
//! order, and a worker's panic passed on (never swallowed into a missing
//! result).

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
