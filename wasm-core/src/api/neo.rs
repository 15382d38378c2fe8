//! NEO N3 messages between the popup and the engine: networks, accounts, balances and what
//! NEO approvals show. Display data only; the engine does every parse and every fee.

use serde::{Deserialize, Serialize};

/// A chain family: which accounts and networks the popup shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Ethereum and EVM chains.
    #[default]
    Evm,
    /// NEO N3.
    Neo,
    /// Solana (not yet wired).
    Solana,
}

/// The NEO side of the wallet state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoState {
    /// The selected NEO network.
    pub network: NeoNetworkInfo,
    /// Every NEO network: MainNet, TestNet, then the user's in the order added.
    pub networks: Vec<NeoNetworkInfo>,
    /// The NEO accounts (empty while locked): HD accounts, then imported NEO keys.
    pub accounts: Vec<NeoAccountInfo>,
    /// The selected NEO account's id (while unlocked).
    pub selected_account: Option<String>,
    /// The multisig accounts the user added, in the order added.
    #[serde(default)]
    pub multisig: Vec<NeoMultisigInfo>,
}

/// A multisig account kept in the wallet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoMultisigInfo {
    /// The user's name for it.
    pub name: String,
    /// Its N3 address.
    pub address: String,
    /// Signatures needed.
    pub threshold: usize,
    /// Its keys (compressed hex), in the verification script's order.
    pub public_keys: Vec<String>,
    /// The wallet's NEO accounts among its keys (their ids; empty while locked).
    pub members: Vec<String>,
}

/// A `ContractParametersContext` as the multisig screen shows it before signing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoContextView {
    /// The network the signatures bind to: its name and magic.
    pub network: String,
    /// Whether that is the wallet's selected NEO network (only then can it be sent from here).
    pub on_network: bool,
    /// The transaction hash, `0x…`.
    pub hash: String,
    /// The contract calls, decoded.
    pub calls: Vec<NeoCall>,
    /// Why the script could not be read as calls, if it could not.
    pub undecoded: Option<String>,
    /// System fee in GAS.
    pub system_fee: String,
    /// Network fee in GAS.
    pub network_fee: String,
    /// The last block it is valid in.
    pub valid_until_block: u32,
    /// Each signer and how far its signatures are.
    pub signers: Vec<NeoContextSigner>,
    /// A signer has the `Global` scope.
    pub global_scope: bool,
    /// The wallet's NEO accounts that can add a signature now (ids).
    pub can_sign: Vec<String>,
    /// Every signature is there: it can be sent.
    pub complete: bool,
}

/// One signer of a context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoContextSigner {
    /// Its address.
    pub account: String,
    /// Its witness scopes by name.
    pub scopes: String,
    /// Signatures collected.
    pub signatures: usize,
    /// Signatures needed (0 when the wallet cannot tell: another wallet's contract account).
    pub needed: usize,
    /// It has all it needs.
    pub complete: bool,
}

/// A NEO network as the popup shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoNetworkInfo {
    /// The display name (unique).
    pub name: String,
    /// The network magic every signature binds to (unique).
    pub magic: u32,
    /// The JSON-RPC endpoint.
    pub rpc_url: String,
    /// Built in (MainNet, TestNet) rather than added by the user.
    pub builtin: bool,
}

/// A NEO account as the popup shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoAccountInfo {
    /// `hd:<i>` or `neo:<address>`.
    pub id: String,
    /// The user's name for it.
    pub name: String,
    /// The N3 address.
    pub address: String,
    /// The compressed public key, hex.
    pub public_key: String,
    /// Derived from the mnemonic (false: an imported NEO key).
    pub hd: bool,
    /// Hidden from the account list.
    pub hidden: bool,
}

/// One NEP-17 balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoBalance {
    /// The token's script hash, `0x…`.
    pub contract: String,
    /// The token's symbol.
    pub symbol: String,
    /// The amount in whole tokens, as a decimal string (`1.5`).
    pub amount: String,
    /// The token's decimals.
    pub decimals: u8,
}

/// One contract call of a NEO transaction, decoded for the approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoCall {
    /// The contract's script hash, `0x…`.
    pub contract: String,
    /// The method.
    pub method: String,
    /// The arguments as `{type, value}` JSON, pretty-printed.
    pub args: String,
    /// When the call is a NEP-17 `transfer`: what it moves.
    pub transfer: Option<NeoTransfer>,
}

/// A NEP-17 transfer, as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoTransfer {
    /// The amount in whole tokens (`1.5`), or the raw integer when decimals are unknown.
    pub amount: String,
    /// The token's symbol (or its script hash when the node does not say).
    pub symbol: String,
    /// The sender's address.
    pub from: String,
    /// The recipient's address.
    pub to: String,
}

/// A transaction signer, for the approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoSignerView {
    /// The signer's address.
    pub account: String,
    /// The witness scopes by name (`CalledByEntry`, `Global`, …).
    pub scopes: String,
}
