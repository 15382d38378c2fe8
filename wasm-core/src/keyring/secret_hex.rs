//! Hex for secret bytes without stray copies: encoding writes into a zeroized string of
//! exactly the right size (so it never reallocates and leaves a copy behind), and decoding
//! into a zeroized buffer of exactly the decoded size.

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

/// Decodes hex of any length into a zeroized buffer of exactly the decoded size. `None` for
/// an odd length or a non-hex character.
pub(crate) fn decode(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let mut out = Zeroizing::new(vec![0u8; text.len() / 2]);
    hex::decode_to_slice(text, &mut out[..]).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_sizes_exactly() {
        let bytes = [0x00, 0x01, 0xab, 0xff, 0x7f];
        let text = encode(&bytes);
        assert_eq!(*text, "0001abff7f");
        assert_eq!(text.capacity(), text.len());
        assert_eq!(&decode(&text).unwrap()[..], &bytes);
        assert!(decode("abc").is_none());
        assert!(decode("zz").is_none());
        assert_eq!(decode("").unwrap().len(), 0);
    }
}
