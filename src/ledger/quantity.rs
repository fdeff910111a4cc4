//! Typed quantities: a value as the source states it, with its unit. Units normalise within
//! their dimension only, so 億円 and 兆円 compare while yen and dollars never mix.

use serde::{Deserialize, Serialize};

/// A unit a figure can be stated in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
pub enum Unit {
    /// 10^8 yen.
    #[serde(rename = "億円")]
    OkuYen,
    /// 10^12 yen.
    #[serde(rename = "兆円")]
    ChoYen,
    /// Yen.
    #[serde(rename = "JPY")]
    Jpy,
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// 10^9 US dollars.
    #[serde(rename = "USD bn")]
    UsdBn,
    /// 10^8 US dollars.
    #[serde(rename = "億ドル")]
    OkuUsd,
    /// A percentage, 0 to 100.
    #[serde(rename = "%")]
    Percent,
    /// A position in a ranking, 1 = first.
    #[serde(rename = "rank")]
    Rank,
    /// A number of things.
    #[serde(rename = "count")]
    Count,
    /// A number of people.
    #[serde(rename = "people")]
    People,
    /// Kilometres.
    #[serde(rename = "km")]
    Km,
    /// Gigawatts.
    #[serde(rename = "GW")]
    Gw,
    /// Megawatts.
    #[serde(rename = "MW")]
    Mw,
    /// A plain multiplier or ratio.
    #[serde(rename = "factor")]
    Factor,
    /// Benchmark points.
    #[serde(rename = "points")]
    Points,
    /// An exchange rate: yen per US dollar. A `[[metric]]` in this unit lets sums convert
    /// dollars to yen and back.
    #[serde(rename = "JPY/USD")]
    JpyPerUsd,
}

/// What a unit measures; only quantities of one dimension compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Money in yen.
    Yen,
    /// Money in US dollars.
    Dollars,
    /// A percentage.
    Share,
    /// A ranking position.
    Rank,
    /// A number of things or people.
    Count,
    /// A length in kilometres.
    Length,
    /// Electric power in gigawatts.
    Power,
    /// A plain ratio.
    Ratio,
    /// Benchmark points.
    Score,
    /// An exchange rate in yen per US dollar.
    ExchangeRate,
}

impl Dimension {
    /// What values of this dimension are, in a few words.
    pub fn noun(self) -> &'static str {
        match self {
            Dimension::Yen => "yen",
            Dimension::Dollars => "US dollars",
            Dimension::Share => "percentages",
            Dimension::Rank => "ranks",
            Dimension::Count => "counts",
            Dimension::Length => "kilometres",
            Dimension::Power => "gigawatts",
            Dimension::Ratio => "plain ratios (unit `factor`)",
            Dimension::Score => "benchmark points",
            Dimension::ExchangeRate => "yen per US dollar",
        }
    }

    /// The name of the base unit every unit of this dimension is converted to.
    pub fn base_unit(self) -> &'static str {
        match self {
            Dimension::Yen => "yen",
            Dimension::Dollars => "US dollars",
            Dimension::Share => "percent",
            Dimension::Rank => "ranks",
            Dimension::Count => "counts",
            Dimension::Length => "km",
            Dimension::Power => "GW",
            Dimension::Ratio => "factor",
            Dimension::Score => "points",
            Dimension::ExchangeRate => "JPY/USD",
        }
    }
}

impl Unit {
    /// The dimension, and the factor that turns one of this unit into the dimension's base
    /// (yen, dollars, percent, rank, count, km, GW, 1, points).
    pub fn base(self) -> (Dimension, f64) {
        match self {
            Unit::OkuYen => (Dimension::Yen, 1e8),
            Unit::ChoYen => (Dimension::Yen, 1e12),
            Unit::Jpy => (Dimension::Yen, 1.0),
            Unit::Usd => (Dimension::Dollars, 1.0),
            Unit::UsdBn => (Dimension::Dollars, 1e9),
            Unit::OkuUsd => (Dimension::Dollars, 1e8),
            Unit::Percent => (Dimension::Share, 1.0),
            Unit::Rank => (Dimension::Rank, 1.0),
            Unit::Count | Unit::People => (Dimension::Count, 1.0),
            Unit::Km => (Dimension::Length, 1.0),
            Unit::Gw => (Dimension::Power, 1.0),
            Unit::Mw => (Dimension::Power, 1e-3),
            Unit::Factor => (Dimension::Ratio, 1.0),
            Unit::Points => (Dimension::Score, 1.0),
            Unit::JpyPerUsd => (Dimension::ExchangeRate, 1.0),
        }
    }

    /// The unit as written in a ledger.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::OkuYen => "億円",
            Unit::ChoYen => "兆円",
            Unit::Jpy => "JPY",
            Unit::Usd => "USD",
            Unit::UsdBn => "USD bn",
            Unit::OkuUsd => "億ドル",
            Unit::Percent => "%",
            Unit::Rank => "rank",
            Unit::Count => "count",
            Unit::People => "people",
            Unit::Km => "km",
            Unit::Gw => "GW",
            Unit::Mw => "MW",
            Unit::Factor => "factor",
            Unit::Points => "points",
            Unit::JpyPerUsd => "JPY/USD",
        }
    }

    /// Every unit, for help messages and the schema.
    pub const ALL: [Unit; 16] = [
        Unit::OkuYen,
        Unit::ChoYen,
        Unit::Jpy,
        Unit::Usd,
        Unit::UsdBn,
        Unit::OkuUsd,
        Unit::Percent,
        Unit::Rank,
        Unit::Count,
        Unit::People,
        Unit::Km,
        Unit::Gw,
        Unit::Mw,
        Unit::Factor,
        Unit::Points,
        Unit::JpyPerUsd,
    ];
}

