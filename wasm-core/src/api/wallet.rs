//! What the popup shows of the wallet's assets and history: balances, watched tokens, the send
//! flow's form and review, the activity list, and connected sites.

use serde::{Deserialize, Serialize};

use super::{ChainId, FeeChoice};

/// A watched ERC-20 token, as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// The contract's EIP-55 address.
    pub address: String,
    /// The symbol the contract reports (or the dApp gave, when the contract has none).
    pub symbol: String,
    /// The contract's `decimals()`.
    pub decimals: u8,
    /// An image URL the dApp suggested (https or a data URI); never fetched by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// One asset's balance for the selected account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetBalance {
    /// The token's address, or `None` for the network's native currency.
    pub address: Option<String>,
    /// The symbol.
    pub symbol: String,
    /// The decimals.
    pub decimals: u8,
    /// The balance in decimal units (`1.5`), or `None` when it could not be read.
    pub amount: Option<String>,
    /// Why it could not be read (English detail from the node).
    pub error: Option<String>,
}

/// The selected account's balances on the selected network, as of `block`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances {
    /// The network.
    pub chain_id: ChainId,
    /// The account's EIP-55 address.
    pub account: String,
    /// The block the balances were read at.
    pub block: u64,
    /// The native currency.
    pub native: AssetBalance,
    /// The watched tokens of this network, in the order they were added.
    pub tokens: Vec<AssetBalance>,
}

/// The send form as the user filled it in. The engine parses and checks every field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendForm {
    /// The recipient as typed (`0x` and 40 hex digits; mixed case must pass EIP-55).
    pub to: String,
    /// The amount in decimal units, as typed.
    pub amount: String,
    /// The token's address, or `None` for the native currency.
    pub asset: Option<String>,
    /// The fee level: low, market or aggressive (a custom fee is for dApp transactions).
    pub fee_level: FeeChoice,
}

/// What a send will do, for the review step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendReview {
    /// The network's name.
    pub network: String,
    /// The sender (the selected account).
    pub from: String,
    /// The recipient, EIP-55 checksummed.
    pub to: String,
    /// The amount with its symbol: `1.5 ETH`.
    pub amount: String,
    /// The gas limit.
    pub gas: u64,
    /// The most the fee can be, in the native currency.
    pub max_fee: String,
    /// The fee level used.
    pub fee_level: FeeChoice,
}

/// Where a broadcast transaction stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxStatus {
    /// Broadcast; no receipt yet.
    Pending,
    /// Mined and succeeded (receipt status 1).
    Confirmed,
    /// Mined and reverted (receipt status 0).
    Failed,
    /// Never mined: the node forgot it, or another transaction used its nonce.
    Dropped,
}

/// A transaction the wallet broadcast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    /// The network.
    pub chain_id: ChainId,
    /// The transaction hash.
    pub hash: String,
    /// The sender.
    pub from: String,
    /// The recipient (for a token transfer, the token's recipient); `None` for a contract creation.
    pub to: Option<String>,
    /// What moved, with its symbol: `1.5 ETH`, `20 TST`.
    pub amount: String,
    /// The token contract for a token transfer.
    pub token: Option<String>,
    /// The sender's nonce.
    pub nonce: u64,
    /// When it was broadcast, in milliseconds since the Unix epoch.
    pub time_ms: u64,
    /// Where it stands.
    pub status: TxStatus,
    /// Why it failed or was dropped (English).
    pub reason: Option<String>,
    /// The site that asked for it, or `None` for a send from the popup.
    pub origin: Option<String>,
}

/// A site with its granted accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectedSite {
    /// The origin.
    pub origin: String,
    /// The addresses it may see (empty while locked).
    pub accounts: Vec<String>,
    /// When it was granted, in milliseconds since the Unix epoch.
    pub granted_at_ms: u64,
}
