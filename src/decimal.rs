//! Decimal text of `f64`s without core's float formatting.
//!
//! `format!("{v:.1}")` and `v.to_string()` on a float link core's `flt2dec` (Grisu with
//! a Dragon fallback, and their tables: several KiB of the wasm bundle). The page only
//! prints coordinates, percentages and slider values with a few decimals, so [`fixed`]
//! does it from the float's bits with integer arithmetic, digit for digit as
//! `format!("{v:.N}")` would (the exact binary value, ties to even).

use std::fmt::Write;

/// Most decimals [`fixed`] prints: with at most 3, every product below fits a `u64`.
pub const MAX_DECIMALS: u32 = 3;

/// `format!("{v:.decimals}")` for `decimals` up to [`MAX_DECIMALS`] (more are cut to
/// it): the exact value of `v` rounded to `decimals` places, ties to even; `-` for
/// any negative `v` (so `-0.01` gives `-0.0`), `NaN`, `inf`, `-inf`.
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    if v.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // |v| = m · 2^e exactly.
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    let scale = 10u64.pow(decimals);
    if e >= 0 {
        push_shifted(&mut out, m, e as u32);
        push_decimals(&mut out, 0, decimals);
        return out;
    }
    // |v| = whole + part / 2^k with part < 2^k; part < 2^53 and scale <= 1000 keep
    // part · scale below 2^63.
    let k = e.unsigned_abs();
    let (mut whole, part) = if k < 64 {
        (m >> k, m & ((1 << k) - 1))
    } else {
        (0, m)
    };
    let n = part * scale;
    let (mut q, rem_cmp) = if k < 64 {
        let q = n >> k;
        let r = n - (q << k);
        (q, r.cmp(&(1 << (k - 1))))
    } else {
        // n < 2^63 <= 2^(k-1): below half a unit of the last place.
        (0, std::cmp::Ordering::Less)
    };
    let odd = if decimals == 0 { whole & 1 } else { q & 1 } == 1;
    if rem_cmp == std::cmp::Ordering::Greater || (rem_cmp == std::cmp::Ordering::Equal && odd) {
        q += 1;
        if q == scale {
            q = 0;
            whole += 1;
        }
    }
    let _ = write!(out, "{whole}");
    push_decimals(&mut out, q, decimals);
    out
}

/// `.` and `q` padded to `decimals` digits (nothing when `decimals` is 0).
fn push_decimals(out: &mut String, q: u64, decimals: u32) {
    if decimals > 0 {
        let _ = write!(out, ".{q:0width$}", width = decimals as usize);
    }
}

/// The decimal digits of `m · 2^e` (any `e` a finite `f64` has): base-10^9 limbs,
/// least significant first, doubled up to 30 bits at a time.
fn push_shifted(out: &mut String, m: u64, mut e: u32) {
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    while e > 0 {
        let s = e.min(30);
        e -= s;
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let x = (*limb << s) + carry;
            *limb = x % BASE;
            carry = x / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut rest = limbs.iter().rev();
    if let Some(top) = rest.next() {
        let _ = write!(out, "{top}");
    }
    for limb in rest {
        let _ = write!(out, "{limb:09}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(v: f64) {
        for d in 0..=MAX_DECIMALS {
            let want = format!("{v:.*}", d as usize);
            assert_eq!(
                fixed(v, d),
                want,
                "{v:e} to {d} places (bits {:#x})",
                v.to_bits()
            );
        }
    }

    #[test]
    fn matches_core_on_chosen_values() {
        let chosen = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.25,
            0.35,
            0.125,
            0.0625,
            0.0005,
            0.0015,
            0.00049999999999999,
            -0.04,
            -0.004,
            0.95,
            0.96,
            9.95,
            9.9996,
            99.95,
            999.9995,
            1e-300,
            5e-324,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            1.0 - f64::EPSILON,
            (1u64 << 52) as f64 + 0.5,
            (1u64 << 53) as f64,
            (1u64 << 63) as f64,
            u64::MAX as f64,
            1e19,
            1e20,
            1e22,
            1e100,
            f64::MAX,
            -f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            123.456,
            -361.2,
            640.0 * 0.3,
        ];
        for v in chosen {
            check(v);
        }
    }

    #[test]
    fn matches_core_on_a_grid_of_short_decimals() {
        // Coordinates, percentages, frame times: every thousandth up to 30, every
        // 29th one up to 2000, with their neighbours one ulp away (ties and
        // near-ties of the rounding).
        let near = -30_000i64..=30_000;
        let far = (-2_000_000i64..=2_000_000).step_by(29);
        for i in near.chain(far) {
            let v = i as f64 / 1000.0;
            check(v);
            check(f64::from_bits(v.to_bits() + 1));
            if v != 0.0 {
                check(f64::from_bits(v.to_bits() - 1));
            }
        }
    }

    #[test]
    fn matches_core_on_random_bits() {
        // Every exponent is reached: a xorshift over the whole bit space, and values
        // scaled into the range the page draws in.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            check(f64::from_bits(x));
            check((x >> 11) as f64 / (1u64 << 53) as f64 * 2000.0 - 1000.0);
        }
    }

    #[test]
    fn more_decimals_are_cut_to_the_maximum() {
        assert_eq!(fixed(1.23456, 9), "1.235");
        assert_eq!(fixed(-7.0, 0), "-7");
    }
}
