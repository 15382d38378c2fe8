//! NeoLine's message-signing formats (`signMessage`, `signMessageV2`, `signMessageWithoutSalt`,
//! `signMessageWithoutSaltV2`) and their verifiers, byte for byte as NeoLine builds them.
//!
//! The signed text is `salt + message` (the salt is 16 random bytes written as 32 lowercase hex
//! characters and joined *as text*), or the message alone for the WithoutSalt variants; `hex`
//! below is its UTF-8 bytes.
//! - **V1**: payload = `01 00 01 f0 ‖ varint(len) ‖ bytes ‖ 00 00`; the signature is ECDSA
//!   P-256 over SHA-256(payload).
//! - **V2** (Ledger-compatible): a fake N3 transaction `00 × 25 ‖ 01 ‖ 00 × 20 ‖ 00 ‖ 00 ‖
//!   varint(len) ‖ bytes` (version, nonce, fees and validUntilBlock zero; one signer, the zero
//!   account, scope None; no attributes; the text as the script). The signature is over the
//!   N3 signing data with network magic 0: SHA-256(`00000000 ‖ SHA-256(tx)`).
//!
//! The answer is NeoLine's `{publicKey, data, salt, message}`: `data` is the signature in hex,
//! `salt` is absent for the WithoutSalt variants, `message` is the message without the salt.
//! Randomness is injected: the caller passes the 16 salt bytes.
//!
//! Spec: NeoLine `src/app/popup/notification/neo3-signature/neo3-signature.component.ts`,
//! `neo3-signature-v2/neo3-signature-v2.component.ts` and `extension/background` (VerifyMessage,
//! VerifyMessageV2) in <https://github.com/NeoNEXT/neoline>;
//! <https://tutorial.neoline.io/reference/neo3-provider-api/write-methods/signmessage>

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::io::write_var_bytes;
use super::keys::{KeyError, PrivateKey, PublicKey, Signature};

/// Which of NeoLine's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageFormat {
    /// `signMessage` / `signMessageWithoutSalt`.
    V1,
    /// `signMessageV2` / `signMessageWithoutSaltV2` (Ledger-compatible).
    V2,
}

/// NeoLine's answer to a sign-message request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedMessage {
    /// The signer's compressed public key, hex.
    pub public_key: String,
    /// The signature, 128 hex characters.
    pub data: String,
    /// The 32-hex-character salt; absent for the WithoutSalt variants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// The message as the dApp gave it (without the salt).
    pub message: String,
}

/// Why a signed message could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// The public key or the signature is malformed.
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The salt text for 16 random bytes: 32 lowercase hex characters.
pub fn salt_text(random: &[u8; 16]) -> String {
    hex::encode(random)
}

/// The V1 payload for the text that is signed (salt already prepended).
pub fn payload_v1(text: &str) -> Vec<u8> {
    let mut out = vec![0x01, 0x00, 0x01, 0xf0];
    write_var_bytes(&mut out, text.as_bytes());
    out.extend_from_slice(&[0x00, 0x00]);
    out
}

/// The V2 fake transaction for the text that is signed (salt already prepended).
pub fn fake_transaction_v2(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; 25];
    out.push(0x01);
    out.extend_from_slice(&[0u8; 20]);
    out.extend_from_slice(&[0x00, 0x00]);
    write_var_bytes(&mut out, text.as_bytes());
    out
}

/// The bytes whose SHA-256 the key signs.
pub fn signed_bytes(format: MessageFormat, text: &str) -> Vec<u8> {
    match format {
        MessageFormat::V1 => payload_v1(text),
        MessageFormat::V2 => {
            let mut out = vec![0u8; 4];
            out.extend_from_slice(&Sha256::digest(fake_transaction_v2(text)));
            out
        }
    }
}

/// Signs `message` in a NeoLine format. `salt` is 16 random bytes from the caller, or `None`
/// for the WithoutSalt variants.
pub fn sign_message(
    key: &PrivateKey,
    format: MessageFormat,
    message: &str,
    salt: Option<&[u8; 16]>,
) -> SignedMessage {
    let salt = salt.map(salt_text);
    let text = format!("{}{message}", salt.as_deref().unwrap_or(""));
    let signature = key.sign(&signed_bytes(format, &text));
    SignedMessage {
        public_key: key.public_key().to_string(),
        data: signature.to_string(),
        salt,
        message: message.to_owned(),
    }
}

/// Verifies NeoLine's `verifyMessage`/`verifyMessageV2` inputs: `text` is salt + message as
/// signed, `data` the hex signature, `public_key` hex.
///
/// # Errors
/// [`MessageError::Key`] for a malformed key or signature; a well-formed signature that does
/// not match gives `Ok(false)`.
pub fn verify_message(
    format: MessageFormat,
    text: &str,
    data: &str,
    public_key: &str,
) -> Result<bool, MessageError> {
    let key: PublicKey = public_key.parse()?;
    let signature: Signature = data.parse()?;
    Ok(key.verify(&signed_bytes(format, text), &signature))
}

impl SignedMessage {
    /// Verifies the answer (rebuilding salt + message).
    ///
    /// # Errors
    /// As [`verify_message`].
    pub fn verify(&self, format: MessageFormat) -> Result<bool, MessageError> {
        let text = format!("{}{}", self.salt.as_deref().unwrap_or(""), self.message);
        verify_message(format, &text, &self.data, &self.public_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts() {
        assert_eq!(hex::encode(payload_v1("ab")), "010001f00261620000");
        let tx = fake_transaction_v2("ab");
        assert_eq!(
            hex::encode(&tx[..48]),
            format!("{}01{}0000", "00".repeat(25), "00".repeat(20))
        );
        assert_eq!(hex::encode(&tx[48..]), "026162");
        // 300 bytes: a 3-byte var-int.
        let long = "x".repeat(300);
        assert_eq!(&payload_v1(&long)[4..7], &[0xfd, 0x2c, 0x01]);
    }

    #[test]
    fn sign_and_verify_every_variant() {
        let key =
            PrivateKey::from_hex("9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69").unwrap();
        for format in [MessageFormat::V1, MessageFormat::V2] {
            for salt in [Some([7u8; 16]), None] {
                let signed = sign_message(&key, format, "Hello 小蚁", salt.as_ref());
                assert_eq!(signed.salt.is_some(), salt.is_some());
                assert!(signed.verify(format).unwrap());
                let other = if format == MessageFormat::V1 {
                    MessageFormat::V2
                } else {
                    MessageFormat::V1
                };
                assert!(!signed.verify(other).unwrap());
                let mut tampered = signed.clone();
                tampered.message.push('!');
                assert!(!tampered.verify(format).unwrap());
            }
        }
        let json = serde_json::to_value(sign_message(&key, MessageFormat::V1, "m", None)).unwrap();
        assert!(json.get("salt").is_none() && json.get("publicKey").is_some());
    }
}
