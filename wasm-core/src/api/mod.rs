//! The typed messages between the popup, web pages and the engine.
//!
//! This module is compiled on its own (without the `engine` feature) for `formica-ui`, so it
//! holds types and their validation only: no keys, no crypto, no I/O.

mod approval;
mod chain_id;
mod neo;
mod page;
mod transaction;
mod ui;
mod wallet;

pub use approval::{ApprovalKind, ApprovalView};
pub use chain_id::{ChainId, ChainIdError};
pub use neo::{
    Family, NeoAccountInfo, NeoBalance, NeoCall, NeoContextSigner, NeoContextView, NeoMultisigInfo,
    NeoNetworkInfo, NeoSignerView, NeoState, NeoTransfer,
};
pub use page::{PageEvent, PageReply, ProviderError, ProviderErrorCode};
pub use transaction::{CallView, DecodedCall, FeeChoice, FeeOption, TokenView, TransactionFees, TxWarning};
pub use ui::{
    AccountInfo, AccountKind, NetworkFamily, NetworkInfo, UiError, UiRequest, UiResponse, WalletState,
};
pub use wallet::{
    ActivityItem, AssetBalance, Balances, ConnectedSite, SendForm, SendReview, TokenInfo, TxStatus,
};
