//! Doing independent work on every core: parsing ledger files, running checks. Results come
//! back in input order, so output never depends on which thread finished first.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Applies `f` to every item on one thread per core (at most one per item), returning the
/// results in item order. A panic in `f` is passed on to the caller.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// [`map`] for work that owns its items: `f` takes each item, so that what it holds can be
/// dropped as soon as it is done with, rather than when every item is.
pub(crate) fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let slots: Vec<std::sync::Mutex<Option<T>>> = (items.into_iter())
        .map(|item| std::sync::Mutex::new(Some(item)))
        .collect();
    // Each slot is taken once, by the one thread that draws its index, so none is empty
    // when taken and none is skipped.
    map(&slots, |slot| {
        let item = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        item.map(&f)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Runs `a` and `b` side by side when there is more than one core, one after the other when
/// there is not. A panic in either is passed on to the caller.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get) <= 1 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        (a.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), b)
    })
}

/// Sorts `items` by `cmp`, its two halves side by side, and returns them in sorted order,
/// walking the two sorted halves together rather than merging them into a copy: what the
/// caller wants from the sorted items is usually much smaller than the items. For a total
/// order (no two items equal), the order is the one there is; among equal items, those of
/// the first half come first.
pub(crate) fn sort_unstable_by<T: Send>(
    items: &mut [T],
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) -> impl Iterator<Item = &T> {
    let half = items.len() / 2;
    let (low, high) = items.split_at_mut(half);
    join(
        || low.sort_unstable_by(&cmp),
        || high.sort_unstable_by(&cmp),
    );
    let (mut low, mut high) = (low.iter().peekable(), high.iter().peekable());
    std::iter::from_fn(move || match (low.peek(), high.peek()) {
        (Some(l), Some(h)) if cmp(h, l).is_lt() => high.next(),
        (Some(_), _) => low.next(),
        (None, _) => high.next(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert_eq!(super::map(&[] as &[u8], |x| *x), Vec::<u8>::new());
    }

    #[test]
    fn sorting_in_halves_sorts_and_keeps_equal_items_of_the_first_half_first() {
        for len in [0, 1, 2, 3, 10, 101] {
            let mut items: Vec<(u32, usize)> =
                (0..len).map(|i| ((i * 7919 % 13) as u32, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            let sorted: Vec<(u32, usize)> =
                super::sort_unstable_by(&mut items, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)))
                    .copied()
                    .collect();
            assert_eq!(sorted, expected, "{len} items");
        }
        let mut ties = [(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')];
        let sorted: Vec<char> = super::sort_unstable_by(&mut ties, |a, b| a.0.cmp(&b.0))
            .map(|&(_, c)| c)
            .collect();
        // Halves [a b] and [c d]: each sorted, then merged with the first half's first.
        assert_eq!(sorted, ['b', 'd', 'a', 'c']);
    }

    #[test]
    fn owned_items_are_each_taken_once_and_results_keep_input_order() {
        let items: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let expected: Vec<usize> = items.iter().map(String::len).collect();
        assert_eq!(super::map_owned(items, |s: String| s.len()), expected);
        assert_eq!(
            super::map_owned(Vec::<String>::new(), |s| s),
            Vec::<String>::new()
        );
    }

    #[test]
    fn join_returns_both_results_in_place() {
        assert_eq!(super::join(|| 1 + 1, || "b"), (2, "b"));
    }
}
