//! Hex for secret bytes without stray copies: encoding writes into a zeroized string of
//! exactly the right size, so it never reallocates and leaves a copy behind.

use zeroize::Zeroizing;

const DIGITS: &str = "0123456789abcdef";

fn digit(nibble: u8) -> &'static str {
    let i = usize::from(nibble & 0x0f);
    DIGITS.get(i..=i).unwrap_or("0")
}

/// Lowercase hex of `bytes` in a zeroized string allocated at its final size.
pub(crate) fn encode(bytes: &[u8]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(bytes.len() * 2));
    for byte in bytes {
        out.push_str(digit(byte >> 4));
        out.push_str(digit(*byte));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_at_the_exact_size() {
        let bytes = [0x00, 0x01, 0xab, 0xff, 0x7f];
        let text = encode(&bytes);
        assert_eq!(*text, "0001abff7f");
        assert_eq!(text.capacity(), text.len());
    }
}
