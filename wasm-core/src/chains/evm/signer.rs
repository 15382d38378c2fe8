//! secp256k1 ECDSA signatures the way Ethereum writes them.
//!
//! The signer only ever signs a 32-byte prehash (a transaction's signing hash, an EIP-191 or
//! EIP-712 digest); what the hash commits to is the encoding layer's business. Signatures
//! are deterministic (RFC 6979) and low-s normalised, as EIP-2 requires of transactions.
//!
//! Where the recovery bit goes depends on the container:
//! - typed transactions (EIP-2930, EIP-1559) carry `yParity` (0 or 1);
//! - legacy transactions carry `v = 27 + yParity`, or with EIP-155 replay protection
//!   `v = chainId * 2 + 35 + yParity`;
//! - signed messages (`personal_sign`, `eth_signTypedData_*`) are the 65 bytes `r ‖ s ‖ v`
//!   with `v = 27 + yParity`.
//!
//! Spec: SEC 1 v2 section 4.1.6 (public key recovery), <https://eips.ethereum.org/EIPS/eip-2>
//! (low s), <https://eips.ethereum.org/EIPS/eip-155> (`v`).

use super::Address;
use super::primitives::{B256, U256};
use crate::api::ChainId;
use crate::keyring::Secp256k1Secret;
use k256::ecdsa::{RecoveryId, SigningKey, VerifyingKey};

/// The secp256k1 group order n.
const ORDER: U256 = U256::from_be_bytes([
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba,
    0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
]);

/// Why a signature is refused, or could not be made or checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// `r` is zero or not below the group order.
    #[error("the signature's r is out of range")]
    InvalidR,
    /// `s` is zero or not below the group order.
    #[error("the signature's s is out of range")]
    InvalidS,
    /// `s` is above n/2; EIP-2 makes such transaction signatures invalid.
    #[error("the signature's s is in the upper half of the range (EIP-2 forbids it)")]
    HighS,
    /// A `v` (or `yParity`) that means neither recovery bit.
    #[error("the signature's v value {v} is not valid here")]
    InvalidV {
        /// The value found.
        v: u64,
    },
    /// A signature in the 65-byte `r ‖ s ‖ v` form that is not 65 bytes long.
    #[error("a signature is 65 bytes, found {found}")]
    Length {
        /// Bytes given.
        found: usize,
    },
    /// The signing key is not a valid secp256k1 scalar (a `Secp256k1Secret` always is, so
    /// this is never expected).
    #[error("the signing key is not a valid secp256k1 private key")]
    InvalidKey,
    /// No public key matches the signature and hash.
    #[error("no public key can be recovered from this signature")]
    Unrecoverable,
    /// The nonce point's x coordinate overflowed the group order, so `v` cannot express the
    /// signature (probability about 2^-128; signing this hash again cannot help, since RFC
    /// 6979 is deterministic).
    #[error("this signature cannot be expressed with an Ethereum v value")]
    Unrepresentable,
}

/// A secp256k1 ECDSA signature with its recovery bit: `r` and `s` are in 1..n-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    r: U256,
    s: U256,
    y_parity: bool,
}

impl Signature {
    /// Makes a signature from its parts.
    ///
    /// # Errors
    /// [`SignatureError::InvalidR`] or [`SignatureError::InvalidS`] unless both are in
    /// 1..n-1. A high `s` is accepted here (messages allow it); see [`Self::is_low_s`].
    pub fn new(r: U256, s: U256, y_parity: bool) -> Result<Self, SignatureError> {
        if r.is_zero() || r >= ORDER {
            return Err(SignatureError::InvalidR);
        }
        if s.is_zero() || s >= ORDER {
            return Err(SignatureError::InvalidS);
        }
        Ok(Self { r, s, y_parity })
    }

    /// `r`.
    pub const fn r(&self) -> U256 {
        self.r
    }

    /// `s`.
    pub const fn s(&self) -> U256 {
        self.s
    }

    /// The recovery bit: whether the nonce point's y coordinate is odd.
    pub const fn y_parity(&self) -> bool {
        self.y_parity
    }

    /// Whether `s` is at most n/2, as EIP-2 requires of transactions.
    pub fn is_low_s(&self) -> bool {
        self.s <= ORDER >> 1
    }

    /// The same signature with `s` in the lower half (`n - s`, recovery bit flipped): it
    /// recovers the same key.
    pub fn normalized(&self) -> Self {
        if self.is_low_s() {
            *self
        } else {
            Self {
                r: self.r,
                s: ORDER - self.s,
                y_parity: !self.y_parity,
            }
        }
    }

    /// The legacy transaction `v`: `27 + yParity` without a chain id, and
    /// `chainId * 2 + 35 + yParity` with one (EIP-155). Cannot overflow: chain ids are below
    /// 2^53.
    pub fn legacy_v(&self, chain_id: Option<ChainId>) -> u64 {
        let parity = u64::from(self.y_parity);
        match chain_id {
            None => 27 + parity,
            Some(id) => id.get() * 2 + 35 + parity,
        }
    }