/// A number as stated: a decimal, or a fraction such as `1/30` kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// A plain number.
    Number(f64),
    /// A fraction `numerator/denominator`, as in "about one thirtieth".
    Fraction {
        /// Above the bar.
        numerator: f64,
        /// Below the bar; never zero.
        denominator: f64,
    },
}

impl Amount {
    /// The number it stands for.
    pub fn get(self) -> f64 {
        match self {
            Amount::Number(v) => v,
            Amount::Fraction {
                numerator,
                denominator,
            } => numerator / denominator,
        }
    }

    /// Parses the string form `a/b` (or a plain number in a string).
    pub fn parse(text: &str) -> Result<Amount, String> {
        let bad = || format!("`{text}` is neither a number nor a fraction like `1/30`");
        match text.split_once('/') {
            Some((a, b)) => {
                let numerator: f64 = a.trim().parse().map_err(|_| bad())?;
                let denominator: f64 = b.trim().parse().map_err(|_| bad())?;
                if denominator == 0.0 || !numerator.is_finite() || !denominator.is_finite() {
                    return Err(format!("`{text}` divides by zero or is not finite"));
                }
                Ok(Amount::Fraction {
                    numerator,
                    denominator,
                })
            }
            None => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Amount::Number)
                .ok_or_else(bad),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Float(f64),
            Text(String),
        }
        // Untagged enums buffer their input, so the type error names all three shapes.
        match Raw::deserialize(deserializer)? {
            Raw::Int(v) => Ok(Amount::Number(v as f64)),
            Raw::Float(v) if v.is_finite() => Ok(Amount::Number(v)),
            Raw::Float(v) => Err(serde::de::Error::custom(format!(
                "`{v}` is not a finite number"
            ))),
            Raw::Text(t) => Amount::parse(&t).map_err(serde::de::Error::custom),
        }
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The number as the source states it, or a fraction such as \"1/30\".",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*-?[0-9.]+\\s*/\\s*[0-9.]+\\s*$" }
            ]
        })
    }
}

/// A figure with its unit, recorded exactly as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The number as stated.
    pub value: Amount,
    /// The unit it was stated in.
    pub unit: Unit,
    /// The source says "about" (約).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// A quantity in its dimension's base unit, ready to compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Normalised {
    /// What it measures.
    pub dimension: Dimension,
    /// The value in the dimension's base unit.
    pub value: f64,
}

impl Quantity {
    /// The quantity in its dimension's base unit. The product can overflow (`1e308 億円` is
    /// `inf` yen); the ledger loader refuses such a quantity (K0203), so every quantity of a
    /// checked ledger normalises to a finite number.
    pub fn normalised(&self) -> Normalised {
        let (dimension, factor) = self.unit.base();
        Normalised {
            dimension,
            value: self.value.get() * factor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: f64, unit: Unit) -> Quantity {
        Quantity {
            value: Amount::Number(value),
            unit,
            approximate: false,
        }
    }

    #[test]
    fn oku_and_cho_yen_share_a_base() {
        let rapidus = q(6315.0, Unit::OkuYen).normalised();
        let total = q(2.354, Unit::ChoYen).normalised();
        assert_eq!(rapidus.dimension, Dimension::Yen);
        assert_eq!(total.dimension, Dimension::Yen);
        assert!((rapidus.value - 6.315e11).abs() < 1.0);
        assert!((total.value - 2.354e12).abs() < 1.0);
    }

    #[test]
    fn yen_and_dollars_are_different_dimensions() {
        assert_ne!(
            q(1.6, Unit::ChoYen).normalised().dimension,
            q(10.0, Unit::UsdBn).normalised().dimension
        );
    }

    #[test]
    fn oku_dollars_and_billions_agree() {
        let a = q(9.3, Unit::OkuUsd).normalised().value;
        let b = q(0.93, Unit::UsdBn).normalised().value;
        assert!((a - b).abs() < 1e-3);
    }

    #[test]
    fn fractions_parse_and_reject_zero() {
        assert_eq!(Amount::parse("1/30").map(Amount::get), Ok(1.0 / 30.0));
        assert!(Amount::parse("1/0").is_err());
        // Either side too large for a number (it parses as infinity) is refused alone.
        assert!(Amount::parse("1e309/2").is_err());
        assert!(Amount::parse("2/1e309").is_err());
        assert!(Amount::parse("1e308/2").is_ok());
        // As a TOML number too: `inf` and `nan` are numbers to TOML, not to a ledger.
        #[derive(Debug, Deserialize)]
        struct Holder {
            v: Amount,
        }
        for text in ["v = inf", "v = -inf", "v = nan"] {
            assert!(toml::from_str::<Holder>(text).is_err(), "{text}");
        }
        let read = toml::from_str::<Holder>("v = 1.5").map(|h| h.v.get());
        assert_eq!(read.ok(), Some(1.5));
        assert!(Amount::parse("one").is_err());
    }

    #[test]
    fn quantities_deserialize_from_toml() {
        #[derive(Deserialize)]
        struct T {
            a: Quantity,
            b: Quantity,
        }
        let t: T = toml::from_str(
            "a = { value = 5027, unit = \"億円\" }\nb = { value = \"1/100\", unit = \"factor\", approximate = true }",
        )
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.a.value.get(), 5027.0);
        assert_eq!(t.a.unit, Unit::OkuYen);
        assert!(t.b.approximate);
        assert!((t.b.value.get() - 0.01).abs() < 1e-12);
        let bad: Result<T, _> = toml::from_str(
            "a = { value = 1, unit = \"furlong\" }\nb = { value = 1, unit = \"%\" }",
        );
        assert!(bad.is_err());
    }
}
