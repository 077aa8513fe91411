//! Result tables: typed rows turned into named columns of values, and written as CSV.
//!
//! Every experiment's row type implements [`Row`]; a [`Table`] is what crosses to the CLI
//! and the page. Numbers are printed the same way on every target: integers as they are,
//! simulated times as milliseconds with three decimals (whole microseconds), rates with
//! three decimals.

use std::fmt::Write as _;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A count, size or id.
    Int(i64),
    /// A simulated duration in whole microseconds, printed as milliseconds.
    Micros(u64),
    /// A rate or ratio, printed with three decimals.
    Real(f64),
    /// A fixed word (a phase or a recipe name), never translated in CSV.
    Word(&'static str),
    /// Not measured (printed empty).
    Missing,
}

impl Value {
    /// The value as a number for a chart (None for words and missing values).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(*v as f64),
            Value::Micros(us) => Some(*us as f64 / 1000.0),
            Value::Real(v) => Some(*v),
            Value::Word(_) | Value::Missing => None,
        }
    }

    fn write_csv(&self, out: &mut String) {
        // Writing into a String cannot fail.
        let _ = match self {
            Value::Int(v) => write!(out, "{v}"),
            Value::Micros(us) => write!(out, "{}.{:03}", us / 1000, us % 1000),
            Value::Real(v) => write!(out, "{v:.3}"),
            Value::Word(w) => write!(out, "{w}"),
            Value::Missing => Ok(()),
        };
    }
}

/// A typed result row.
pub trait Row {
    /// Column names, in order (the CSV header).
    const COLUMNS: &'static [&'static str];
    /// The row's values, one per column.
    fn values(&self) -> Vec<Value>;
}

/// A result table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The table of `rows`.
    pub fn of<R: Row>(rows: &[R]) -> Self {
        Table {
            columns: R::COLUMNS.to_vec(),
            rows: rows.iter().map(Row::values).collect(),
        }
    }

    /// The header line and one line per row, each ending in a newline.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                v.write_csv(&mut out);
            }
            out.push('\n');
        }
        out
    }

    /// The index of column `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R(i64, u64);
    impl Row for R {
        const COLUMNS: &'static [&'static str] = &["n", "ms"];
        fn values(&self) -> Vec<Value> {
            vec![Value::Int(self.0), Value::Micros(self.1)]
        }
    }

    #[test]
    fn csv_prints_microseconds_as_milliseconds() {
        let t = Table::of(&[R(3, 200_007), R(5, 999)]);
        assert_eq!(t.to_csv(), "n,ms\n3,200.007\n5,0.999\n");
        assert_eq!(t.column("ms"), Some(1));
        assert_eq!(Value::Micros(1500).number(), Some(1.5));
    }
}
