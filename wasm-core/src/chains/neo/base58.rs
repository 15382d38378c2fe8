//! Base58Check as NEO uses it (the Bitcoin alphabet, a 4-byte double-SHA-256 checksum), for
//! addresses, WIF and NEP-2 strings.
//!
//! Why not bs58's `check` feature: it depends on sha2 0.10, and the rest of the crate is on
//! sha2 0.11; the checksum is four lines.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Why a string is not valid Base58Check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base58Error {
    /// A character outside the Base58 alphabet.
    Alphabet,
    /// Too short to hold a checksum, or not the expected length.
    Length(usize),
    /// The checksum does not match.
    Checksum,
}

fn checksum(payload: &[u8]) -> [u8; 4] {
    let hash = Sha256::digest(Sha256::digest(payload));
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Encodes `payload ‖ checksum`.
pub(crate) fn encode_check(payload: &[u8]) -> String {
    let mut data = Zeroizing::new(Vec::with_capacity(payload.len() + 4));
    data.extend_from_slice(payload);
    data.extend_from_slice(&checksum(payload));
    bs58::encode(&*data).into_string()
}

/// Decodes and checks the checksum, returning the payload (zeroized on drop: it may be a key).
pub(crate) fn decode_check(text: &str, payload_len: usize) -> Result<Zeroizing<Vec<u8>>, Base58Error> {
    // A payload of n bytes is at most about 1.37 n characters; refuse huge inputs before decoding.
    if text.len() > (payload_len + 4) * 2 {
        return Err(Base58Error::Length(text.len()));
    }
    let data = Zeroizing::new(bs58::decode(text).into_vec().map_err(|_| Base58Error::Alphabet)?);
    if data.len() != payload_len + 4 {
        return Err(Base58Error::Length(data.len()));
    }
    let (payload, check) = data.split_at(payload_len);
    if checksum(payload) != check {
        return Err(Base58Error::Checksum);
    }
    Ok(Zeroizing::new(payload.to_vec()))
}
