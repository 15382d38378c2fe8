//! Amounts in whole units: wei as ether, a token's smallest unit as the token — written for
//! people ([`format_units`]) and read from what they type ([`parse_units`]).
//!
//! An amount of `n` smallest units of a currency with `d` decimals is `n / 10^d` units; it is
//! written in full, without rounding and without trailing zeros, so what the user reads is
//! exactly what is signed. Typed amounts are converted exactly: digits are shifted, never
//! multiplied through a float.
//!
//! Spec: ERC-20 `decimals` (<https://eips.ethereum.org/EIPS/eip-20>); ether has 18 decimals.

use super::primitives::U256;

/// `amount` smallest units of a currency with `decimals` decimals, in whole units: `1.5`,
/// `0.000001`, `1000`.
pub fn format_units(amount: U256, decimals: u8) -> String {
    let decimals = usize::from(decimals);
    if decimals == 0 {
        return amount.to_string();
    }
    let digits = format!("{amount:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// Wei in the native currency: `1.5 ETH`.
pub fn format_native(wei: U256, symbol: &str) -> String {
    format!("{} {symbol}", format_units(wei, 18))
}

/// A token symbol read from a contract, made safe to show: control characters and
/// surrounding spaces dropped, at most 16 characters; `None` when nothing is left.
pub fn clean_symbol(symbol: &str) -> Option<String> {
    let cleaned: String = symbol
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'))
        .collect::<String>()
        .trim()
        .chars()
        .take(16)
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The most decimals an asset may have: 10^77 < 2^256 < 10^78, so any 256-bit amount of an
/// asset with up to 77 decimals has a whole part; 36 is what wallets accept for tokens.
pub const MAX_DECIMALS: u8 = 36;

/// Why a decimal amount cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing was entered.
    #[error("enter an amount")]
    Empty,
    /// A character other than the digits and one decimal point.
    #[error("an amount is digits with at most one decimal point")]
    NotDecimal,
    /// More digits after the point than the asset has decimals.
    #[error("this asset has {decimals} decimals; the amount has more")]
    TooManyDecimals {
        /// The asset's decimals.
        decimals: u8,
    },
    /// The amount does not fit in 256 bits.
    #[error("the amount is too large")]
    TooLarge,
    /// The asset's decimals are out of range.
    #[error("an asset has at most {MAX_DECIMALS} decimals, not {0}")]
    BadDecimals(u8),
}

/// Reads `text` (`"1.5"`, `"0.000001"`, `"12"`, `".5"`) as an amount of an asset with
/// `decimals` decimals, in its smallest unit.
///
/// # Errors
/// [`AmountError`] for anything but digits with at most one point, more fractional digits than
/// `decimals`, or a value above 2^256 − 1.
pub fn parse_units(text: &str, decimals: u8) -> Result<U256, AmountError> {
    if decimals > MAX_DECIMALS {
        return Err(AmountError::BadDecimals(decimals));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(AmountError::NotDecimal);
    }
    // Trailing zeros after the point say nothing: "1.50" of a 1-decimal asset is fine.
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > usize::from(decimals) {
        return Err(AmountError::TooManyDecimals { decimals });
    }
    let mut digits = String::with_capacity(whole.len() + usize::from(decimals));
    digits.push_str(whole);
    digits.push_str(fraction);
    digits.extend(std::iter::repeat_n('0', usize::from(decimals) - fraction.len()));
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(digits, 10).map_err(|_| AmountError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_whole_units_exactly() {
        assert_eq!(format_units(U256::ZERO, 18), "0");
        assert_eq!(format_units(U256::from(1_500_000_u64), 6), "1.5");
        assert_eq!(format_units(U256::from(1_u8), 6), "0.000001");
        assert_eq!(format_units(U256::from(1_000_000_000_u64), 6), "1000");
        assert_eq!(format_units(U256::from(42_u8), 0), "42");
        assert_eq!(format_units(U256::from(5_u8), 255).len(), 2 + 254 + 1);
        assert_eq!(
            format_units(U256::MAX, 18),
            "115792089237316195423570985008687907853269984665640564039457.584007913129639935"
        );
        assert_eq!(
            format_native(U256::from(1_500_000_000_000_000_000_u128), "ETH"),
            "1.5 ETH"
        );
    }

    #[test]
    fn symbols_are_cleaned_for_display() {
        assert_eq!(clean_symbol("USDC").as_deref(), Some("USDC"));
        assert_eq!(clean_symbol("  DAI\n").as_deref(), Some("DAI"));
        assert_eq!(clean_symbol("E\u{202e}TH").as_deref(), Some("ETH"));
        assert_eq!(clean_symbol("\u{0}\u{1}"), None);
        assert_eq!(clean_symbol(&"A".repeat(40)).map(|s| s.len()), Some(16));
    }

    #[test]
    fn parses_decimal_text_exactly() {
        let wei = |s: &str| parse_units(s, 18);
        assert_eq!(wei("1.5"), Ok(U256::from(1_500_000_000_000_000_000_u128)));
        assert_eq!(wei("0.000000000000000001"), Ok(U256::from(1_u8)));
        assert_eq!(wei(".5"), Ok(U256::from(500_000_000_000_000_000_u128)));
        assert_eq!(wei("7."), Ok(U256::from(7_000_000_000_000_000_000_u128)));
        assert_eq!(wei("0"), Ok(U256::ZERO));
        assert_eq!(wei("00.100"), Ok(U256::from(100_000_000_000_000_000_u128)));
        // 0.1 + 0.2 is not 0.30000000000000004 here.
        assert_eq!(wei("0.3"), Ok(U256::from(300_000_000_000_000_000_u128)));
        assert_eq!(parse_units("12.34", 2), Ok(U256::from(1234_u16)));
        assert_eq!(parse_units("12.340", 2), Ok(U256::from(1234_u16)));
        assert_eq!(parse_units("5", 0), Ok(U256::from(5_u8)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(parse_units("", 18), Err(AmountError::Empty));
        assert_eq!(parse_units("  ", 18), Err(AmountError::Empty));
        for bad in [".", "1.2.3", "-1", "1e18", "0x10", "1,5", "+1", "1 000", "١"] {
            assert_eq!(parse_units(bad, 18), Err(AmountError::NotDecimal), "{bad}");
        }
        assert_eq!(
            parse_units("1.234", 2),
            Err(AmountError::TooManyDecimals { decimals: 2 })
        );
        assert_eq!(
            parse_units("0.5", 0),
            Err(AmountError::TooManyDecimals { decimals: 0 })
        );
        assert_eq!(parse_units(&"9".repeat(80), 0), Err(AmountError::TooLarge));
        assert_eq!(parse_units("1", 37), Err(AmountError::BadDecimals(37)));
    }

    #[test]
    fn parsed_amounts_format_back_to_the_same_text() {
        for (text, decimals) in [("1.5", 18), ("0.001", 6), ("123456789.987654321", 9), ("42", 0)] {
            assert_eq!(format_units(parse_units(text, decimals).unwrap(), decimals), text);
        }
    }
}
