//! The hex encodings of the Ethereum JSON-RPC API.
//!
//! - A **quantity** (an integer) is `0x` then its hex digits without leading zeros: `0x0`,
//!   `0x41`, `0x400`. `0x` alone and `0x0400` are refused.
//! - **Data** (a byte string) is `0x` then two hex digits per byte: `0x`, `0x0041`. An odd
//!   number of digits is refused.
//!
//! Digits may be upper or lower case; the prefix is always a lowercase `0x`. Output is
//! lowercase.
//!
//! Spec: <https://ethereum.org/en/developers/docs/apis/json-rpc/#hex-encoding>
//! (and `execution-apis`, `src/schemas/base-types.yaml`: `uint` and `bytes`).

use super::primitives::U256;

/// Why a string is not a JSON-RPC hex quantity or hex data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    /// The string does not start with `0x`.
    #[error("a hex value starts with 0x")]
    MissingPrefix,
    /// A quantity with no digits (`0x`); zero is written `0x0`.
    #[error("a hex quantity has at least one digit (zero is 0x0)")]
    EmptyQuantity,
    /// A quantity with a leading zero, such as `0x01`.
    #[error("a hex quantity has no leading zeros")]
    LeadingZero,
    /// A character after `0x` is not a hex digit.
    #[error("a hex value has only hex digits after 0x")]
    NotHex,
    /// Hex data with an odd number of digits.
    #[error("hex data has two digits per byte")]
    OddLength,
    /// The quantity does not fit the integer type it is read into.
    #[error("the quantity does not fit in {bits} bits")]
    Overflow {
        /// Width of the target integer type.
        bits: u32,
    },
    /// Hex data of the wrong number of bytes for a fixed-size value.
    #[error("expected {expected} bytes of hex data, found {found}")]
    WrongLength {
        /// Bytes required.
        expected: usize,
        /// Bytes given.
        found: usize,
    },
}

fn digits_after_prefix(s: &str) -> Result<&str, HexError> {
    let digits = s.strip_prefix("0x").ok_or(HexError::MissingPrefix)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(HexError::NotHex);
    }
    Ok(digits)
}

fn quantity_digits(s: &str) -> Result<&str, HexError> {
    let digits = digits_after_prefix(s)?;
    if digits.is_empty() {
        return Err(HexError::EmptyQuantity);
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return Err(HexError::LeadingZero);
    }
    Ok(digits)
}

/// Parses a hex quantity of up to 256 bits.
///
/// # Errors
/// [`HexError`] unless `s` is `0x` and hex digits without leading zeros, below 2^256.
pub fn parse_quantity(s: &str) -> Result<U256, HexError> {
    let digits = quantity_digits(s)?;
    if digits.len() > 64 {
        return Err(HexError::Overflow { bits: 256 });
    }
    // The digits were checked above, so this only fails on overflow, which the length check
    // already rules out; map it anyway rather than assume.
    U256::from_str_radix(digits, 16).map_err(|_| HexError::Overflow { bits: 256 })
}

/// Parses a hex quantity that fits in 64 bits (nonces, gas).
///
/// # Errors
/// [`HexError`] unless `s` is a hex quantity below 2^64.
pub fn parse_quantity_u64(s: &str) -> Result<u64, HexError> {
    let digits = quantity_digits(s)?;
    if digits.len() > 16 {
        return Err(HexError::Overflow { bits: 64 });
    }
    u64::from_str_radix(digits, 16).map_err(|_| HexError::Overflow { bits: 64 })
}

/// Writes a quantity: `0x0`, `0x1f`, ….
pub fn format_quantity(value: U256) -> String {
    format!("{value:#x}")
}

/// Writes a 64-bit quantity: `0x0`, `0x1f`, ….
pub fn format_quantity_u64(value: u64) -> String {
    format!("{value:#x}")
}

/// Parses hex data of any length (`0x` is the empty string).
///
/// # Errors
/// [`HexError`] unless `s` is `0x` and an even number of hex digits.
pub fn parse_data(s: &str) -> Result<Vec<u8>, HexError> {
    let digits = digits_after_prefix(s)?;
    if digits.len() % 2 != 0 {
        return Err(HexError::OddLength);
    }
    hex::decode(digits).map_err(|_| HexError::NotHex)
}

