//! Token amounts: whole-token decimal strings (`1.5`) ↔ integers in the token's smallest unit,
//! done on decimal digits so that any NEP-17 amount (up to NeoVM's 256-bit integers) fits.

use crate::chains::neo::Integer;

/// The largest `decimals` a token may declare for Formica to format it.
pub const MAX_DECIMALS: u8 = 36;

/// `raw` (an integer in the smallest unit, as decimal digits with an optional `-`) in whole
/// tokens: `format_amount("150000000", 8) == "1.5"`. `None` when `raw` is not an integer.
pub fn format_amount(raw: &str, decimals: u8) -> Option<String> {
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || decimals > MAX_DECIMALS {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    let width = usize::from(decimals) + 1;
    let padded = format!("{digits:0>width$}");
    let (whole, fraction) = padded.split_at(padded.len() - usize::from(decimals));
    let fraction = fraction.trim_end_matches('0');
    let sign = if negative && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// A whole-token amount (`1.5`, `10`, `0.00000001`) in the smallest unit. Positive amounts
/// only, with at most `decimals` digits after the point.
///
/// # Errors
/// A sentence saying what is wrong with the text.
pub fn parse_amount(text: &str, decimals: u8) -> Result<Integer, String> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits_only(whole) || !digits_only(fraction) {
        return Err(format!("{text:?} is not an amount like 1.5"));
    }
    if fraction.len() > usize::from(decimals) {
        return Err(format!("this token has {decimals} decimals; {text} has more"));
    }
    let raw = format!("{whole}{fraction:0<width$}", width = usize::from(decimals));
    let raw = raw.trim_start_matches('0');
    if raw.is_empty() {
        return Err("the amount must be more than zero".into());
    }
    raw.parse::<Integer>().map_err(|e| format!("amount: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_smallest_units_as_whole_tokens() {
        assert_eq!(format_amount("150000000", 8).as_deref(), Some("1.5"));
        assert_eq!(format_amount("1", 8).as_deref(), Some("0.00000001"));
        assert_eq!(format_amount("0", 8).as_deref(), Some("0"));
        assert_eq!(format_amount("100", 0).as_deref(), Some("100"));
        assert_eq!(format_amount("-5", 1).as_deref(), Some("-0.5"));
        assert_eq!(format_amount("000120", 2).as_deref(), Some("1.2"));
        assert_eq!(format_amount("1.5", 2), None);
        assert_eq!(format_amount("", 2), None);
    }

    #[test]
    fn parses_whole_tokens_into_smallest_units() {
        assert_eq!(parse_amount("1.5", 8).unwrap().to_string(), "150000000");
        assert_eq!(parse_amount("10", 0).unwrap().to_string(), "10");
        assert_eq!(parse_amount("0.00000001", 8).unwrap().to_string(), "1");
        assert_eq!(parse_amount(".5", 1).unwrap().to_string(), "5");
        for bad in ["", ".", "0", "0.0", "1.5", "-1", "1e3", "1,5", "abc"] {
            assert!(parse_amount(bad, 0).is_err(), "{bad}");
        }
        assert!(parse_amount("0.000000001", 8).is_err());
    }
}
