//! Entry points for `scripts/bench` only, compiled with the feature `bench-exports` into a
//! separate build that never ships (`scripts/build` does not enable it): the in-browser
//! benchmarks time the engine's own code paths beside the JS libraries in the same page.
//! The keys they take are throwaway test keys the benchmark makes up; the shipped engine has
//! no export that signs with a key handed in from JS.

use wasm_bindgen::prelude::*;

use crate::chains::evm::{B256, signer};
use crate::keyring::{Keyring, Mnemonic, Secp256k1Secret};

/// secp256k1 signing as the engine does it ([`signer::sign_prehash`]: RFC 6979, low-s).
#[wasm_bindgen]
pub struct Secp256k1Bench {
    secret: Secp256k1Secret,
}

#[wasm_bindgen]
impl Secp256k1Bench {
    /// A signer over a 32-byte test key.
    #[wasm_bindgen(constructor)]
    pub fn new(secret: &[u8]) -> Result<Secp256k1Bench, JsError> {
        let bytes: &[u8; 32] = secret
            .try_into()
            .map_err(|_| JsError::new("the key must be 32 bytes"))?;
        let secret = Secp256k1Secret::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Self { secret })
    }

    /// Signs each 32-byte digest of `digests` (concatenated); returns r ‖ s ‖ v per digest.
    pub fn sign(&self, digests: &[u8]) -> Result<Vec<u8>, JsError> {
        if !digests.len().is_multiple_of(32) {
            return Err(JsError::new("digests must be a multiple of 32 bytes"));
        }
        let mut out = Vec::with_capacity(digests.len() / 32 * 65);
        for chunk in digests.chunks_exact(32) {
            let mut digest = [0u8; 32];
            digest.copy_from_slice(chunk);
            let signature = signer::sign_prehash(&self.secret, &B256::from(digest))
                .map_err(|e| JsError::new(&e.to_string()))?;
            out.extend_from_slice(&signature.to_rsv_bytes());
        }
        Ok(out)
    }
}

/// Builds a keyring from `phrase` with `count` HD accounts (each on secp256k1, P-256 and
/// ed25519), as creating a wallet and adding accounts does; returns how many it holds.
#[wasm_bindgen(js_name = hdAccounts)]
pub fn hd_accounts(phrase: &str, count: u32) -> Result<u32, JsError> {
    let mnemonic = Mnemonic::parse(phrase).map_err(|e| JsError::new(&e.to_string()))?;
    let mut keyring = Keyring::from_mnemonic(mnemonic, "").map_err(|e| JsError::new(&e.to_string()))?;
    for _ in 1..count {
        keyring.add_account().map_err(|e| JsError::new(&e.to_string()))?;
    }
    u32::try_from(keyring.accounts().len()).map_err(|_| JsError::new("too many accounts"))
}
