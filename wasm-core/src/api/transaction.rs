//! What a transaction approval shows beyond its fields: the fee levels the user can pick
//! from, the decoded token call, and the warnings the engine can tell without simulating.
//!
//! Every number here is text the engine wrote (gwei, native currency, token units): the
//! popup shows it and never does fee or amount arithmetic itself.

use serde::{Deserialize, Serialize};

/// A fee level as the user picks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeChoice {
    /// Cheapest; may wait when demand rises.
    Low,
    /// The default.
    Market,
    /// Outbids most recent transactions.
    Aggressive,
    /// Typed by the user, or set by the site.
    Custom,
}

impl FeeChoice {
    /// The `<select>` value and wire name: `low`, `market`, `aggressive`, `custom`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Market => "market",
            Self::Aggressive => "aggressive",
            Self::Custom => "custom",
        }
    }

    /// The choice named by [`Self::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Low, Self::Market, Self::Aggressive, Self::Custom]
            .into_iter()
            .find(|c| c.as_str() == name)
    }

    /// The `_locales` key of the level's name.
    pub const fn message_key(self) -> &'static str {
        match self {
            Self::Low => "feeLow",
            Self::Market => "feeMarket",
            Self::Aggressive => "feeAggressive",
            Self::Custom => "feeCustom",
        }
    }
}

/// One level offered in the approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeOption {
    /// Which level.
    pub level: FeeChoice,
    /// Max fee per gas (EIP-1559) or gas price (legacy), in gwei.
    pub max_fee_per_gas: String,
    /// Max priority fee per gas in gwei; empty for a legacy transaction.
    pub max_priority_fee_per_gas: String,
    /// The most the transaction can cost in fees at this level (gas limit × max fee), in the
    /// native currency, e.g. `0.00042 ETH`.
    pub max_cost: String,
}

/// The fee part of a transaction approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionFees {
    /// EIP-1559 fees (max fee and priority fee); otherwise a legacy gas price.
    pub eip1559: bool,
    /// The next block's base fee in gwei, when the chain has one.
    pub base_fee: Option<String>,
    /// Low, market and aggressive, when the node could price them for this transaction's type.
    pub options: Vec<FeeOption>,
    /// What will be signed if the user approves now.
    pub selected: FeeChoice,
    /// The chosen max fee per gas (or gas price), in gwei.
    pub max_fee_per_gas: String,
    /// The chosen max priority fee per gas in gwei; empty for a legacy transaction.
    pub max_priority_fee_per_gas: String,
    /// The native currency's symbol, in which the costs are written.
    pub currency: String,
    /// The revision of the last edit applied (0 before any): an edit with a lower revision
    /// arrived late and is ignored, so the last change the user made is what is signed.
    #[serde(default)]
    pub revision: u32,
}

/// A token as the approval names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    /// The token contract (EIP-55).
    pub address: String,
    /// `symbol()`, when the contract answered one.
    pub symbol: Option<String>,
    /// `decimals()`, when the contract answered one.
    pub decimals: Option<u8>,
}

/// Calldata the engine recognised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum DecodedCall {
    /// ERC-20 `transfer(to, amount)`.
    Transfer {
        /// The token.
        token: TokenView,
        /// The recipient.
        to: String,
        /// The amount in token units with its symbol (`12.5 USDC`), or in the smallest unit
        /// when the token's decimals are unknown.
        amount: String,
    },
    /// ERC-20 `approve(spender, amount)`.
    Approve {
        /// The token.
        token: TokenView,
        /// Who may spend.
        spender: String,
        /// The allowance, as for [`DecodedCall::Transfer`].
        amount: String,
        /// At least 2^255: an unlimited allowance.
        unlimited: bool,
    },
    /// `increaseAllowance(spender, addedValue)`.
    IncreaseAllowance {
        /// The token.
        token: TokenView,
        /// Who may spend.
        spender: String,
        /// The allowance added, as for [`DecodedCall::Transfer`].
        amount: String,
        /// At least 2^255: an unlimited allowance.
        unlimited: bool,
    },
    /// ERC-721/1155 `setApprovalForAll(operator, approved)`.
    SetApprovalForAll {
        /// The collection.
        token: TokenView,
        /// Who may move every token of it.
        operator: String,
        /// Granted, or revoked.
        approved: bool,
    },
}

/// Something the engine flags about a transaction before it is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxWarning {
    /// Call data sent to an address that has no code: nothing will run it (a mistyped
    /// contract address, or a contract on another chain).
    NoCode,
    /// Tokens sent to the token's own contract, where they are usually lost.
    TokenToItself,
    /// An allowance of at least 2^255: the spender may take every token, now and later.
    UnlimitedApproval,
    /// `setApprovalForAll(_, true)`: the operator may move every token of the collection.
    ApprovalForAll,
    /// An allowance set to zero: this revokes the spender's access (informative).
    Revoke,
    /// The selector is a known token call but its arguments are malformed.
    MalformedCall,
}

impl TxWarning {
    /// Whether this only informs (it makes nothing riskier).
    pub const fn is_info(self) -> bool {
        matches!(self, Self::Revoke)
    }

    /// The `_locales` key of the warning's sentence.
    pub const fn message_key(self) -> &'static str {
        match self {
            Self::NoCode => "warnNoCode",
            Self::TokenToItself => "warnTokenToItself",
            Self::UnlimitedApproval => "warnUnlimitedApproval",
            Self::ApprovalForAll => "warnApprovalForAll",
            Self::Revoke => "warnRevoke",
            Self::MalformedCall => "warnMalformedCall",
        }
    }

    /// Every variant, for the locale test.
    pub const ALL: &'static [Self] = &[
        Self::NoCode,
        Self::TokenToItself,
        Self::UnlimitedApproval,
        Self::ApprovalForAll,
        Self::Revoke,
        Self::MalformedCall,
    ];
}

/// One call of a transaction or of a batch, as the approval shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    /// The recipient, or `None` for a contract creation.
    pub to: Option<String>,
    /// Value, in the native currency (e.g. `1.5 ETH`).
    pub value: String,
    /// Call data, 0x-hex.
    pub data: String,
    /// The decoded token call, when recognised.
    pub decoded: Option<DecodedCall>,
    /// What the engine flags.
    pub warnings: Vec<TxWarning>,
}
