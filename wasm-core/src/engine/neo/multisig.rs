//! NEO multisig in the popup: multisig accounts kept in the wallet, a transfer proposed from
//! one as an unsigned context, and any context reviewed, signed by the wallet's member keys,
//! and sent once complete — so a group can collect signatures without a dApp, passing the
//! context's JSON between wallets (Formica, neo-go's `wallet sign`, NeoLine).

use serde_json::Value;

use super::{Engine, Failure, SavedMultisig, view_of};
use crate::api::{
    NeoAccountInfo, NeoContextSigner, NeoContextView, NeoMultisigInfo, NeoNetworkInfo, UiError, UiResponse,
};
use crate::chains::neo::multisig::{ContextItem, ContextParameter};
use crate::chains::neo::{
    Address, ContractParametersContext, MultisigAccount, MultisigError, NetworkMagic, PublicKey, Signer,
    WitnessScope,
};
use crate::keyring::NeoAccountId;
use crate::provider::neo::{self as dapi, NeoError, NeoErrorKind, NeoHost, tx};
use crate::storage::Storage;

/// How many multisig accounts the wallet keeps (each is a few hundred bytes of settings).
const MAX_MULTISIG: usize = 32;

fn invalid(detail: impl Into<String>) -> Failure {
    Failure::new(UiError::InvalidMultisig, detail)
}

/// A NEO dAPI error where the popup asked: input errors are the multisig screen's, the rest
/// the node's.
fn node_failure(e: NeoError) -> Failure {
    match e.kind {
        NeoErrorKind::MalformedInput | NeoErrorKind::Unauthorized | NeoErrorKind::ChainNotMatch => {
            invalid(e.description)
        }
        _ => Failure {
            error: UiError::NodeError,
            args: vec![e.description.clone()],
            detail: e.description,
        },
    }
}

fn gas(fractions: i64) -> String {
    format!(
        "{} GAS",
        dapi::format_amount(&fractions.to_string(), 8).unwrap_or_else(|| fractions.to_string())
    )
}

/// The multisig account as the popup lists it; `accounts` are the wallet's NEO accounts.
pub(super) fn multisig_info(saved: &SavedMultisig, accounts: &[NeoAccountInfo]) -> NeoMultisigInfo {
    let keys: Vec<String> = saved.account.keys().iter().map(ToString::to_string).collect();
    NeoMultisigInfo {
        name: saved.name.clone(),
        address: saved.account.address().to_string(),
        threshold: saved.account.threshold(),
        members: accounts
            .iter()
            .filter(|a| keys.contains(&a.public_key))
            .map(|a| a.id.clone())
            .collect(),
        public_keys: keys,
    }
}

fn parse_keys(public_keys: &[String]) -> Result<Vec<PublicKey>, Failure> {
    public_keys
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .map(|k| k.parse::<PublicKey>().map_err(|e| invalid(format!("{k}: {e}"))))
        .collect()
}

fn parse_context(text: &str) -> Result<ContractParametersContext, Failure> {
    let json: Value = serde_json::from_str(text.trim())
        .map_err(|_| Failure::new(UiError::ContextUnreadable, "the context is not JSON"))?;
    ContractParametersContext::from_json(&json).map_err(|e| match e {
        MultisigError::BadSignature => Failure::new(UiError::ContextBadSignature, e.to_string()),
        _ => Failure::new(UiError::ContextUnreadable, e.to_string()),
    })
}

/// The screen's words for why signing a context failed.
fn signing_failure(e: &MultisigError) -> Failure {
    let error = match e {
        MultisigError::AlreadySigned | MultisigError::AlreadyComplete => UiError::ContextAlreadySigned,
        MultisigError::KeyNotInAccount | MultisigError::NotASigner(_) | MultisigError::UnsupportedScript => {
            UiError::ContextNothingToSign
        }
        MultisigError::BadSignature => UiError::ContextBadSignature,
        _ => UiError::InvalidMultisig,
    };
    Failure::new(error, e.to_string())
}

impl<S: Storage> Engine<S> {
    /// An m-of-n multisig account of `public_keys` (hex).
    ///
    /// # Errors
    /// [`UiError::InvalidMultisig`].
    pub fn neo_create_multisig(
        &self,
        threshold: usize,
        public_keys: &[String],
    ) -> Result<UiResponse, Failure> {
        let account =
            MultisigAccount::new(threshold, &parse_keys(public_keys)?).map_err(|e| invalid(e.to_string()))?;
        Ok(UiResponse::NeoMultisig {
            address: account.address().to_string(),
            script_hash: account.script_hash().to_string(),
            verification_script: hex::encode(account.verification_script()),
        })
    }

