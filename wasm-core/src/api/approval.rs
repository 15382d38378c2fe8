use serde::{Deserialize, Serialize};

use super::{NeoCall, NeoSignerView};

/// A request waiting for the user, as the approval window shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalView {
    /// The approval's id (the window's route is `#/approval/<id>`).
    pub id: String,
    /// The requesting page's origin, as the browser reported it.
    pub origin: String,
    /// The origin's host decoded from punycode when it is an IDN, for display; `None` when it
    /// reads the same either way.
    pub origin_unicode: Option<String>,
    /// What is asked.
    pub kind: ApprovalKind,
}

/// What an approval asks of the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
// A handful of approvals exist at a time and each is built once: boxing the large variants
// would save nothing that matters and make every match noisier.
#[allow(clippy::large_enum_variant)]
pub enum ApprovalKind {
    /// Unlock the wallet so a connected site's request can go on.
    Unlock,
    /// Let the origin see accounts (`eth_requestAccounts`, `wallet_requestPermissions`).
    Connect,
    /// Sign a message (`personal_sign`, EIP-191).
    SignMessage {
        /// The signing account's address.
        address: String,
        /// The message as text, when it is printable UTF-8.
        text: Option<String>,
        /// The message bytes as 0x-hex.
        hex: String,
    },
    /// Sign typed data (`eth_signTypedData_v3` / `_v4`, EIP-712).
    SignTypedData {
        /// The signing account's address.
        address: String,
        /// `v3` or `v4`.
        version: String,
        /// The primary type, e.g. `Permit`.
        primary_type: String,
        /// The domain, pretty-printed JSON.
        domain: String,
        /// The message, pretty-printed JSON.
        message: String,
    },
    /// Sign and send a transaction (`eth_sendTransaction`).
    Transaction {
        /// The network's name.
        network: String,
        /// The sender.
        from: String,
        /// The recipient, or `None` for a contract creation.
        to: Option<String>,
        /// Value, in the native currency (e.g. `1.5 ETH`).
        value: String,
        /// Call data, 0x-hex.
        data: String,
        /// Gas limit.
        gas: u64,
        /// The most the fee can be (gas × max fee per gas, or gas price), in the native currency.
        max_fee: String,
        /// The fee levels and the one chosen.
        #[serde(default)]
        fees: Option<super::TransactionFees>,
        /// The decoded token call, when the data is one.
        #[serde(default)]
        decoded: Option<super::DecodedCall>,
        /// What the engine flags about the transaction.
        #[serde(default)]
        warnings: Vec<super::TxWarning>,
    },
    /// Watch an ERC-20 token (`wallet_watchAsset`, EIP-747): what the contract says beside
    /// what the site claimed.
    WatchAsset {
        /// The network's name.
        network: String,
        /// The token contract, EIP-55.
        address: String,
        /// The symbol that will be stored: the contract's `symbol()`, or the site's when the
        /// contract has none.
        symbol: String,
        /// The decimals that will be stored: the contract's `decimals()`, or the site's when the
        /// contract has none.
        decimals: u8,
        /// The symbol the site claimed, if any.
        claimed_symbol: Option<String>,
        /// The decimals the site claimed, if any.
        claimed_decimals: Option<u8>,
        /// Whether the site's claim differs from what the contract reports.
        mismatch: bool,
    },
    /// Add a network (`wallet_addEthereumChain`, EIP-3085); approving also switches the site
    /// to it.
    AddNetwork {
        /// The chain id, in decimal.
        chain_id: String,
        /// The name the site gave it.
        name: String,
        /// The RPC endpoint (its `eth_chainId` was checked).
        rpc_url: String,
        /// The native currency's name.
        currency_name: String,
        /// The native currency's symbol.
        currency_symbol: String,
        /// The block explorer, if given.
        explorer: Option<String>,
    },
    /// Send a batch of calls (`wallet_sendCalls`, EIP-5792), as separate transactions in order.
    SendCalls {
        /// The network's name.
        network: String,
        /// The sender.
        from: String,
        /// Every call, decoded and flagged.
        calls: Vec<super::CallView>,
        /// The market max fee per gas each transaction will pay at most, in gwei.
        max_fee_per_gas: String,
    },
    /// Let the origin see a NEO account (NeoLine `getAccount`, NEP-21 `getAccounts`).
    NeoConnect {
        /// The account that will be shared: the selected NEO account, or the one the user
        /// picked in the window.
        address: String,
        /// Its name.
        label: String,
        /// The NEO network's name.
        network: String,
        /// Its id (`hd:0`, `neo:<address>`); the window answers with the id the user picked.
        #[serde(default)]
        account_id: String,
        /// Asked by `switchWalletAccount`: the site already has an account and asks for another.
        #[serde(default)]
        switch: bool,
    },
    /// Switch the wallet's NEO network (NeoLine `switchWalletNetwork`).
    NeoSwitchNetwork {
        /// The network now selected.
        from: String,
        /// The network the site asks for.
        to: String,
        /// Its magic.
        magic: u32,
    },
    /// Sign a message with a NEO key (NeoLine `signMessage*`, NEP-21 `signMessage`).
    NeoSignMessage {
        /// The signing address.
        address: String,
        /// The message as the site gave it.
        message: String,
        /// Which format: `signMessage`, `signMessageV2`, `signMessageWithoutSalt`, …
        format: String,
    },
    /// Sign (and, when `broadcast`, send) a NEO N3 transaction.
    NeoTransaction {
        /// The NEO network's name and magic.
        network: String,
        /// The address that signs.
        address: String,
        /// Sent to the node after signing (false: only signed and handed back).
        broadcast: bool,
        /// The contract calls, decoded.
        calls: Vec<NeoCall>,
        /// The signers and their witness scopes.
        signers: Vec<NeoSignerView>,
        /// A signer has the `Global` scope: the signature is valid for any contract.
        global_scope: bool,
        /// System fee in GAS (`0.0997` GAS).
        system_fee: String,
        /// Network fee in GAS.
        network_fee: String,
        /// The script, hex (shown when no call could be decoded).
        script: String,
        /// Signing a partially signed multisig context (`signTransaction` with a context).
        multisig: bool,
        /// Why the script of a transaction built elsewhere could not be read as contract calls
        /// (`calls` is then empty and the approval warns); `None` when it was.
        #[serde(default)]
        undecoded: Option<String>,
    },
}
