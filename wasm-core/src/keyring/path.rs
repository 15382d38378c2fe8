//! Derivation paths in BIP-32 notation: `m/44'/60'/0'/0/0`.
//!
//! A path is `m` followed by up to 255 child indices (BIP-32 stores the depth in one byte).
//! Each index is a decimal number below 2^31 without leading zeros; a `'`, `h` or `H` after it
//! marks a hardened index (i + 2^31). `Display` writes `'`, so `m/0h/1` reads back as
//! `m/0'/1`.
//!
//! Spec: <https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki> (key tree and
//! notation), <https://github.com/bitcoin/bips/blob/master/bip-0044.mediawiki> (the
//! `purpose'/coin_type'/account'/change/index` layout the keyring uses).

use std::fmt;
use std::str::FromStr;

/// One step of a derivation path: a child index, hardened or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChildIndex(u32);

/// Why a string or number is not a derivation path or child index.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// The path does not start with `m`.
    #[error("a derivation path starts with m")]
    MissingMaster,
    /// A component between two `/` is empty (`m//1`, `m/1/`).
    #[error("component {position} of the derivation path is empty")]
    EmptyComponent {
        /// 1-based position of the component after `m`.
        position: usize,
    },
    /// A component is not a decimal number with an optional `'`, `h` or `H` suffix, or has
    /// leading zeros.
    #[error("component {position} of the derivation path is not an index like 44 or 44'")]
    InvalidComponent {
        /// 1-based position of the component after `m`.
        position: usize,
    },
    /// An index is 2^31 or more (hardened indices are written as a number below 2^31 and
    /// a suffix).
    #[error("component {position} of the derivation path is not below 2^31")]
    IndexTooLarge {
        /// 1-based position of the component after `m`.
        position: usize,
    },
    /// The path has more than 255 components.
    #[error("a derivation path has at most 255 components, found {depth}")]
    TooDeep {
        /// How many components the path has.
        depth: usize,
    },
}

impl ChildIndex {
    /// The first hardened index, 2^31.
    pub const HARDENED_BIT: u32 = 1 << 31;

    /// A normal (non-hardened) index, or `None` if `index` is 2^31 or more.
    pub const fn normal(index: u32) -> Option<Self> {
        if index >= Self::HARDENED_BIT {
            None
        } else {
            Some(Self(index))
        }
    }

    /// A hardened index (`index` + 2^31, written `index'`), or `None` if `index` is 2^31 or
    /// more.
    pub const fn hardened(index: u32) -> Option<Self> {
        if index >= Self::HARDENED_BIT {
            None
        } else {
            Some(Self(index | Self::HARDENED_BIT))
        }
    }

    /// Wraps the 32-bit index as BIP-32 serialises it (hardened indices have the top bit set).
    pub const fn from_u32(raw: u32) -> Self {
        Self(raw)
    }

    /// Whether the index is hardened.
    pub const fn is_hardened(self) -> bool {
        self.0 & Self::HARDENED_BIT != 0
    }

    /// The index without the hardened bit, as written in a path.
    pub const fn index(self) -> u32 {
        self.0 & !Self::HARDENED_BIT
    }

    /// The 32-bit value BIP-32 serialises (`ser32(i)`), hardened bit included.
    pub const fn to_u32(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ChildIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.index())?;
        if self.is_hardened() {
            f.write_str("'")
        } else {
            Ok(())
        }
    }
}

/// A BIP-32 derivation path from the master key: `m` and up to 255 child indices.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct DerivationPath(Vec<ChildIndex>);

impl DerivationPath {
    /// The longest path BIP-32 can describe: depth is one byte.
    pub const MAX_DEPTH: usize = 255;

    /// The master key itself, `m`.
    pub const fn master() -> Self {
        Self(Vec::new())
    }

    /// Makes a path from child indices.
    ///
    /// # Errors
    /// [`PathError::TooDeep`] for more than 255 indices.
    pub fn from_indices(indices: Vec<ChildIndex>) -> Result<Self, PathError> {
        if indices.len() > Self::MAX_DEPTH {
            return Err(PathError::TooDeep { depth: indices.len() });
        }
        Ok(Self(indices))
    }

    /// The child indices, from the master key down.
    pub fn indices(&self) -> &[ChildIndex] {
        &self.0
    }

    /// Returns this path extended by one index.
    ///
    /// # Errors
    /// [`PathError::TooDeep`] if the path already has 255 indices.
    pub fn child(&self, index: ChildIndex) -> Result<Self, PathError> {
        let mut indices = self.0.clone();
        indices.push(index);
        Self::from_indices(indices)
    }

    /// The number of indices (the depth of the key the path leads to).
    pub fn depth(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for DerivationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("m")?;
        for index in &self.0 {
            write!(f, "/{index}")?;
        }
        Ok(())
    }
}

impl FromStr for DerivationPath {
    type Err = PathError;

