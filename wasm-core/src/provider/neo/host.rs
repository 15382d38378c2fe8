//! What NEO dAPI methods may ask of the wallet: a narrow interface the engine implements and
//! tests fake. Keys never leave the host: methods hand it a 32-byte digest to sign.

use serde_json::Value;

use super::NeoError;
use crate::api::{ApprovalKind, NeoNetworkInfo};
use crate::chains::neo::{Address, NetworkMagic, PublicKey, Signature, UInt160};
use crate::provider::Origin;

/// The NEO account a site sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeoAccountView {
    /// The address.
    pub address: Address,
    /// The user's name for it.
    pub label: String,
    /// The public key.
    pub public_key: PublicKey,
}

impl NeoAccountView {
    /// NeoLine's `{address, label}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({"address": self.address.to_string(), "label": self.label})
    }
}

/// NeoLine's chain id for a network: 3 N3 MainNet, 6 N3 TestNet, 0 any other (private) net.
pub fn neoline_chain_id(magic: u32) -> u32 {
    match NetworkMagic::new(magic) {
        NetworkMagic::MAINNET => 3,
        NetworkMagic::TESTNET => 6,
        _ => 0,
    }
}

/// The wallet as NEO dAPI methods see it.
#[async_trait::async_trait(?Send)]
pub trait NeoHost {
    /// The selected NEO network.
    fn network(&self) -> NeoNetworkInfo;

    /// Every NEO network.
    fn networks(&self) -> Vec<NeoNetworkInfo>;

    /// The account `origin` is connected to, while the wallet is unlocked.
    fn account(&self, origin: &Origin) -> Option<NeoAccountView>;

    /// The verification script of `account` when the wallet knows it: one of its own
    /// accounts, or a multisig account it holds (for fees and for signing contexts).
    fn verification_script(&self, account: &UInt160) -> Option<Vec<u8>>;

    /// Whether `origin` holds a NEO grant (locked or not).
    fn is_connected(&self, origin: &Origin) -> bool;

    /// Connects `origin` (asking the user, unlocking first when needed) unless it already is.
    ///
    /// # Errors
    /// `CONNECTION_DENIED` when the user refuses.
    async fn connect(&self, origin: &Origin) -> Result<NeoAccountView, NeoError>;

    /// Asks the user to approve `kind`; for a connected site that is locked, unlocking first.
    ///
    /// # Errors
    /// `CANCELED` when the user refuses.
    async fn approve(&self, origin: &Origin, kind: ApprovalKind) -> Result<(), NeoError>;

    /// Signs `digest` with the key of `origin`'s connected account (after an approval).
    ///
    /// # Errors
    /// `UNAUTHORIZED` when the site has no account or the wallet is locked.
    fn sign(&self, origin: &Origin, digest: &[u8; 32]) -> Result<(PublicKey, Signature), NeoError>;

    /// Calls `method` on the selected network's node.
    ///
    /// # Errors
    /// `RPC_ERROR` (unreachable, node error in plain words) or `INSUFFICIENT_FUNDS`.
    async fn rpc(&self, method: &str, params: Value) -> Result<Value, NeoError>;

    /// 16 random bytes (message salts) or a nonce.
    fn random(&self) -> [u8; 16];

    /// Selects the network with NeoLine chain id `chain_id` (3 MainNet, 6 TestNet, 0 a
    /// private network) once the user approves; `false` when the wallet is already on it
    /// (nothing asked).
    ///
    /// # Errors
    /// `MALFORMED_INPUT` for an unknown chain id, `UNSUPPORTED` for NEO Legacy's (1, 2),
    /// `CONNECTION_DENIED` when not connected; `CANCELED`.
    async fn switch_network(&self, origin: &Origin, chain_id: u32) -> Result<bool, NeoError>;

    /// Lets the user pick another account for `origin`; `None` when the user kept the same.
    ///
    /// # Errors
    /// `CONNECTION_DENIED` when not connected; `CANCELED`.
    async fn switch_account(&self, origin: &Origin) -> Result<Option<NeoAccountView>, NeoError>;
}
