//! Signed messages: `personal_sign` (EIP-191 version `0x45`).
//!
//! The signed hash is `keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ message)`, where
//! `len` is the message's byte length in decimal ASCII. The leading `0x19` byte keeps the
//! payload from ever being a valid RLP transaction.
//!
//! The approval shows a message as text when it is printable UTF-8 and as hex otherwise:
//! [`printable_text`] decides. Text with bidirectional-override characters counts as not
//! printable, since those can make a message read differently from what it says.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-191>; `personal_sign` in geth's
//! `accounts.TextHash`.

use super::primitives::{B256, keccak256};
use super::quantity::{HexError, parse_data};

/// The EIP-191 `personal_sign` hash of `message`.
pub fn personal_message_hash(message: &[u8]) -> B256 {
    let mut payload = format!("\x19Ethereum Signed Message:\n{}", message.len()).into_bytes();
    payload.extend_from_slice(message);
    keccak256(payload)
}

/// The message bytes of a `personal_sign` parameter: `0x`-prefixed hex is decoded (that is
/// how dApps send bytes), any other string is taken as UTF-8 text.
///
/// # Errors
/// [`HexError::OddLength`] for `0x` followed by an odd number of hex digits, which wallets
/// read in incompatible ways (left-padded or as text), so the signature would not be what
/// the dApp expects.
pub fn message_from_param(param: &str) -> Result<Vec<u8>, HexError> {
    let looks_hex = param
        .strip_prefix("0x")
        .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()));
    if looks_hex {
        parse_data(param)
    } else {
        Ok(param.as_bytes().to_vec())
    }
}

/// Characters that reorder text on screen (Unicode bidirectional formatting characters).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// The message as text if it is UTF-8 with no control characters other than tab, line feed
/// and carriage return, and no bidirectional overrides; `None` means "show it as hex".
pub fn printable_text(message: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(message).ok()?;
    let printable = text
        .chars()
        .all(|c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || is_bidi_control(c)));
    printable.then_some(text)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::chains::evm::signer::{Signature, recover_address, sign_prehash};
    use crate::keyring::Secp256k1Secret;

    const VECTORS: &str = include_str!("../../../../testdata/evm/eip191.json");

    #[test]
    fn published_hashes() {
        let doc: Value = serde_json::from_str(VECTORS).unwrap();
        let cases = doc["hashes"].as_array().unwrap();
        assert_eq!(cases.len(), 4);
        for case in cases {
            let message = case["message"].as_str().unwrap();
            assert_eq!(
                personal_message_hash(message.as_bytes()).to_string(),
                case["hash"].as_str().unwrap(),
                "{message}"
            );
        }
    }

    #[test]
    fn published_personal_signatures() {
        let doc: Value = serde_json::from_str(VECTORS).unwrap();
        let cases = doc["personal_sign"].as_array().unwrap();
        assert_eq!(cases.len(), 4);
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let message = message_from_param(case["message"].as_str().unwrap()).unwrap();
            let hash = personal_message_hash(&message);
            let secret = Secp256k1Secret::from_hex(case["key"].as_str().unwrap()).unwrap();
            let sig = sign_prehash(&secret, &hash).unwrap();
            let expected = case["signature"].as_str().unwrap();
            assert_eq!(
                format!("0x{}", hex::encode(sig.to_rsv_bytes())),
                expected,
                "{name}"
            );
            let published = Signature::from_rsv_bytes(&hex::decode(&expected[2..]).unwrap()).unwrap();
            let address = recover_address(&hash, &published).unwrap();
            assert_eq!(
                address.to_lowercase_hex(),
                case["address"].as_str().unwrap(),
                "{name}"
            );
        }
    }

    #[test]
    fn reads_parameters_as_dapps_send_them() {
        assert_eq!(message_from_param("0x68656c6c6f"), Ok(b"hello".to_vec()));
        assert_eq!(message_from_param("0x"), Ok(vec![]));
        assert_eq!(message_from_param("hello"), Ok(b"hello".to_vec()));
        // Not hex after 0x: it is text.
        assert_eq!(message_from_param("0xzz"), Ok(b"0xzz".to_vec()));
        assert_eq!(message_from_param("0x123"), Err(HexError::OddLength));
    }

    #[test]
    fn decides_text_or_hex() {
        assert_eq!(
            printable_text(b"Sign in to example.org\nNonce: 42\t\r"),
            Some("Sign in to example.org\nNonce: 42\t\r")
        );
        assert_eq!(printable_text("Grüße 👋".as_bytes()), Some("Grüße 👋"));
        assert_eq!(printable_text(b""), Some(""));
        assert_eq!(printable_text(&[0xff, 0xfe]), None);
        assert_eq!(printable_text(b"nul\0byte"), None);
        assert_eq!(printable_text(b"bell\x07"), None);
        assert_eq!(printable_text("del\u{7f}".as_bytes()), None);
        assert_eq!(printable_text("c1\u{85}".as_bytes()), None);
        assert_eq!(printable_text("pay \u{202e}01 ETH".as_bytes()), None);
        assert_eq!(printable_text(&[0x0c, 0xc1, 0x75]), None);
    }
}