    /// The 65-byte message signature `r ‖ s ‖ v` with `v` = 27 or 28.
    pub fn to_rsv_bytes(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[..32].copy_from_slice(&self.r.to_be_bytes::<32>());
        out[32..64].copy_from_slice(&self.s.to_be_bytes::<32>());
        out[64] = 27 + u8::from(self.y_parity);
        out
    }

    /// Reads a 65-byte message signature `r ‖ s ‖ v`; `v` may be 27/28 or 0/1.
    ///
    /// # Errors
    /// [`SignatureError::Length`] unless 65 bytes; [`SignatureError::InvalidV`] for another
    /// `v`; the errors of [`Self::new`].
    pub fn from_rsv_bytes(bytes: &[u8]) -> Result<Self, SignatureError> {
        let bytes: &[u8; 65] = bytes
            .try_into()
            .map_err(|_| SignatureError::Length { found: bytes.len() })?;
        let y_parity = match bytes[64] {
            0 | 27 => false,
            1 | 28 => true,
            v => return Err(SignatureError::InvalidV { v: u64::from(v) }),
        };
        let mut r = [0u8; 32];
        let mut s = [0u8; 32];
        r.copy_from_slice(&bytes[..32]);
        s.copy_from_slice(&bytes[32..64]);
        Self::new(U256::from_be_bytes(r), U256::from_be_bytes(s), y_parity)
    }

    fn to_k256(self) -> Result<k256::ecdsa::Signature, SignatureError> {
        k256::ecdsa::Signature::from_scalars(self.r.to_be_bytes::<32>(), self.s.to_be_bytes::<32>())
            .map_err(|_| SignatureError::InvalidR)
    }
}

/// Reads the `yParity` of a typed transaction: 0 or 1.
///
/// # Errors
/// [`SignatureError::InvalidV`] for anything else.
pub fn y_parity_from_u64(v: u64) -> Result<bool, SignatureError> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        v => Err(SignatureError::InvalidV { v }),
    }
}

/// Reads a legacy transaction `v` into the recovery bit and the EIP-155 chain id, if any.
///
/// # Errors
/// [`SignatureError::InvalidV`] for a `v` that is neither 27/28 nor at least 35, or whose
/// chain id is not a valid [`ChainId`].
pub fn parse_legacy_v(v: u64) -> Result<(bool, Option<ChainId>), SignatureError> {
    match v {
        27 => Ok((false, None)),
        28 => Ok((true, None)),
        35.. => {
            let id = (v - 35) / 2;
            let chain_id = ChainId::new(id).map_err(|_| SignatureError::InvalidV { v })?;
            Ok(((v - 35) % 2 == 1, Some(chain_id)))
        }
        v => Err(SignatureError::InvalidV { v }),
    }
}

/// Signs a 32-byte prehash with RFC 6979 deterministic nonces; `s` comes out low.
///
/// # Errors
/// [`SignatureError::Unrepresentable`] in the astronomically unlikely case that the
/// signature needs a recovery id beyond `yParity`.
pub fn sign_prehash(secret: &Secp256k1Secret, prehash: &B256) -> Result<Signature, SignatureError> {
    // `from_slice` reads the zeroizing buffer in place, so no unzeroized copy of the key is
    // left behind; `SigningKey` zeroizes itself on drop.
    let bytes = secret.to_bytes();
    let key = SigningKey::from_slice(bytes.as_slice()).map_err(|_| SignatureError::InvalidKey)?;
    let (signature, recovery_id) = key.sign_prehash_recoverable(prehash.as_bytes());
    if recovery_id.is_x_reduced() {
        return Err(SignatureError::Unrepresentable);
    }
    let (r, s) = signature.split_bytes();
    let r: [u8; 32] = r.into();
    let s: [u8; 32] = s.into();
    Signature::new(
        U256::from_be_bytes(r),
        U256::from_be_bytes(s),
        recovery_id.is_y_odd(),
    )
}

/// Recovers the public key that made `signature` over `prehash`. High-s signatures are
/// accepted (they recover the same key as their normalised form).
///
/// # Errors
/// [`SignatureError::Unrecoverable`] when no key matches.
pub fn recover_public_key(prehash: &B256, signature: &Signature) -> Result<k256::PublicKey, SignatureError> {
    let low = signature.normalized();
    let recovery_id = RecoveryId::new(low.y_parity, false);
    let key = VerifyingKey::recover_from_prehash(prehash.as_bytes(), &low.to_k256()?, recovery_id)
        .map_err(|_| SignatureError::Unrecoverable)?;
    Ok(key.into())
}

