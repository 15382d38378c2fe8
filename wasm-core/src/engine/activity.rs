//! The activity list: every transaction the wallet broadcast (a site's `eth_sendTransaction`
//! or a send from the popup) is recorded right after the node accepted it, and tracked until
//! its receipt says confirmed or failed, or its nonce went to another transaction.

use super::records::ActivityStore;
use super::{Effect, Engine, Failure, now_ms};
use crate::api::{ActivityItem, ChainId, ProviderError, ProviderErrorCode, TxStatus, UiError};
use crate::chains::evm::units::{format_native, format_units};
use crate::chains::evm::{Address, TokenCall, TransactionRequest};
use crate::provider::Origin;
use crate::storage::Storage;

/// What the activity list says a transaction moves.
#[derive(Clone, Debug)]
pub(super) struct Movement {
    /// The site that asked, or `None` for the popup.
    pub origin: Option<String>,
    /// The recipient shown (a token transfer's recipient, not the token contract).
    pub to: Option<Address>,
    /// The amount with its symbol.
    pub amount: String,
    /// The token contract, for a token transfer.
    pub token: Option<Address>,
}

/// A provider error as a popup failure (the node's words as the message's argument).
pub(super) fn ui_failure(e: &ProviderError) -> Failure {
    let error = match e.code {
        ProviderErrorCode::InvalidParams => UiError::Malformed,
        _ => UiError::NodeError,
    };
    Failure {
        error,
        args: vec![e.message.clone()],
        detail: e.message.clone(),
    }
}

impl<S: Storage> Engine<S> {
    /// What a site's transaction moves: a transfer of a watched token as the token amount to
    /// its recipient, anything else as the native value to the called address.
    pub(super) async fn site_movement(
        &self,
        origin: &Origin,
        chain: ChainId,
        request: &TransactionRequest,
        symbol: &str,
    ) -> Movement {
        let native = Movement {
            origin: Some(origin.to_string()),
            to: request.to,
            amount: format_native(request.value.unwrap_or_default(), symbol),
            token: None,
        };
        let (Some(contract), Some(input)) = (request.to, request.input.as_deref()) else {
            return native;
        };
        let Ok(Some(TokenCall::Transfer { to, amount })) = TokenCall::decode(input) else {
            return native;
        };
        if request.value.is_some_and(|v| !v.is_zero()) {
            return native;
        }
        let address = contract.to_string();
        match self.tokens_on(chain).await {
            Ok(tokens) => match tokens.into_iter().find(|t| t.address == address) {
                Some(token) => Movement {
                    origin: native.origin,
                    to: Some(to),
                    amount: format!("{} {}", format_units(amount, token.decimals), token.symbol),
                    token: Some(contract),
                },
                None => native,
            },
            Err(_) => native,
        }
    }

    /// Records a transaction the node accepted as pending, and has its receipt watched.
    pub(super) async fn record_sent(
        &self,
        chain: ChainId,
        from: Address,
        nonce: u64,
        hash: &str,
        movement: Movement,
    ) {
        let item = ActivityItem {
            chain_id: chain,
            hash: hash.to_owned(),
            from: from.to_string(),
            to: movement.to.map(|a| a.to_string()),
            amount: movement.amount,
            token: movement.token.map(|a| a.to_string()),
            nonce,
            time_ms: now_ms(),
            status: TxStatus::Pending,
            reason: None,
            origin: movement.origin,
        };
        // The transaction is out: a record that cannot be written (full or unreadable storage)
        // must not turn a sent transaction into an error the sender would retry. The popup
        // reports unreadable activity when it shows the list.
        let _ = self
            .change_record(|a: &mut ActivityStore| {
                a.push(item);
                Ok(())
            })
            .await;
        self.effect(Effect::WatchReceipts);
    }
}
