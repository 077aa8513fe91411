//! Order statistics for experiment results: medians and percentiles by the nearest-rank
//! method on a sorted copy, over whole microseconds or plain counts (integers only, so
//! every target computes the same value).

/// The `p`-th percentile (0..=100) of `values` by nearest rank: the smallest value with
/// at least `p` % of the values at or below it. None for no values.
pub fn percentile(values: &[u64], p: u32) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let p = u64::from(p.min(100));
    let n = sorted.len() as u64;
    // ceil(p/100 · n), at least 1.
    let rank = (p * n).div_ceil(100).max(1);
    Some(sorted[(rank - 1) as usize])
}

/// The median (50th percentile, nearest rank: the lower middle for an even count).
pub fn median(values: &[u64]) -> Option<u64> {
    percentile(values, 50)
}

/// The median of `(value, seed)` runs and the seed of the run it is (ties by seed): the
/// same value as [`median`], and the run a chart's "open this run" opens.
pub fn median_run(runs: &[(u64, u64)]) -> Option<(u64, u64)> {
    if runs.is_empty() {
        return None;
    }
    let mut sorted = runs.to_vec();
    sorted.sort_unstable();
    let rank = (50 * sorted.len() as u64).div_ceil(100).max(1);
    Some(sorted[(rank - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let v = [15, 20, 35, 40, 50];
        assert_eq!(percentile(&v, 5), Some(15));
        assert_eq!(percentile(&v, 30), Some(20));
        assert_eq!(percentile(&v, 40), Some(20));
        assert_eq!(percentile(&v, 50), Some(35));
        assert_eq!(percentile(&v, 100), Some(50));
        assert_eq!(percentile(&v, 0), Some(15));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2));
        assert_eq!(median(&[]), None);
        assert_eq!(median_run(&[(4, 1), (1, 2), (3, 3), (2, 4)]), Some((2, 4)));
        assert_eq!(median_run(&[]), None);
    }

    #[test]
    fn p95_of_a_hundred() {
        let v: Vec<u64> = (1..=100).rev().collect();
        assert_eq!(percentile(&v, 95), Some(95));
    }
}
