//! JSON Schema counts `5.0` as an integer, so a body may carry a whole number written with
//! a fraction; serde's integer types refuse it. [`whole`] accepts it (and nothing with a
//! real fraction or out of range), for the integer fields of request bodies.

use serde::de::{Deserializer, Error, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Deserializes an integer written as `5` or `5.0` (`deserialize_with = "whole"`).
pub fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    struct Whole<T>(PhantomData<T>);
    impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for Whole<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
            // within ±2^53 every whole f64 is exact
            if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
                self.visit_i64(v as i64)
            } else {
                Err(E::custom(format!("expected a whole number, got {v}")))
            }
        }
    }
    d.deserialize_any(Whole(PhantomData))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct N {
        #[serde(deserialize_with = "whole")]
        n: u32,
    }

    #[test]
    fn whole_numbers_with_or_without_a_fraction() {
        let n = |s: &str| serde_json::from_str::<N>(s).map(|x| x.n);
        assert_eq!(n(r#"{"n":5}"#).unwrap(), 5);
        assert_eq!(n(r#"{"n":5.0}"#).unwrap(), 5);
        assert_eq!(n(r#"{"n":5e2}"#).unwrap(), 500);
        for bad in [
            r#"{"n":5.5}"#,
            r#"{"n":-1}"#,
            r#"{"n":-1.0}"#,
            r#"{"n":4294967296}"#,
            r#"{"n":"5"}"#,
            r#"{"n":1e300}"#,
        ] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }
}
