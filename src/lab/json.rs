//! A small JSON writer for the run file ([`super::share`]) and the test hooks
//! ([`super::debug`]): objects with fields in the order written, arrays, strings escaped
//! as serde_json escapes them, whole numbers, and floats in fixed point (see
//! [`crate::decimal`]). The page carries no general serializer for these few records.

use std::fmt::Write;

/// A value that can write itself as JSON.
pub trait ToJson {
    /// Append the JSON text of `self` (compact: no spaces) to `out`.
    fn write_json(&self, out: &mut String);
}

/// The compact JSON text of `v`.
pub fn to_string(v: &(impl ToJson + ?Sized)) -> String {
    let mut out = String::new();
    v.write_json(&mut out);
    out
}

/// Append `s` as a JSON string: `"` and `\` escaped, the control characters as `\n`,
/// `\t`, ... or `\u00XX`; everything else as is.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An object being written; fields come out in the order they are added.
pub struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Open an object in `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, empty: true }
    }

    /// Add the field `name: value`.
    pub fn field(&mut self, name: &str, value: &(impl ToJson + ?Sized)) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_str(self.out, name);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Close the object (once, after the last field).
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// A float printed with a fixed number of decimals (`null` when not finite, as
/// serde_json prints it).
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl ToJson for Fixed {
    fn write_json(&self, out: &mut String) {
        if self.0.is_finite() {
            out.push_str(&crate::decimal::fixed(self.0, self.1));
        } else {
            out.push_str("null");
        }
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
whole_numbers!(u32, u64, i64, usize);

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWKWARD: [&str; 8] = [
        "",
        "plain",
        "a\"b\\c/d",
        "\n\r\t\u{8}\u{c}",
        "\u{0}\u{1}\u{1f}\u{7f}",
        "é 中文 😀 \u{2028}\u{2029}",
        "\u{feff}</script>",
        "zs1.CXpvb2tlZXBlctAP-_",
    ];

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in AWKWARD {
            assert_eq!(to_string(s), serde_json::to_string(s).unwrap(), "{s:?}");
            let back: String = serde_json::from_str(&to_string(s)).unwrap();
            assert_eq!(back, s);
        }
        let mut all = String::new();
        for c in (0u32..0x800).filter_map(char::from_u32) {
            all.push(c);
        }
        assert_eq!(to_string(&all), serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn objects_arrays_and_numbers() {
        let mut out = String::new();
        let mut o = Object::new(&mut out);
        o.field("a", &u64::MAX)
            .field("b", &-5i64)
            .field("c", &None::<u64>)
            .field("d", &Some(3u32))
            .field("e", &vec![true, false])
            .field("f", &Vec::<u32>::new())
            .field(
                "g",
                &[Fixed(1.25, 3), Fixed(f64::NAN, 1), Fixed(-0.5, 1)][..],
            )
            .field("h\"", "x");
        o.end();
        assert_eq!(
            out,
            r#"{"a":18446744073709551615,"b":-5,"c":null,"d":3,"e":[true,false],"f":[],"g":[1.250,null,-0.5],"h\"":"x"}"#
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["a"], u64::MAX);
        assert_eq!(v["g"][0], 1.25);
        let mut empty = String::new();
        Object::new(&mut empty).end();
        assert_eq!(empty, "{}");
    }
}