    /// Parses `m` or `m/…` with decimal indices and `'`, `h` or `H` for hardened ones.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let rest = s.strip_prefix('m').ok_or(PathError::MissingMaster)?;
        if rest.is_empty() {
            return Ok(Self::master());
        }
        let rest = rest.strip_prefix('/').ok_or(PathError::MissingMaster)?;
        let mut indices = Vec::new();
        for (i, component) in rest.split('/').enumerate() {
            let position = i + 1;
            if position > Self::MAX_DEPTH {
                return Err(PathError::TooDeep {
                    depth: rest.split('/').count(),
                });
            }
            if component.is_empty() {
                return Err(PathError::EmptyComponent { position });
            }
            let (digits, hardened) = match component.strip_suffix(['\'', 'h', 'H']) {
                Some(digits) => (digits, true),
                None => (component, false),
            };
            let canonical = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !(digits.len() > 1 && digits.starts_with('0'));
            if !canonical {
                return Err(PathError::InvalidComponent { position });
            }
            // At most 10 digits fit u32 anyway; longer runs are too large, not malformed.
            let value: u32 = digits
                .parse()
                .map_err(|_| PathError::IndexTooLarge { position })?;
            let index = if hardened {
                ChildIndex::hardened(value)
            } else {
                ChildIndex::normal(value)
            }
            .ok_or(PathError::IndexTooLarge { position })?;
            indices.push(index);
        }
        Self::from_indices(indices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_keyring_paths() {
        let evm: DerivationPath = "m/44'/60'/0'/0/7".parse().unwrap();
        assert_eq!(
            evm.indices(),
            &[
                ChildIndex::hardened(44).unwrap(),
                ChildIndex::hardened(60).unwrap(),
                ChildIndex::hardened(0).unwrap(),
                ChildIndex::normal(0).unwrap(),
                ChildIndex::normal(7).unwrap(),
            ]
        );
        assert_eq!(evm.to_string(), "m/44'/60'/0'/0/7");
        let solana: DerivationPath = "m/44h/501H/3'/0h".parse().unwrap();
        assert_eq!(solana.to_string(), "m/44'/501'/3'/0'");
        assert_eq!("m".parse::<DerivationPath>().unwrap(), DerivationPath::master());
        assert_eq!(DerivationPath::master().to_string(), "m");
        let max: DerivationPath = "m/2147483647'/2147483647".parse().unwrap();
        assert_eq!(max.indices()[0].to_u32(), u32::MAX);
        assert_eq!(max.indices()[1].to_u32(), 0x7fff_ffff);
    }

    #[test]
    fn refuses_malformed_paths() {
        let cases = [
            ("", PathError::MissingMaster),
            ("44'/60'", PathError::MissingMaster),
            ("M/1", PathError::MissingMaster),
            ("m1", PathError::MissingMaster),
            ("m/", PathError::EmptyComponent { position: 1 }),
            ("m//1", PathError::EmptyComponent { position: 1 }),
            ("m/1/", PathError::EmptyComponent { position: 2 }),
            ("m/x", PathError::InvalidComponent { position: 1 }),
            ("m/1/'", PathError::InvalidComponent { position: 2 }),
            ("m/01", PathError::InvalidComponent { position: 1 }),
            ("m/+1", PathError::InvalidComponent { position: 1 }),
            ("m/-1", PathError::InvalidComponent { position: 1 }),
            ("m/ 1", PathError::InvalidComponent { position: 1 }),
            ("m/1''", PathError::InvalidComponent { position: 1 }),
            ("m/2147483648", PathError::IndexTooLarge { position: 1 }),
            ("m/0/2147483648'", PathError::IndexTooLarge { position: 2 }),
            ("m/99999999999", PathError::IndexTooLarge { position: 1 }),
        ];
        for (text, error) in cases {
            assert_eq!(text.parse::<DerivationPath>(), Err(error), "{text:?}");
        }
        let deep = format!("m{}", "/0".repeat(256));
        assert_eq!(
            deep.parse::<DerivationPath>(),
            Err(PathError::TooDeep { depth: 256 })
        );
        let deepest = format!("m{}", "/0".repeat(255));
        assert_eq!(deepest.parse::<DerivationPath>().unwrap().depth(), 255);
    }

    #[test]
    fn child_indices_refuse_the_hardened_range() {
        assert!(ChildIndex::normal(1 << 31).is_none());
        assert!(ChildIndex::hardened(1 << 31).is_none());
        assert!(!ChildIndex::from_u32(5).is_hardened());
        assert!(ChildIndex::from_u32(5 | ChildIndex::HARDENED_BIT).is_hardened());
    }

    /// Property tests, native only: proptest does not build for wasm32-unknown-unknown.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_path() -> impl Strategy<Value = DerivationPath> {
            prop::collection::vec(any::<u32>(), 0..12).prop_map(|raw| {
                DerivationPath::from_indices(raw.into_iter().map(ChildIndex::from_u32).collect()).unwrap()
            })
        }

        proptest! {
            #[test]
            fn display_and_parse_round_trip(path in any_path()) {
                let text = path.to_string();
                prop_assert_eq!(text.parse::<DerivationPath>().unwrap(), path.clone());
                // The h and H spellings read back as the same path.
                prop_assert_eq!(text.replace('\'', "h").parse::<DerivationPath>().unwrap(), path.clone());
                prop_assert_eq!(text.replace('\'', "H").parse::<DerivationPath>().unwrap(), path);
            }
        }
    }
}
