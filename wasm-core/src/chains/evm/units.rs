//! Amounts in whole units: wei as ether, a token's smallest unit as the token.
//!
//! An amount of `n` smallest units of a currency with `d` decimals is `n / 10^d` units; it is
//! written in full, without rounding and without trailing zeros, so what the user reads is
//! exactly what is signed.

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
}
