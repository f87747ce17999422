//! The risk model (DESIGN.md section 4): STRIDE categories, DREAD vectors and the one mapping from a DREAD rating
//! to a severity.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A STRIDE threat category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stride {
    Spoofing,
    Tampering,
    Repudiation,
    InformationDisclosure,
    DenialOfService,
    ElevationOfPrivilege,
}

impl Stride {
    pub const ALL: [Stride; 6] = [
        Stride::Spoofing,
        Stride::Tampering,
        Stride::Repudiation,
        Stride::InformationDisclosure,
        Stride::DenialOfService,
        Stride::ElevationOfPrivilege,
    ];

    /// The name used in reports and JSON (`Information disclosure`).
    pub fn name(self) -> &'static str {
        match self {
            Stride::Spoofing => "Spoofing",
            Stride::Tampering => "Tampering",
            Stride::Repudiation => "Repudiation",
            Stride::InformationDisclosure => "Information disclosure",
            Stride::DenialOfService => "Denial of service",
            Stride::ElevationOfPrivilege => "Elevation of privilege",
        }
    }

    /// The single letter of the acronym.
    pub fn letter(self) -> char {
        self.name().chars().next().unwrap_or('?')
    }
}

impl fmt::Display for Stride {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A DREAD vector: Damage, Reproducibility, Exploitability, Affected users, Discoverability; each 1 (low),
/// 2 (medium) or 3 (high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dread {
    pub damage: u8,
    pub reproducibility: u8,
    pub exploitability: u8,
    pub affected_users: u8,
    pub discoverability: u8,
}

impl Dread {
    /// A vector; factors outside 1..=3 are clamped into range.
    pub const fn new(d: u8, r: u8, e: u8, a: u8, di: u8) -> Self {
        const fn c(v: u8) -> u8 {
            if v < 1 {
                1
            } else if v > 3 {
                3
            } else {
                v
            }
        }
        Dread {
            damage: c(d),
            reproducibility: c(r),
            exploitability: c(e),
            affected_users: c(a),
            discoverability: c(di),
        }
    }

    /// The rating: the mean of the five factors, 1.0 to 3.0.
    pub fn rating(&self) -> f64 {
        f64::from(self.sum()) / 5.0
    }

    fn sum(&self) -> u8 {
        self.damage + self.reproducibility + self.exploitability + self.affected_users + self.discoverability
    }

    /// The severity this vector maps to.
    pub fn severity(&self) -> Severity {
        Severity::from_dread_sum(self.sum())
    }

    /// `D3 R3 E2 A2 D1` form used in text output.
    pub fn vector(&self) -> String {
        format!(
            "D{} R{} E{} A{} D{}",
            self.damage, self.reproducibility, self.exploitability, self.affected_users, self.discoverability
        )
    }
}

/// Severity levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The one mapping from DREAD to severity, on the sum of the five factors (5..=15), which is the rating
    /// times five:
    ///
    /// | rating | sum | severity |
    /// |---|---|---|
    /// | 2.6 – 3.0 | 13–15 | critical |
    /// | 2.2 – 2.4 | 11–12 | high |
    /// | 1.8 – 2.0 | 9–10 | medium |
    /// | 1.4 – 1.6 | 7–8 | low |
    /// | 1.0 – 1.2 | 5–6 | info |
    pub fn from_dread_sum(sum: u8) -> Severity {
        match sum {
            13.. => Severity::Critical,
            11..=12 => Severity::High,
            9..=10 => Severity::Medium,
            7..=8 => Severity::Low,
            _ => Severity::Info,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Severity::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown severity {text:?} (expected info, low, medium, high or critical)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_is_the_mean_and_severity_follows_the_table() {
        let d = Dread::new(3, 3, 2, 2, 1);
        assert!((d.rating() - 2.2).abs() < 1e-9);
        assert_eq!(d.severity(), Severity::High);
        assert_eq!(Dread::new(3, 3, 3, 3, 3).severity(), Severity::Critical);
        assert_eq!(Dread::new(3, 3, 3, 3, 1).severity(), Severity::Critical);
        assert_eq!(Dread::new(2, 2, 2, 2, 2).severity(), Severity::Medium);
        assert_eq!(Dread::new(2, 2, 1, 1, 1).severity(), Severity::Low);
        assert_eq!(Dread::new(1, 1, 1, 1, 1).severity(), Severity::Info);
        assert_eq!(Dread::new(0, 9, 1, 1, 1), Dread::new(1, 3, 1, 1, 1));
    }
}