    /// Keeps the m-of-n multisig account of `public_keys` under `name`.
    ///
    /// # Errors
    /// [`UiError::InvalidMultisig`] for bad keys or threshold or too many accounts,
    /// [`UiError::MultisigExists`] for a name or account already kept; storage.
    pub async fn neo_add_multisig(
        &self,
        name: &str,
        threshold: usize,
        public_keys: &[String],
    ) -> Result<(), Failure> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
            return Err(invalid("a multisig account's name has 1 to 40 characters"));
        }
        let account =
            MultisigAccount::new(threshold, &parse_keys(public_keys)?).map_err(|e| invalid(e.to_string()))?;
        {
            let prefs = self.neo.borrow();
            let taken = prefs
                .multisig
                .iter()
                .find(|m| m.account == account || m.name.eq_ignore_ascii_case(name));
            if let Some(same) = taken {
                return Err(Failure {
                    error: UiError::MultisigExists,
                    args: vec![same.name.clone()],
                    detail: format!(
                        "the wallet already has {} ({})",
                        same.name,
                        same.account.address()
                    ),
                });
            }
            if prefs.multisig.len() >= MAX_MULTISIG {
                return Err(invalid(format!(
                    "the wallet keeps at most {MAX_MULTISIG} multisig accounts"
                )));
            }
        }
        self.save_neo(|p| {
            p.multisig.push(SavedMultisig {
                name: name.to_owned(),
                account,
            });
        })
        .await
    }

    /// Forgets the multisig account at `address` (nothing secret is lost: it is keys and a
    /// threshold).
    ///
    /// # Errors
    /// [`UiError::InvalidMultisig`] when the wallet has no such account; storage.
    pub async fn neo_remove_multisig(&self, address: &str) -> Result<(), Failure> {
        let known = self
            .neo
            .borrow()
            .multisig
            .iter()
            .any(|m| m.account.address().to_string() == address.trim());
        if !known {
            return Err(invalid(format!("no multisig account {address}")));
        }
        self.save_neo(|p| {
            p.multisig
                .retain(|m| m.account.address().to_string() != address.trim())
        })
        .await
    }

    /// A NEP-17 transfer from the kept multisig account `from`, on the selected network, with
    /// fees from the node (the network fee for the multisig witness), as an unsigned context
    /// listing the account with its script.
    ///
    /// # Errors
    /// [`UiError::Locked`], [`UiError::InvalidMultisig`], [`UiError::InvalidTransfer`],
    /// [`UiError::NodeError`].
    pub async fn neo_multisig_send(
        &self,
        from: &str,
        asset: &str,
        to: &str,
        amount: &str,
    ) -> Result<UiResponse, Failure> {
        if self.selected_neo_account().is_none() {
            return Err(Failure::new(UiError::Locked, "locked"));
        }
        let account = self
            .neo
            .borrow()
            .multisig
            .iter()
            .find(|m| m.account.address().to_string() == from.trim())
            .map(|m| m.account.clone())
            .ok_or_else(|| invalid(format!("no multisig account {from}")))?;
        let to = to
            .trim()
            .parse::<Address>()
            .map_err(|e| Failure::new(UiError::InvalidTransfer, format!("recipient: {e}")))?;
        let transfer = |e: NeoError| match e.kind {
            NeoErrorKind::MalformedInput => Failure::new(UiError::InvalidTransfer, e.description),
            _ => node_failure(e),
        };
        let (token, raw) = dapi::transfer_of(self, asset.trim(), amount)
            .await
            .map_err(transfer)?;
        let call = tx::Invocation::nep17_transfer(token, account.script_hash(), to.script_hash(), raw);
        let script = tx::script_of(std::slice::from_ref(&call)).map_err(transfer)?;
        let signers = vec![Signer::new(account.script_hash(), WitnessScope::CALLED_BY_ENTRY)];
        let scripts = tx::fee_scripts(self, &signers);
        let transaction = tx::build(self, script, signers, scripts, &tx::TxOptions::default())
            .await
            .map_err(transfer)?;
        let magic = NetworkMagic::new(self.neo.borrow().network().magic);
        let mut context = ContractParametersContext::new(transaction, magic);
        context.items.push((
            account.script_hash(),
            ContextItem {
                script: Some(account.verification_script()),
                parameters: vec![ContextParameter::Signature(None); account.threshold()],
                signatures: Vec::new(),
            },
        ));
        Ok(UiResponse::NeoContext {
            context: context.to_json().to_string(),
            complete: false,
        })
    }

    /// What `context` does, on which network, and how far each signer's signatures are.
    ///
    /// # Errors
    /// [`UiError::ContextUnreadable`], [`UiError::ContextBadSignature`].
    pub async fn neo_review_context(&self, context: &str) -> Result<UiResponse, Failure> {
        let context = parse_context(context)?;
        let network = self.neo.borrow().network();
        let on_network = context.network.get() == network.magic;
        let name = self
            .neo
            .borrow()
            .all_networks()
            .into_iter()
            .find(|n| n.magic == context.network.get())
            .map_or_else(|| "another network".to_owned(), |n: NeoNetworkInfo| n.name);
        let tx = &context.transaction;
        let (calls, undecoded) = tx::calls_of(self, tx).await;
        let witnesses_ok = |i: usize| context.carried.get(i).is_some_and(|w| !w.invocation.is_empty());
        let signers = tx
            .signers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let item = context
                    .items
                    .iter()
                    .find(|(h, _)| *h == s.account)
                    .map(|(_, item)| item);
                let script = item
                    .and_then(|item| item.script.clone())
                    .or_else(|| NeoHost::verification_script(self, &s.account));
                let needed = match script.as_deref() {
                    Some(script) => {
                        MultisigAccount::from_verification_script(script).map_or(1, |m| m.threshold())
                    }
                    None => 0,
                };
                let signatures = item.map_or(0, |item| item.signatures.len());
                let complete = (needed > 0 && signatures >= needed) || witnesses_ok(i);
                NeoContextSigner {
                    account: Address::from_script_hash(s.account).to_string(),
                    scopes: s.scopes.to_json_string(),
                    signatures,
                    needed,
                    complete,
                }
            })
            .collect();
        let can_sign = self
            .wallet
            .borrow()
            .as_ref()
            .map(|w| w.keyring.neo_accounts())
            .unwrap_or_default()
            .iter()
            .filter(|a| !a.hidden && tx::context_script(self, &context, &view_of(a)).is_ok())
            .map(|a| a.id.to_string())
            .collect();
        Ok(UiResponse::NeoContextReview {
            review: NeoContextView {
                network: format!("{name} ({})", context.network.get()),
                on_network,
                hash: tx.hash().to_string(),
                calls,
                undecoded,
                system_fee: gas(tx.system_fee),
                network_fee: gas(tx.network_fee),
                valid_until_block: tx.valid_until_block,
                signers,
                global_scope: tx.signers.iter().any(|s| s.scopes.contains(WitnessScope::GLOBAL)),
                can_sign,
                complete: context.is_complete(),
            },
        })
    }

    /// Signs `context` with NEO account `id`: for the multisig account of
    /// `verification_script` (hex), or — when empty — for what the account can sign (a
    /// multisig account holding its key, or itself).
    ///
    /// # Errors
    /// [`UiError::ContextUnreadable`], [`UiError::ContextAlreadySigned`],
    /// [`UiError::ContextNothingToSign`], [`UiError::UnknownAccount`], [`UiError::Locked`].
    pub fn neo_sign_context(
        &self,
        id: &str,
        context: &str,
        verification_script: &str,
    ) -> Result<UiResponse, Failure> {
        let id: NeoAccountId = id
            .parse()
            .map_err(|_| Failure::new(UiError::UnknownAccount, "not a NEO account id"))?;
        let mut context = parse_context(context)?;
        let account = self
            .with_keyring(|k| Ok(k.neo_accounts().into_iter().find(|a| a.id == id)))?
            .ok_or_else(|| Failure::new(UiError::UnknownAccount, format!("no NEO account {id}")))?;
        let script = if verification_script.trim().is_empty() {
            tx::context_script(self, &context, &view_of(&account))
                .map_err(|e| match e.kind {
                    NeoErrorKind::MalformedInput => {
                        Failure::new(UiError::ContextAlreadySigned, e.description)
                    }
                    _ => Failure::new(UiError::ContextNothingToSign, e.description),
                })?
                .0
        } else {
            hex::decode(verification_script.trim()).map_err(|e| invalid(e.to_string()))?
        };
        let key = self.with_keyring(|k| k.neo_secret(&id).map_err(Failure::from))?;
        context.sign(&script, &key).map_err(|e| signing_failure(&e))?;
        drop(key);
        Ok(UiResponse::NeoContext {
            context: context.to_json().to_string(),
            complete: context.is_complete(),
        })
    }

    /// Sends a complete `context` to the selected network's node.
    ///
    /// # Errors
    /// [`UiError::ContextIncomplete`] while signatures are missing,
    /// [`UiError::ContextOtherNetwork`] for another network's context; [`UiError::NodeError`].
    pub async fn neo_relay_context(&self, context: &str) -> Result<UiResponse, Failure> {
        let context = parse_context(context)?;
        let magic = context.network.get();
        if magic != self.neo.borrow().network().magic {
            return Err(Failure {
                error: UiError::ContextOtherNetwork,
                args: vec![magic.to_string()],
                detail: format!("the context is for network {magic}"),
            });
        }
        if let Err(e) = context.witnesses() {
            let args = match &e {
                MultisigError::Incomplete(address) => vec![address.to_string()],
                _ => Vec::new(),
            };
            let error = if args.is_empty() {
                UiError::InvalidMultisig
            } else {
                UiError::ContextIncomplete
            };
            return Err(Failure {
                error,
                args,
                detail: e.to_string(),
            });
        }
        let txid = tx::relay_context(self, &context).await.map_err(node_failure)?;
        Ok(UiResponse::NeoSent {
            txid: txid.as_str().unwrap_or_default().to_owned(),
        })
    }
}