/// Recovers the address that made `signature` over `prehash`.
///
/// # Errors
/// [`SignatureError::Unrecoverable`] when no key matches.
pub fn recover_address(prehash: &B256, signature: &Signature) -> Result<Address, SignatureError> {
    recover_public_key(prehash, signature).map(|key| Address::from_public_key(&key))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn key(byte: u8) -> Secp256k1Secret {
        Secp256k1Secret::from_bytes(&[byte; 32]).unwrap()
    }

    #[test]
    fn signs_low_s_and_recovers_the_signer() {
        let secret = key(0x46);
        for i in 0u8..40 {
            let hash = super::super::primitives::keccak256([i]);
            let sig = sign_prehash(&secret, &hash).unwrap();
            assert!(sig.is_low_s());
            assert_eq!(recover_address(&hash, &sig).unwrap(), secret.evm_address());
            // Deterministic.
            assert_eq!(sign_prehash(&secret, &hash).unwrap(), sig);
            // The high-s twin recovers the same address.
            let twin = Signature::new(sig.r(), ORDER - sig.s(), !sig.y_parity()).unwrap();
            assert!(!twin.is_low_s());
            assert_eq!(twin.normalized(), sig);
            assert_eq!(recover_address(&hash, &twin).unwrap(), secret.evm_address());
            // The wrong parity recovers another address (or none).
            let flipped = Signature::new(sig.r(), sig.s(), !sig.y_parity()).unwrap();
            assert_ne!(recover_address(&hash, &flipped).ok(), Some(secret.evm_address()));
        }
    }

    #[test]
    fn v_conventions() {
        let sig = Signature::new(U256::from(1u64), U256::from(2u64), true).unwrap();
        assert_eq!(sig.legacy_v(None), 28);
        assert_eq!(sig.legacy_v(Some(ChainId::new(1).unwrap())), 38);
        assert_eq!(
            sig.legacy_v(Some(ChainId::new(ChainId::MAX).unwrap())),
            ChainId::MAX * 2 + 36
        );
        assert_eq!(sig.to_rsv_bytes()[64], 28);
        assert_eq!(parse_legacy_v(27), Ok((false, None)));
        assert_eq!(parse_legacy_v(28), Ok((true, None)));
        assert_eq!(parse_legacy_v(37), Ok((false, Some(ChainId::new(1).unwrap()))));
        assert_eq!(parse_legacy_v(38), Ok((true, Some(ChainId::new(1).unwrap()))));
        for bad in [0, 1, 26, 29, 34, 36 + 2 * (ChainId::MAX + 1)] {
            assert!(parse_legacy_v(bad).is_err(), "{bad}");
        }
        // v = 35/36 means chain id 0, which is no chain.
        assert_eq!(parse_legacy_v(35), Err(SignatureError::InvalidV { v: 35 }));
        assert_eq!(y_parity_from_u64(1), Ok(true));
        assert_eq!(y_parity_from_u64(27), Err(SignatureError::InvalidV { v: 27 }));
    }

    #[test]
    fn refuses_out_of_range_scalars_and_malformed_rsv() {
        assert_eq!(
            Signature::new(U256::ZERO, U256::from(1u64), false),
            Err(SignatureError::InvalidR)
        );
        assert_eq!(
            Signature::new(ORDER, U256::from(1u64), false),
            Err(SignatureError::InvalidR)
        );
        assert_eq!(
            Signature::new(U256::from(1u64), U256::ZERO, false),
            Err(SignatureError::InvalidS)
        );
        assert_eq!(
            Signature::new(U256::from(1u64), ORDER, false),
            Err(SignatureError::InvalidS)
        );
        assert_eq!(
            Signature::from_rsv_bytes(&[0; 64]),
            Err(SignatureError::Length { found: 64 })
        );
        let mut bytes = Signature::new(U256::from(5u64), U256::from(6u64), false)
            .unwrap()
            .to_rsv_bytes();
        bytes[64] = 29;
        assert_eq!(
            Signature::from_rsv_bytes(&bytes),
            Err(SignatureError::InvalidV { v: 29 })
        );
        bytes[64] = 1;
        assert!(Signature::from_rsv_bytes(&bytes).unwrap().y_parity());
    }

    proptest! {
        #[test]
        fn rsv_round_trips(r in 1u64.., s in 1u64.., parity: bool) {
            let sig = Signature::new(U256::from(r), U256::from(s), parity).unwrap();
            prop_assert_eq!(Signature::from_rsv_bytes(&sig.to_rsv_bytes()), Ok(sig));
        }

        #[test]
        fn recovers_any_signer(seed in any::<[u8; 32]>(), hash in any::<[u8; 32]>()) {
            let Ok(secret) = Secp256k1Secret::from_bytes(&seed) else { return Ok(()) };
            let hash = B256::new(hash);
            let sig = sign_prehash(&secret, &hash).unwrap();
            prop_assert!(sig.is_low_s());
            prop_assert_eq!(recover_address(&hash, &sig).unwrap(), secret.evm_address());
        }
    }
}
