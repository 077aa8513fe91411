//! Trigonometry and powers for the lab's drawings and its speed slider.
//!
//! Layout and the speed dial need `cos`, `sin`, `10^x` and `log10`; the simulation needs
//! none of them (it is deterministic without floats of this kind). In the browser they
//! come from JavaScript's `Math`, which every page already has, so the bundle carries no
//! copy of libm's routines (about 10 KB of wasm with their argument-reduction tables).
//! Native builds (the unit tests) use `std`. The two may differ in the last bit, which no
//! drawing shows.

/// Cosine of `a` radians.
pub fn cos(a: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::cos(a)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        a.cos()
    }
}

/// Sine of `a` radians.
pub fn sin(a: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::sin(a)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        a.sin()
    }
}

/// `10^x`.
pub fn exp10(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::pow(10.0, x)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        10f64.powf(x)
    }
}

/// Base-10 logarithm of `x`.
pub fn log10(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::log10(x)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.log10()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_functions_are_the_usual_ones() {
        assert!((cos(0.0) - 1.0).abs() < 1e-12);
        assert!((sin(std::f64::consts::FRAC_PI_2) - 1.0).abs() < 1e-12);
        assert!((exp10(-2.0) - 0.01).abs() < 1e-15);
        assert!((log10(1000.0) - 3.0).abs() < 1e-12);
    }
}
