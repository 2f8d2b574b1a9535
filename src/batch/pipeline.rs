//! An ordered parallel map with a bounded window.
//!
//! Items are taken from the source in order and handed to a rayon pool; the
//! results come out in the order of the source, whatever order the pool
//! finished them in. At most `window` items are taken and not yet handed out
//! (running, queued, or finished and waiting for an earlier one), so memory is
//! bounded by the window, never by the number of items; a slow item holds the
//! others back only once the window is full behind it.
//!
//! With one job there is no pool: items are mapped on the caller's thread, one
//! at a time, so `--jobs 1` uses one core.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// The pool, or none for one job.
enum Runner {
    Inline,
    Pool(rayon::ThreadPool),
}

/// Map `f` over `source` on `jobs` threads, in order.
pub(crate) struct Ordered<I: Iterator, T, F> {
    source: I,
    exhausted: bool,
    f: Arc<F>,
    runner: Runner,
    window: usize,
    /// Sequence number of the next item taken from the source.
    taken: u64,
    /// Sequence number of the next result handed out.
    given: u64,
    done: BTreeMap<u64, T>,
    tx: Sender<(u64, T)>,
    rx: Receiver<(u64, T)>,
}

impl<I, T, F> Ordered<I, T, F>
where
    I: Iterator,
    I::Item: Send + 'static,
    T: Send + 'static,
    F: Fn(I::Item) -> T + Send + Sync + 'static,
{
    /// `f` must not panic (a panic in a pool thread aborts): catch inside it.
    pub(crate) fn new(source: I, f: F, jobs: usize, window: usize) -> Ordered<I, T, F> {
        let runner = if jobs <= 1 {
            Runner::Inline
        } else {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .thread_name(|i| format!("zfxxgk-worker-{i}"))
                .build()
            {
                Ok(pool) => Runner::Pool(pool),
                Err(_) => Runner::Inline,
            }
        };
        let (tx, rx) = channel();
        Ordered {
            source,
            exhausted: false,
            f: Arc::new(f),
            runner,
            window: window.max(1),
            taken: 0,
            given: 0,
            done: BTreeMap::new(),
            tx,
            rx,
        }
    }

    fn in_flight(&self) -> u64 {
        self.taken - self.given
    }
}

impl<I, T, F> Iterator for Ordered<I, T, F>
where
    I: Iterator,
    I::Item: Send + 'static,
    T: Send + 'static,
    F: Fn(I::Item) -> T + Send + Sync + 'static,
{
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let pool = match &self.runner {
            Runner::Inline => {
                let item = self.source.next()?;
                return Some((self.f)(item));
            }
            Runner::Pool(pool) => pool,
        };
        loop {
            while !self.exhausted && self.in_flight() < self.window as u64 {
                match self.source.next() {
                    Some(item) => {
                        let (f, tx, seq) = (Arc::clone(&self.f), self.tx.clone(), self.taken);
                        self.taken += 1;
                        pool.spawn(move || {
                            let _ = tx.send((seq, f(item)));
                        });
                    }
                    None => self.exhausted = true,
                }
            }
            if let Some(t) = self.done.remove(&self.given) {
                self.given += 1;
                return Some(t);
            }
            if self.in_flight() == 0 {
                return None;
            }
            // Something is in flight and not done: a result will come.
            let (seq, t) = self.rx.recv().ok()?;
            self.done.insert(seq, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_source_order_with_a_bounded_window() {
        let live = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let (l, p) = (Arc::clone(&live), Arc::clone(&peak));
        let source = (0..200u64).inspect(move |_| {
            let now = l.fetch_add(1, Ordering::SeqCst) + 1;
            p.fetch_max(now, Ordering::SeqCst);
        });
        let out: Vec<u64> = Ordered::new(
            source,
            |i: u64| {
                // Early items are slow, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            3,
            8,
        )
        .inspect(|_| {
            live.fetch_sub(1, Ordering::SeqCst);
        })
        .collect();
        assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert!(peak.load(Ordering::SeqCst) <= 8, "{peak:?}");
    }

    #[test]
    fn one_job_maps_on_the_callers_thread() {
        let me = std::thread::current().id();
        let out: Vec<bool> =
            Ordered::new(0..5, move |_| std::thread::current().id() == me, 1, 4).collect();
        assert_eq!(out, vec![true; 5]);
    }
}
