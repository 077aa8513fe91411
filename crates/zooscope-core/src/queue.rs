//! The event queue: a min-heap ordered by (time, insertion sequence).
//!
//! Two events due at the same microsecond pop in the order they were pushed, so the
//! order never depends on heap internals or on the payload. This is what makes a run a
//! pure function of its seed and command log.

use crate::time::SimTime;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// One scheduled item.
#[derive(Clone, Debug)]
pub struct Scheduled<E> {
    /// When it is due.
    pub at: SimTime,
    /// Insertion sequence number: the tie-breaker for equal times.
    pub seq: u64,
    /// What happens.
    pub event: E,
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.seq == other.seq
    }
}
impl<E> Eq for Scheduled<E> {}
impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Scheduled<E> {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest (time, seq) first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// A deterministic priority queue of future events.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Scheduled<E>>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Schedule `event` at `at`; returns its sequence number.
    pub fn push(&mut self, at: SimTime, event: E) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Scheduled { at, seq, event });
        seq
    }

    /// Remove and return the earliest event.
    pub fn pop(&mut self) -> Option<Scheduled<E>> {
        self.heap.pop()
    }

    /// The earliest event, without removing it.
    pub fn peek(&self) -> Option<&Scheduled<E>> {
        self.heap.peek()
    }

    /// When the earliest event is due.
    pub fn next_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|s| s.at)
    }

    /// Number of scheduled events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when nothing is scheduled.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// The sequence number the next push will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// All scheduled events in pop order (for fingerprints and views; O(n log n)).
    pub fn sorted(&self) -> Vec<&Scheduled<E>> {
        let v: Vec<&Scheduled<E>> = self.heap.iter().collect();
        let keys = v.iter().map(|s| (s.at.0, s.seq)).collect();
        crate::sorting::stable_order(keys)
            .into_iter()
            .map(|i| v[i])
            .collect()
    }

    /// Keep only the events for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&E) -> bool) {
        self.heap.retain(|s| keep(&s.event));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the schedule, pops come out sorted by (time, push order).
        #[test]
        fn pops_in_time_then_sequence_order(times in proptest::collection::vec(0u64..50, 0..300)) {
            let mut q = EventQueue::new();
            for (i, t) in times.iter().enumerate() {
                q.push(SimTime(*t), i);
            }
            let mut expected: Vec<(u64, usize)> = times.iter().copied().enumerate().map(|(i, t)| (t, i)).collect();
            expected.sort();
            let mut got = Vec::new();
            while let Some(s) = q.pop() {
                got.push((s.at.0, s.event));
            }
            prop_assert_eq!(got, expected);
        }

        /// Interleaving pushes and pops never yields an event earlier than one already popped
        /// when the pushes are not in the past.
        #[test]
        fn interleaved_push_pop_is_monotonic(ops in proptest::collection::vec((0u64..20, any::<bool>()), 0..300)) {
            let mut q = EventQueue::new();
            let mut now = 0u64;
            let mut last = (0u64, 0u64);
            for (delta, pop) in ops {
                if pop {
                    if let Some(s) = q.pop() {
                        prop_assert!((s.at.0, s.seq) >= last);
                        last = (s.at.0, s.seq);
                        now = s.at.0;
                    }
                } else {
                    q.push(SimTime(now + delta), ());
                }
            }
        }
    }
}
