//! What provider methods may ask of the wallet: a narrow interface the engine implements and
//! tests fake.

use crate::api::{ChainId, ProviderError};
use crate::chains::evm::Address;

use super::Origin;

/// An origin's `eth_accounts` permission (EIP-2255).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Permission {
    /// The accounts the user granted, in the order `eth_accounts` returns them.
    pub accounts: Vec<Address>,
    /// When it was granted, in milliseconds since the Unix epoch.
    pub granted_at_ms: u64,
}

/// An ERC-20 token a site asks the wallet to watch (`wallet_watchAsset`, EIP-747), with what
/// the site claims about it; the wallet checks the claims against the contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchAsset {
    /// The token contract.
    pub address: Address,
    /// The symbol the site claims.
    pub symbol: Option<String>,
    /// The decimals the site claims.
    pub decimals: Option<u8>,
    /// An image URL (https or a data URI) the site suggests.
    pub image: Option<String>,
}

/// The wallet as provider methods see it.
#[async_trait::async_trait(?Send)]
pub trait Host {
    /// The chain `origin` is on.
    fn chain_id(&self, origin: &Origin) -> ChainId;

    /// The accounts `origin` may see now: its granted accounts, the selected one first, or none
    /// while the wallet is locked or the origin is not connected.
    fn accounts(&self, origin: &Origin) -> Vec<Address>;

    /// `origin`'s permission, whether or not the wallet is unlocked.
    fn permission(&self, origin: &Origin) -> Option<Permission>;

    /// Asks the user to connect `origin` (unlocking first when locked) unless it already is, and
    /// resolves to the accounts it may see.
    ///
    /// # Errors
    /// 4001 when the user refuses or closes the window; -32002 when a prompt for `origin` is
    /// already open.
    async fn request_accounts(&self, origin: &Origin) -> Result<Vec<Address>, ProviderError>;

    /// Calls a read-only JSON-RPC `method` on the node of `origin`'s chain.
    ///
    /// # Errors
    /// The node's own error (code passed on), or 4901 when the node cannot be reached.
    async fn rpc(
        &self,
        origin: &Origin,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, ProviderError>;

    /// Switches `origin` to `chain_id` (EIP-3326) and tells its pages (`chainChanged`).
    ///
    /// # Errors
    /// 4902 when the wallet does not know the chain.
    async fn switch_chain(&self, origin: &Origin, chain_id: ChainId) -> Result<(), ProviderError>;

    /// Asks the user to approve `approval` and signs `prehash` with `address`'s key; answers
    /// the 65-byte `r‖s‖v` signature (v = 27/28) as 0x-hex.
    ///
    /// # Errors
    /// 4100 when `address` is not an account `origin` may see; 4001 when the user refuses.
    async fn sign(
        &self,
        origin: &Origin,
        address: Address,
        approval: crate::api::ApprovalKind,
        prehash: crate::chains::evm::B256,
    ) -> Result<String, ProviderError>;

    /// Completes `request` (nonce, gas, fees from the node), asks the user, signs it with the
    /// sender's key and broadcasts it; answers the transaction hash.
    ///
    /// # Errors
    /// 4100 for a sender the site may not use; -32602 for a request that cannot be completed;
    /// 4001 when the user refuses; the node's error when it refuses the transaction.
    async fn send_transaction(
        &self,
        origin: &Origin,
        request: crate::chains::evm::TransactionRequest,
    ) -> Result<String, ProviderError>;

    /// Reads the token's symbol and decimals from its contract, asks the user to watch it, and
    /// stores it for `origin`'s chain; answers whether it is watched.
    ///
    /// # Errors
    /// -32602 when no token contract answers at the address; 4001 when the user refuses.
    async fn watch_asset(&self, origin: &Origin, asset: WatchAsset) -> Result<bool, ProviderError>;
    /// `wallet_addEthereumChain` (EIP-3085): a known chain is a switch request; a new one is
    /// checked against its node, approved by the user, added, and made `origin`'s chain.
    ///
    /// # Errors
    /// -32602 for a known chain with another currency or a node serving another chain;
    /// -32603 when the node does not answer; 4001 when the user refuses.
    async fn add_chain(
        &self,
        origin: &Origin,
        params: crate::chains::evm::eip3085::ChainParams,
    ) -> Result<(), ProviderError>;

    /// `wallet_sendCalls` (EIP-5792): one approval for every call, then the calls as separate
    /// transactions in order; answers `{id}`.
    ///
    /// # Errors
    /// 4100 for a sender the site may not use; -32602 for another chain than the site's;
    /// 5760 when atomicity is required; 5720 for a duplicate id; 4001 when the user refuses.
    async fn send_calls(
        &self,
        origin: &Origin,
        batch: crate::chains::evm::eip5792::SendCalls,
    ) -> Result<serde_json::Value, ProviderError>;

    /// `wallet_getCallsStatus` (EIP-5792) of a batch `origin` sent.
    ///
    /// # Errors
    /// 5730 for an id `origin` did not send.
    async fn calls_status(&self, origin: &Origin, id: &str) -> Result<serde_json::Value, ProviderError>;

    /// Every chain the wallet knows.
    fn known_chains(&self) -> Vec<ChainId>;

    /// Forgets `origin`'s permission.
    ///
    /// # Errors
    /// -32603 when storage refuses the change.
    async fn revoke(&self, origin: &Origin) -> Result<(), ProviderError>;
}