/// Parses hex data of exactly `N` bytes.
///
/// # Errors
/// [`HexError`] unless `s` is `0x` and exactly `2 * N` hex digits.
pub fn parse_data_fixed<const N: usize>(s: &str) -> Result<[u8; N], HexError> {
    let bytes = parse_data(s)?;
    let found = bytes.len();
    bytes
        .try_into()
        .map_err(|_| HexError::WrongLength { expected: N, found })
}

/// Writes hex data: `0x` and two lowercase digits per byte.
pub fn format_data(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn quantities_follow_the_json_rpc_examples() {
        // The examples given in the JSON-RPC documentation.
        assert_eq!(parse_quantity_u64("0x41"), Ok(65));
        assert_eq!(parse_quantity_u64("0x400"), Ok(1024));
        assert_eq!(parse_quantity_u64("0x0"), Ok(0));
        assert_eq!(parse_quantity_u64("0x"), Err(HexError::EmptyQuantity));
        assert_eq!(parse_quantity_u64("0x0400"), Err(HexError::LeadingZero));
        assert_eq!(parse_quantity_u64("ff"), Err(HexError::MissingPrefix));
        assert_eq!(format_quantity_u64(65), "0x41");
        assert_eq!(format_quantity_u64(0), "0x0");
        assert_eq!(format_quantity(U256::ZERO), "0x0");
        assert_eq!(format_quantity(U256::from(1024u64)), "0x400");
    }

    #[test]
    fn data_follows_the_json_rpc_examples() {
        assert_eq!(parse_data("0x41"), Ok(vec![0x41]));
        assert_eq!(parse_data("0x004200"), Ok(vec![0, 0x42, 0]));
        assert_eq!(parse_data("0x"), Ok(vec![]));
        assert_eq!(parse_data("0xf0f0f"), Err(HexError::OddLength));
        assert_eq!(parse_data("004200"), Err(HexError::MissingPrefix));
        assert_eq!(format_data(&[0, 0x42, 0]), "0x004200");
        assert_eq!(format_data(&[]), "0x");
    }

    #[test]
    fn refuses_what_is_not_hex() {
        for bad in ["0xg", "0x 1", "0x1 ", " 0x1", "0X1", "0x-1", "0x+1", "0x1_0"] {
            assert!(parse_quantity(bad).is_err(), "{bad}");
            assert!(parse_data(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_quantity("0xé"), Err(HexError::NotHex));
        assert_eq!(parse_data("0xé1"), Err(HexError::NotHex));
    }

    #[test]
    fn bounds() {
        let max = format!("0x{}", "f".repeat(64));
        assert_eq!(parse_quantity(&max), Ok(U256::MAX));
        assert_eq!(
            parse_quantity(&format!("0x1{}", "0".repeat(64))),
            Err(HexError::Overflow { bits: 256 })
        );
        assert_eq!(parse_quantity_u64("0xffffffffffffffff"), Ok(u64::MAX));
        assert_eq!(
            parse_quantity_u64("0x10000000000000000"),
            Err(HexError::Overflow { bits: 64 })
        );
        assert_eq!(parse_quantity("0xABCdef"), Ok(U256::from(0xabcdef_u64)));
        assert_eq!(
            parse_data_fixed::<2>("0x010203"),
            Err(HexError::WrongLength {
                expected: 2,
                found: 3
            })
        );
    }

    proptest! {
        #[test]
        fn quantities_round_trip(limbs in any::<[u64; 4]>(), shift in 0usize..256) {
            let value = U256::from_limbs(limbs) >> shift;
            let text = format_quantity(value);
            prop_assert_eq!(parse_quantity(&text), Ok(value));
            // The upper-case spelling of the digits means the same number.
            let upper = format!("0x{}", text[2..].to_uppercase());
            prop_assert_eq!(parse_quantity(&upper), Ok(value));
            // A leading zero is refused whenever the value has digits to lead.
            let padded = format!("0x0{}", &text[2..]);
            prop_assert_eq!(parse_quantity(&padded), Err(HexError::LeadingZero));
        }

        #[test]
        fn u64_quantities_round_trip(value in any::<u64>()) {
            prop_assert_eq!(parse_quantity_u64(&format_quantity_u64(value)), Ok(value));
            prop_assert_eq!(parse_quantity(&format_quantity_u64(value)), Ok(U256::from(value)));
        }

        #[test]
        fn data_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            prop_assert_eq!(parse_data(&format_data(&bytes)), Ok(bytes));
        }
    }
}
