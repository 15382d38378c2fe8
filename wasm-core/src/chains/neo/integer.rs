//! NeoVM integers: signed, at most 256 bits, as `ContractParameter` `Integer` values and
//! `PUSHINT*` operands carry them.
//!
//! Kept as minimal two's-complement bytes, little-endian (NeoVM's `BigInteger` encoding).
//! Why hand-written rather than num-bigint: we only parse and print decimals and produce
//! two's-complement bytes of at most 32 bytes; that is a few loops over a byte vector, and it
//! keeps a bignum library out of the wasm.
//!
//! Spec: `Neo.VM.ScriptBuilder.EmitPush(BigInteger)` in <https://github.com/neo-project/neo-vm>

use std::fmt;
use std::str::FromStr;

/// The largest NeoVM integer is 32 bytes (`PUSHINT256`).
pub const MAX_INTEGER_BYTES: usize = 32;

/// Why text is not a NeoVM integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IntegerError {
    /// Not an optional `-` followed by decimal digits.
    #[error("an integer is written as decimal digits with an optional leading minus sign")]
    NotDecimal,
    /// Has a fractional part (neon-js would silently drop it; a wallet must not).
    #[error("an integer cannot have a fractional part")]
    Fractional,
    /// Needs more than 256 bits.
    #[error("the integer does not fit in 256 bits (NeoVM's largest integer)")]
    TooLarge,
}

/// A signed integer of at most 256 bits.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Integer {
    /// Minimal two's complement, little-endian; empty for zero.
    twos: Vec<u8>,
}

fn is_negative(twos: &[u8]) -> bool {
    twos.last().is_some_and(|b| b & 0x80 != 0)
}

fn negate(bytes: &mut [u8]) {
    let mut carry = true;
    for b in bytes.iter_mut() {
        *b = !*b;
        if carry {
            let (v, c) = b.overflowing_add(1);
            *b = v;
            carry = c;
        }
    }
}

fn minimise(mut twos: Vec<u8>) -> Vec<u8> {
    while let Some(&last) = twos.last() {
        let below = twos.len().checked_sub(2).and_then(|i| twos.get(i)).copied();
        let redundant = match (last, below) {
            (0x00, Some(b)) => b & 0x80 == 0,
            (0x00, None) => true,
            (0xff, Some(b)) => b & 0x80 != 0,
            _ => false,
        };
        if !redundant {
            break;
        }
        twos.pop();
    }
    twos
}

impl Integer {
    /// Zero.
    pub const ZERO: Self = Self { twos: Vec::new() };

    /// From minimal-or-not two's-complement little-endian bytes.
    ///
    /// # Errors
    /// [`IntegerError::TooLarge`] beyond 32 bytes once minimised.
    pub fn from_twos_le(bytes: &[u8]) -> Result<Self, IntegerError> {
        let twos = minimise(bytes.to_vec());
        if twos.len() > MAX_INTEGER_BYTES {
            return Err(IntegerError::TooLarge);
        }
        Ok(Self { twos })
    }

    /// The minimal two's-complement bytes, little-endian (empty for zero).
    pub fn to_twos_le(&self) -> &[u8] {
        &self.twos
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        is_negative(&self.twos)
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.twos.len() > 8 {
            return None;
        }
        let fill = if self.is_negative() { 0xff } else { 0x00 };
        let mut bytes = [fill; 8];
        bytes[..self.twos.len()].copy_from_slice(&self.twos);
        Some(i64::from_le_bytes(bytes))
    }

    fn from_magnitude(mut magnitude: Vec<u8>, negative: bool) -> Result<Self, IntegerError> {
        // magnitude: little-endian unsigned. Add a zero byte so the sign bit is free, negate if
        // needed, then minimise.
        magnitude.push(0);
        if negative {
            negate(&mut magnitude);
        }
        Self::from_twos_le(&magnitude)
    }

    fn magnitude(&self) -> Vec<u8> {
        let mut bytes = self.twos.clone();
        if self.is_negative() {
            bytes.push(0xff);
            negate(&mut bytes);
        }
        bytes
    }
}

impl From<i64> for Integer {
    fn from(value: i64) -> Self {
        Self {
            twos: minimise(value.to_le_bytes().to_vec()),
        }
    }
}

impl From<i128> for Integer {
    fn from(value: i128) -> Self {
        Self {
            twos: minimise(value.to_le_bytes().to_vec()),
        }
    }
}

impl From<u64> for Integer {
    fn from(value: u64) -> Self {
        Self::from(i128::from(value))
    }
}

impl FromStr for Integer {
    type Err = IntegerError;

    /// Parses `-?[0-9]+` (leading zeros allowed, as neon-js allows them).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.contains('.') && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(IntegerError::Fractional);
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IntegerError::NotDecimal);
        }
        let mut magnitude: Vec<u8> = Vec::new();
        for d in digits.bytes() {
            let mut carry = u16::from(d - b'0');
            for byte in magnitude.iter_mut() {
                let v = u16::from(*byte) * 10 + carry;
                *byte = (v & 0xff) as u8;
                carry = v >> 8;
            }
            if carry > 0 {
                magnitude.push((carry & 0xff) as u8);
            }
            if magnitude.len() > MAX_INTEGER_BYTES + 1 {
                return Err(IntegerError::TooLarge);
            }
        }
        Self::from_magnitude(magnitude, negative)
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut magnitude = self.magnitude();
        let mut digits = Vec::new();
        loop {
            // Divide the little-endian magnitude by 10, from the most significant byte.
            let mut rem = 0u16;
            for byte in magnitude.iter_mut().rev() {
                let v = (rem << 8) | u16::from(*byte);
                *byte = u8::try_from(v / 10).unwrap_or(u8::MAX);
                rem = v % 10;
            }
            digits.push(b'0' + u8::try_from(rem).unwrap_or(0));
            while magnitude.last() == Some(&0) {
                magnitude.pop();
            }
            if magnitude.is_empty() {
                break;
            }
        }
        if self.is_negative() {
            f.write_str("-")?;
        }
        digits.reverse();
        f.write_str(std::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Integer({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_round_trips() {
        for text in [
            "0",
            "1",
            "-1",
            "127",
            "128",
            "-128",
            "-129",
            "255",
            "256",
            "-32768",
            "65535",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551615",
            "57896044618658097711785492504343953926634992332820282019728792003956564819967",
            "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
        ] {
            let value: Integer = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
        }
        assert_eq!("007".parse::<Integer>().unwrap().to_string(), "7");
        assert_eq!("-0".parse::<Integer>().unwrap(), Integer::ZERO);
        assert_eq!(Integer::from(-1i64).to_twos_le(), &[0xff]);
        assert_eq!(Integer::from(128i64).to_twos_le(), &[0x80, 0x00]);
        assert_eq!(Integer::from(-129i64).to_twos_le(), &[0x7f, 0xff]);
        assert_eq!(Integer::from(i64::MIN).to_i64(), Some(i64::MIN));
    }

    #[test]
    fn errors() {
        // 2^255 does not fit (the largest is 2^255 - 1).
        let too_big = "57896044618658097711785492504343953926634992332820282019728792003956564819968";
        assert_eq!(too_big.parse::<Integer>(), Err(IntegerError::TooLarge));
        assert_eq!("1".repeat(100).parse::<Integer>(), Err(IntegerError::TooLarge));
        assert_eq!("1.5".parse::<Integer>(), Err(IntegerError::Fractional));
        for bad in ["", "-", "1e5", "0x10", " 1", "+1", "１"] {
            assert_eq!(bad.parse::<Integer>(), Err(IntegerError::NotDecimal), "{bad}");
        }
    }
}
