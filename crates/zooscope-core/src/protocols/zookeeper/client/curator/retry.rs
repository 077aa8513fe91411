//! Curator's retry policies, applied as `RetryLoopImpl.takeException` applies them: an
//! operation that fails with ConnectionLoss, OperationTimeout, SessionMoved or
//! SessionExpired (`RetryPolicy.allowRetry(Throwable)`) is tried again after the sleep
//! the policy picks for the retry count so far, until the policy refuses
//! (curator-client `retry/ExponentialBackoffRetry.java`, `SleepingRetry.java`,
//! `RetryNTimes.java`, `RetryOneTime.java`).

use crate::protocols::zookeeper::data::error::ZkError;
use crate::rng::SimRng;

/// `ExponentialBackoffRetry.MAX_RETRIES_LIMIT`.
pub const MAX_RETRIES_LIMIT: u32 = 29;

/// A retry policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryPolicy {
    /// `new ExponentialBackoffRetry(baseSleepTimeMs, maxRetries[, maxSleepMs])`.
    ExponentialBackoff {
        /// Base sleep.
        base_ms: u64,
        /// Retries allowed (pinned to 29).
        max_retries: u32,
        /// Longest sleep.
        max_sleep_ms: u64,
    },
    /// `new RetryNTimes(n, sleepMsBetweenRetries)`; `RetryOneTime(ms)` is `n = 1`.
    NTimes {
        /// Retries allowed.
        n: u32,
        /// Sleep between them.
        sleep_ms: u64,
    },
}

impl RetryPolicy {
    /// The course's `new ExponentialBackoffRetry(3000, 10)`.
    pub const COURSE: RetryPolicy = RetryPolicy::exponential(3000, 10);

    /// `new ExponentialBackoffRetry(base, retries)` (maxSleepMs `Integer.MAX_VALUE`).
    pub const fn exponential(base_ms: u64, max_retries: u32) -> Self {
        RetryPolicy::ExponentialBackoff {
            base_ms,
            max_retries: if max_retries > MAX_RETRIES_LIMIT {
                MAX_RETRIES_LIMIT
            } else {
                max_retries
            },
            max_sleep_ms: i32::MAX as u64,
        }
    }

    /// Does this error count as retry-able (`RetryPolicy.allowRetry(Throwable)`)?
    pub fn retryable(code: ZkError) -> bool {
        matches!(
            code,
            ZkError::ConnectionLoss
                | ZkError::OperationTimeout
                | ZkError::SessionMoved
                | ZkError::SessionExpired
        )
    }

    /// `allowRetry(retryCount, ...)`: the sleep before retry number `count + 1`, or
    /// None when no more retries are allowed.
    pub fn sleep_before_retry(&self, count: u32, rng: &mut SimRng) -> Option<u64> {
        match *self {
            RetryPolicy::ExponentialBackoff {
                base_ms,
                max_retries,
                max_sleep_ms,
            } => {
                if count >= max_retries {
                    return None;
                }
                // random.nextInt(1 << (retryCount + 1))
                let bound = 1u64 << (count + 1).min(30);
                let factor = rng.below(bound).max(1);
                Some((base_ms * factor).min(max_sleep_ms))
            }
            RetryPolicy::NTimes { n, sleep_ms } => (count < n).then_some(sleep_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_stop_when_they_should() {
        let mut rng = SimRng::new(1);
        let p = RetryPolicy::COURSE;
        for c in 0..10 {
            let s = p.sleep_before_retry(c, &mut rng).unwrap();
            assert!(s >= 3000 && s <= 3000 * (1 << (c + 1)), "{c}: {s}");
        }
        assert_eq!(p.sleep_before_retry(10, &mut rng), None);
        let one = RetryPolicy::NTimes {
            n: 1,
            sleep_ms: 500,
        };
        assert_eq!(one.sleep_before_retry(0, &mut rng), Some(500));
        assert_eq!(one.sleep_before_retry(1, &mut rng), None);
        assert_eq!(
            RetryPolicy::exponential(10, 99),
            RetryPolicy::exponential(10, 29)
        );
        assert!(RetryPolicy::retryable(ZkError::ConnectionLoss));
        assert!(!RetryPolicy::retryable(ZkError::NoNode));
    }
}
