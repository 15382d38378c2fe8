//! NEO N3 in the engine: networks (built in and the user's), the chain-family choice, NEO
//! key import and export, balances, multisig, and the engine as the NEO dAPI's host.
//!
//! NEO settings live under [`NEO_KEY`] and NEO grants under [`NEO_PERMISSIONS_KEY`] (the same
//! [`Permissions`] format as EVM grants, kept apart: connecting a site to one family gives it
//! nothing of the other).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Decision, Engine, Failure, Grant, Permissions};
use crate::api::{ApprovalKind, Family, NeoAccountInfo, NeoNetworkInfo, NeoState, UiError, UiResponse};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::chains::neo::{
    MultisigAccount, Nep2Key, Nep6Wallet, NetworkMagic, PrivateKey, PublicKey, ScryptParams, Signature,
    Signer, WitnessScope,
};
use crate::keyring::{NeoAccount, NeoAccountId};
use crate::net::{self, RpcError};
use crate::provider::Origin;
use crate::provider::neo::{self as dapi, EVENT_PREFIX, NeoAccountView, NeoError, NeoErrorKind, NeoHost, tx};
use crate::storage::Storage;

/// Storage key of the NEO settings.
pub const NEO_KEY: &str = "neo";
/// Storage key of the NEO grants.
pub const NEO_PERMISSIONS_KEY: &str = "permissions:neo";
/// Storage key of what every page's NEP-21 provider shows before it asks anything:
/// `{"network": magic, "supportedNetworks": [magic…]}`. The content script reads this one key
/// at page load (which does not wake the worker) and hands it to `inpage.js`; nothing else in
/// storage reaches a web page's process.
pub const NEO_DAPI_KEY: &str = "neo:dapi";

/// The built-in networks: name, magic, public RPC endpoint (COZ's public nodes).
pub const BUILTIN_NEO_NETWORKS: &[(&str, NetworkMagic, &str)] = &[
    (
        "MainNet",
        NetworkMagic::MAINNET,
        "https://mainnet1.neo.coz.io:443",
    ),
    (
        "TestNet",
        NetworkMagic::TESTNET,
        "https://testnet1.neo.coz.io:443",
    ),
];

/// A network the user added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomNeoNetwork {
    /// The name.
    pub name: String,
    /// The magic.
    pub magic: u32,
    /// The RPC endpoint.
    pub rpc_url: String,
}

/// The NEO settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeoPrefs {
    /// Format version.
    pub version: u32,
    /// The chain family the popup shows.
    #[serde(default)]
    pub family: Family,
    /// The user's networks.
    #[serde(default)]
    pub networks: Vec<CustomNeoNetwork>,
    /// The selected network's magic.
    #[serde(default = "mainnet")]
    pub selected_magic: u32,
    /// The selected NEO account's id.
    #[serde(default)]
    pub selected_account: Option<String>,
    /// Multisig accounts the user added (public data only: keys and threshold). An entry that
    /// does not read back is skipped rather than costing the other settings.
    #[serde(default, deserialize_with = "readable_multisig")]
    pub multisig: Vec<SavedMultisig>,
}

/// A multisig account kept in the wallet: its name and verification script. Nothing secret:
/// the wallet signs for it with the member key it holds, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMultisig {
    /// The user's name for it.
    pub name: String,
    /// The account (stored as its verification script, hex).
    #[serde(with = "multisig_script")]
    pub account: MultisigAccount,
}

fn readable_multisig<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<SavedMultisig>, D::Error> {
    let entries = Vec::<Value>::deserialize(d)?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| serde_json::from_value(entry).ok())
        .collect())
}

mod multisig_script {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::chains::neo::MultisigAccount;

    pub fn serialize<S: Serializer>(account: &MultisigAccount, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(account.verification_script()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<MultisigAccount, D::Error> {
        let text = String::deserialize(d)?;
        hex::decode(&text)
            .ok()
            .and_then(|script| MultisigAccount::from_verification_script(&script))
            .ok_or_else(|| serde::de::Error::custom("not a multisig verification script"))
    }
}

fn mainnet() -> u32 {
    NetworkMagic::MAINNET.get()
}

impl Default for NeoPrefs {
    fn default() -> Self {
        Self {
            version: 1,
            family: Family::Evm,
            networks: Vec::new(),
            selected_magic: mainnet(),
            selected_account: None,
            multisig: Vec::new(),
        }
    }
}

impl NeoPrefs {
    /// Reads stored settings; unreadable text gives the defaults.
    pub fn parse(text: &str) -> Self {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|p| p.version == 1)
            .unwrap_or_default()
    }

    /// Every network: built in first, then the user's.
    pub fn all_networks(&self) -> Vec<NeoNetworkInfo> {
        BUILTIN_NEO_NETWORKS
            .iter()
            .map(|(name, magic, url)| NeoNetworkInfo {
                name: (*name).to_owned(),
                magic: magic.get(),
                rpc_url: (*url).to_owned(),
                builtin: true,
            })
            .chain(self.networks.iter().map(|n| NeoNetworkInfo {
                name: n.name.clone(),
                magic: n.magic,
                rpc_url: n.rpc_url.clone(),
                builtin: false,
            }))
            .collect()
    }

    /// The selected network (MainNet should the selection be gone).
    pub fn network(&self) -> NeoNetworkInfo {
        let all = self.all_networks();
        all.iter()
            .find(|n| n.magic == self.selected_magic)
            .or(all.first())
            .cloned()
            .unwrap_or_default()
    }
}

fn invalid_network(detail: impl Into<String>) -> Failure {
    Failure::new(UiError::InvalidNetwork, detail)
}

/// Checks an RPC URL: http or https, with a host.
fn check_rpc_url(url: &str) -> Result<(), Failure> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| invalid_network("the RPC URL must start with http:// or https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.chars().any(char::is_whitespace) {
        return Err(invalid_network("the RPC URL has no host"));
    }
    Ok(())
}

/// A node error in plain words.
pub(super) fn rpc_failure(e: &RpcError) -> NeoError {
    match e {
        RpcError::Http(e) => NeoError::new(
            NeoErrorKind::RpcError,
            format!("the NEO node could not be reached: {e}"),
        ),
        RpcError::Malformed { url } => NeoError::new(
            NeoErrorKind::RpcError,
            format!("the NEO node at {url} answered something that is not JSON-RPC"),
        ),
        RpcError::Node { code, message, data } => {
            let lower = message.to_ascii_lowercase();
            let kind = if lower.contains("insufficient") {
                NeoErrorKind::InsufficientFunds
            } else {
                NeoErrorKind::RpcError
            };
            let words = if lower.contains("insufficient") {
                "the account does not have enough GAS to pay the fees".to_owned()
            } else if lower.contains("expired") || lower.contains("validuntilblock") {
                "the transaction expired before it reached a block; try again".to_owned()
            } else if lower.contains("already") {
                "the node already has this transaction".to_owned()
            } else if lower.contains("verification") || lower.contains("invalid signature") {
                "the node refused the transaction's signature".to_owned()
            } else if lower.contains("unknown storage") {
                "unknown storage".to_owned()
            } else if lower.contains("unknown transaction") || lower.contains("unknown block") {
                "the node does not know it".to_owned()
            } else {
                format!("the NEO node refused the request: {message}")
            };
            NeoError::new(kind, words).with_data(json!({"code": code, "message": message, "data": data}))
        }
    }
}

impl<S: Storage> Engine<S> {
    /// The NEO side of the wallet state.
    pub(super) fn neo_state(&self) -> NeoState {
        let prefs = self.neo.borrow();
        let accounts: Vec<NeoAccountInfo> = self
            .wallet
            .borrow()
            .as_ref()
            .map(|w| w.keyring.neo_accounts().iter().map(neo_info).collect())
            .unwrap_or_default();
        let selected_account = self.selected_neo_account().map(|a| a.id.to_string());
        let multisig = prefs
            .multisig
            .iter()
            .map(|m| multisig_info(m, &accounts))
            .collect();
        NeoState {
            network: prefs.network(),
            networks: prefs.all_networks(),
            accounts,
            selected_account,
            multisig,
        }
    }

    /// The chain family shown.
    pub(super) fn family(&self) -> Family {
        self.neo.borrow().family
    }

    /// The selected NEO account: the stored choice, else the first visible one. It does not
    /// follow the EVM selection: NEO sites see the wallet's NEO account, and that may change
    /// only where they hear of it (selecting a NEO account, a connect or switch approval).
    pub(super) fn selected_neo_account(&self) -> Option<NeoAccount> {
        let wallet = self.wallet.borrow();
        let accounts = wallet.as_ref()?.keyring.neo_accounts();
        let stored = self.neo.borrow().selected_account.clone();
        stored
            .and_then(|id| accounts.iter().find(|a| a.id.to_string() == id))
            .or_else(|| accounts.iter().find(|a| !a.hidden))
            .or(accounts.first())
            .cloned()
    }

    pub(super) async fn save_neo(&self, change: impl FnOnce(&mut NeoPrefs)) -> Result<(), Failure> {
        let mut next = self.neo.borrow().clone();
        change(&mut next);
        let text = serde_json::to_string(&next).unwrap_or_default();
        self.local.set(NEO_KEY, &text).await?;
        *self.neo.borrow_mut() = next;
        self.publish_neo_dapi().await;
        Ok(())
    }

    /// Writes [`NEO_DAPI_KEY`] when it differs from the settings (after a change, and at load
    /// for wallets made before the key existed). A failed write only leaves pages showing
    /// the previous network until their first answer from the wallet.
    pub(super) async fn publish_neo_dapi(&self) {
        let text = neo_dapi_json(&self.neo.borrow()).to_string();
        if self.local.get(NEO_DAPI_KEY).await.ok().flatten().as_deref() != Some(text.as_str()) {
            let _ = self.local.set(NEO_DAPI_KEY, &text).await;
        }
    }

    fn emit_neo(&self, origin: Option<&str>, name: &str, data: Value) {
        self.emit(origin, &format!("{EVENT_PREFIX}{name}"), data);
    }

    fn announce_neo_network(&self) {
        let mut data = dapi::methods_networks(self);
        data["magic"] = json!(self.neo.borrow().network().magic);
        self.emit_neo(None, "NETWORK_CHANGED", data);
    }

    /// Shows `family` in the popup.
    ///
    /// # Errors
    /// Storage.
    pub async fn select_family(&self, family: Family) -> Result<(), Failure> {
        self.save_neo(|p| p.family = family).await
    }

    /// Adds a NEO network after asking its node (`getversion`) that it is the network `magic`
    /// names, and selects it. Every later signature binds to `magic`.
    ///
    /// # Errors
    /// [`UiError::InvalidNetwork`] for a bad name or URL, a name or magic already used, an
    /// unreachable node or one that reports another magic.
    pub async fn add_neo_network(&self, name: &str, rpc_url: &str, magic: u32) -> Result<(), Failure> {
        let name = name.trim();
        let rpc_url = rpc_url.trim();
        if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
            return Err(invalid_network("a network name has 1 to 40 characters"));
        }
        check_rpc_url(rpc_url)?;
        let known = self.neo.borrow().all_networks();
        if known.iter().any(|n| n.name.eq_ignore_ascii_case(name)) {
            return Err(invalid_network(format!("a network is already called {name}")));
        }
        if let Some(existing) = known.iter().find(|n| n.magic == magic) {
            return Err(invalid_network(format!(
                "network magic {magic} is already {}",
                existing.name
            )));
        }
        let version = net::call(self.http.as_ref(), rpc_url, "getversion", &json!([]))
            .await
            .map_err(|e| invalid_network(format!("could not ask the node for its network: {e}")))?;
        let reported = version
            .pointer("/protocol/network")
            .and_then(Value::as_u64)
            .ok_or_else(|| invalid_network("the node did not say which network it is"))?;
        if reported != u64::from(magic) {
            return Err(invalid_network(format!(
                "the node at {rpc_url} is network {reported}, not {magic}"
            )));
        }
        self.save_neo(|p| {
            p.networks.push(CustomNeoNetwork {
                name: name.to_owned(),
                magic,
                rpc_url: rpc_url.to_owned(),
            });
            p.selected_magic = magic;
        })
        .await?;
        self.announce_neo_network();
        Ok(())
    }

    /// Selects the NEO network `magic`.
    ///
    /// # Errors
    /// [`UiError::UnknownNetwork`].
    pub async fn select_neo_network(&self, magic: u32) -> Result<(), Failure> {
        if !self.neo.borrow().all_networks().iter().any(|n| n.magic == magic) {
            return Err(Failure::new(
                UiError::UnknownNetwork,
                format!("no NEO network {magic}"),
            ));
        }
        if self.neo.borrow().selected_magic == magic {
            return Ok(());
        }
        self.save_neo(|p| p.selected_magic = magic).await?;
        self.announce_neo_network();
        Ok(())
    }

    /// Selects the NEO account `id`; connected sites see it (ACCOUNT_CHANGED).
    ///
    /// # Errors
    /// [`UiError::UnknownAccount`].
    pub async fn select_neo_account(&self, id: &str) -> Result<(), Failure> {
        let parsed: NeoAccountId = id
            .parse()
            .map_err(|_| Failure::new(UiError::UnknownAccount, "not a NEO account id"))?;
        self.with_keyring(|k| {
            k.neo_accounts()
                .iter()
                .any(|a| a.id == parsed)
                .then_some(())
                .ok_or_else(|| Failure::new(UiError::UnknownAccount, format!("no NEO account {id}")))
        })?;
        self.save_neo(|p| p.selected_account = Some(parsed.to_string()))
            .await?;
        // As in NeoLine, a site sees the wallet's active NEO account: its grant follows the
        // selection, and it hears ACCOUNT_CHANGED.
        let origins: Vec<String> = self.neo_permissions.borrow().origins.keys().cloned().collect();
        if origins.is_empty() {
            return Ok(());
        }
        let account = self
            .with_keyring(|k| Ok(k.neo_accounts().into_iter().find(|a| a.id == parsed)))?
            .ok_or_else(|| Failure::new(UiError::UnknownAccount, format!("no NEO account {id}")))?;
        self.save_neo_permissions(|p| {
            for grant in p.origins.values_mut() {
                grant.accounts = vec![parsed.to_string()];
            }
        })
        .await
        .map_err(|e| Failure::new(UiError::Storage, e.description))?;
        let data = view_of(&account).to_json();
        for origin in origins {
            self.emit_neo(Some(&origin), "ACCOUNT_CHANGED", data.clone());
        }
        Ok(())
    }

    /// Tells NEO-connected sites the wallet locked (DISCONNECTED).
    pub(super) fn announce_neo_lock(&self) {
        let origins: Vec<String> = self.neo_permissions.borrow().origins.keys().cloned().collect();
        for origin in origins {
            self.emit_neo(Some(&origin), "DISCONNECTED", Value::Null);
        }
    }

    /// Imports a NEO key into the unlocked wallet (after the wallet password).
    async fn import_neo(
        &self,
        key: PrivateKey,
        name: Option<String>,
        password: &str,
    ) -> Result<String, Failure> {
        if !*self.initialized.borrow() {
            return Err(Failure::new(
                UiError::NotInitialized,
                "import a key into an existing wallet",
            ));
        }
        self.check_password(password).await?;
        let id = self
            .change_keyring(|k| k.import_neo_key(key, name.as_deref()).map_err(Failure::from))
            .await?;
        self.save_neo(|p| p.selected_account = Some(id.to_string()))
            .await?;
        Ok(id.to_string())
    }

    /// Imports a WIF key.
    ///
    /// # Errors
    /// [`UiError::InvalidPrivateKey`], the password's, storage.
    pub async fn import_neo_wif(&self, wif: &str, password: &str) -> Result<(), Failure> {
        let key = PrivateKey::from_wif(wif.trim())
            .map_err(|e| Failure::new(UiError::InvalidPrivateKey, e.to_string()))?;
        self.import_neo(key, None, password).await.map(|_| ())
    }

    /// Imports a NEP-2 key (scrypt N=16384, r=8, p=8).
    ///
    /// # Errors
    /// [`UiError::InvalidKeystore`], [`UiError::WrongKeystorePassword`], the password's.
    pub async fn import_nep2(&self, nep2: &str, nep2_password: &str, password: &str) -> Result<(), Failure> {
        let encrypted: Nep2Key = nep2.trim().parse().map_err(|e: crate::chains::neo::Nep2Error| {
            Failure::new(UiError::InvalidKeystore, e.to_string())
        })?;
        let key = encrypted
            .decrypt(nep2_password, ScryptParams::default())
            .map_err(|e| Failure::new(UiError::WrongKeystorePassword, e.to_string()))?;
        self.import_neo(key, None, password).await.map(|_| ())
    }

    /// Imports every account of a NEP-6 wallet file.
    ///
    /// # Errors
    /// [`UiError::InvalidKeystore`], [`UiError::WrongKeystorePassword`], the password's.
    pub async fn import_nep6(&self, json: &str, file_password: &str, password: &str) -> Result<(), Failure> {
        let wallet =
            Nep6Wallet::from_json(json).map_err(|e| Failure::new(UiError::InvalidKeystore, e.to_string()))?;
        self.check_password(password).await?;
        // Decrypt everything first: a wrong password changes nothing. A multisig account's key
        // is one of its members' keys, so the same key can appear more than once.
        let mut keys: Vec<(PrivateKey, Option<String>)> = Vec::new();
        for (index, account) in wallet.accounts.iter().enumerate() {
            if account.key.is_none() {
                continue; // watch-only entries carry no key
            }
            let key = wallet
                .decrypt(index, file_password)
                .map_err(|e| Failure::new(UiError::WrongKeystorePassword, e.to_string()))?;
            if keys.iter().all(|(k, _)| k.public_key() != key.public_key()) {
                keys.push((key, account.label.clone()));
            }
        }
        if keys.is_empty() {
            return Err(Failure::new(
                UiError::InvalidKeystore,
                "the file has no encrypted key",
            ));
        }
        let last = self
            .change_keyring(|k| {
                let mut last = None;
                for (key, label) in keys {
                    let name = label.filter(|l| crate::keyring::AccountName::new(l).is_ok());
                    match k.import_neo_key(key, name.as_deref()) {
                        Ok(id) => last = Some(id),
                        // Keys already in the wallet are skipped; the rest still come in.
                        Err(crate::keyring::KeyringError::DuplicateNeoAccount { .. }) => {}
                        Err(e) => return Err(Failure::from(e)),
                    }
                }
                last.ok_or_else(|| {
                    Failure::new(
                        UiError::DuplicateAccount,
                        "every key of the file is already in the wallet",
                    )
                })
            })
            .await?;
        self.save_neo(|p| p.selected_account = Some(last.to_string()))
            .await?;
        Ok(())
    }

    /// Exports a NEO account's key as NEP-2, after the wallet password.
    ///
    /// # Errors
    /// The password's, [`UiError::UnknownAccount`], [`UiError::WeakPassword`].
    pub async fn export_nep2(
        &self,
        id: &str,
        password: &str,
        nep2_password: &str,
    ) -> Result<UiResponse, Failure> {
        self.check_password(password).await?;
        super::check_new_password(nep2_password)?;
        let id: NeoAccountId = id
            .parse()
            .map_err(|_| Failure::new(UiError::UnknownAccount, "not a NEO account id"))?;
        let key = self.with_keyring(|k| k.neo_secret(&id).map_err(Failure::from))?;
        let encrypted = Nep2Key::encrypt(&key, nep2_password, ScryptParams::default());
        Ok(UiResponse::Secret {
            secret: encrypted.to_string(),
        })
    }

    /// The selected NEO account's NEP-17 balances on the selected network.
    ///
    /// # Errors
    /// [`UiError::Locked`]; [`UiError::NodeError`] when the node fails.
    pub async fn neo_balances(&self) -> Result<UiResponse, Failure> {
        let account = self
            .selected_neo_account()
            .ok_or_else(|| Failure::new(UiError::Locked, "locked"))?;
        let balances = dapi::nep17_balances(self, &account.address)
            .await
            .map_err(|e| Failure {
                error: UiError::NodeError,
                args: vec![e.description.clone()],
                detail: e.description,
            })?;
        Ok(UiResponse::NeoBalances { balances })
    }

    /// The selected NEO network's block count (`getblockcount`).
    ///
    /// # Errors
    /// [`UiError::NodeError`] when the node does not answer or answers something else than a
    /// count.
    pub async fn neo_block_count(&self) -> Result<UiResponse, Failure> {
        let node = |detail: String| Failure {
            error: UiError::NodeError,
            args: vec![detail.clone()],
            detail,
        };
        let count = self
            .rpc("getblockcount", json!([]))
            .await
            .map_err(|e| node(e.description))?;
        let number = count
            .as_u64()
            .ok_or_else(|| node(format!("getblockcount answered {count}, not a block count")))?;
        Ok(UiResponse::BlockNumber { number })
    }

    /// A NEP-17 transfer from the selected NEO account on the selected network: the review
    /// (fees from the node), or — once confirmed — signed with the network's magic and sent.
    ///
    /// # Errors
    /// [`UiError::Locked`], [`UiError::InvalidTransfer`], [`UiError::NodeError`].
    pub async fn neo_send(
        &self,
        asset: &str,
        to: &str,
        amount: &str,
        confirm: bool,
    ) -> Result<UiResponse, Failure> {
        let account = self
            .selected_neo_account()
            .ok_or_else(|| Failure::new(UiError::Locked, "locked"))?;
        let node = |e: NeoError| match e.kind {
            NeoErrorKind::MalformedInput => Failure::new(UiError::InvalidTransfer, e.description),
            _ => Failure {
                error: UiError::NodeError,
                args: vec![e.description.clone()],
                detail: e.description,
            },
        };
        let to = to
            .trim()
            .parse::<crate::chains::neo::Address>()
            .map_err(|e| Failure::new(UiError::InvalidTransfer, format!("recipient: {e}")))?;
        let (token, raw) = dapi::transfer_of(self, asset.trim(), amount)
            .await
            .map_err(node)?;
        let call =
            tx::Invocation::nep17_transfer(token, account.address.script_hash(), to.script_hash(), raw);
        let script = tx::script_of(std::slice::from_ref(&call)).map_err(node)?;
        let signers = vec![Signer::new(
            account.address.script_hash(),
            WitnessScope::CALLED_BY_ENTRY,
        )];
        let scripts = tx::fee_scripts(self, &signers);
        let mut transaction = tx::build(self, script, signers, scripts, &tx::TxOptions::default())
            .await
            .map_err(node)?;
        if !confirm {
            let transfer = tx::describe(self, &[call])
                .await
                .pop()
                .and_then(|c| c.transfer)
                .ok_or_else(|| Failure::new(UiError::InvalidTransfer, "not a transfer"))?;
            let gas = |f: i64| {
                format!(
                    "{} GAS",
                    dapi::format_amount(&f.to_string(), 8).unwrap_or_default()
                )
            };
            return Ok(UiResponse::NeoSendReview {
                transfer,
                system_fee: gas(transaction.system_fee),
                network_fee: gas(transaction.network_fee),
            });
        }
        let magic = NetworkMagic::new(self.neo.borrow().network().magic);
        let key = self.with_keyring(|k| k.neo_secret(&account.id).map_err(Failure::from))?;
        transaction.witnesses = vec![crate::chains::neo::witness::witness_for(
            &transaction,
            magic,
            &key,
        )];
        drop(key);
        NeoHost::rpc(
            self,
            "sendrawtransaction",
            json!([STANDARD.encode(transaction.encode())]),
        )
        .await
        .map_err(node)?;
        Ok(UiResponse::NeoSent {
            txid: transaction.hash().to_string(),
        })
    }

    pub(super) fn neo_grant(&self, origin: &Origin) -> Option<Grant> {
        self.neo_permissions
            .borrow()
            .origins
            .get(origin.as_str())
            .cloned()
    }

    async fn save_neo_permissions(&self, change: impl FnOnce(&mut Permissions)) -> Result<(), NeoError> {
        let mut next = self.neo_permissions.borrow().clone();
        change(&mut next);
        self.local
            .set(NEO_PERMISSIONS_KEY, &next.to_json())
            .await
            .map_err(|e| {
                NeoError::new(
                    NeoErrorKind::Unknown,
                    format!("could not save the permission: {e}"),
                )
            })?;
        *self.neo_permissions.borrow_mut() = next;
        Ok(())
    }

    async fn unlock_for(&self, origin: &Origin) -> Result<(), NeoError> {
        if self.is_unlocked() {
            return Ok(());
        }
        match self.prompt(origin, ApprovalKind::Unlock).await {
            Ok(Decision::Approved { .. }) if self.is_unlocked() => Ok(()),
            _ => Err(NeoError::new(
                NeoErrorKind::ConnectionDenied,
                "the wallet stayed locked",
            )),
        }
    }

    /// The connect approval `kind` with NEO account `choice` (an id) picked instead.
    ///
    /// # Errors
    /// [`UiError::UnknownAccount`] for an id that is not a visible NEO account.
    pub(super) fn neo_connect_choice(
        &self,
        kind: &ApprovalKind,
        choice: &str,
    ) -> Result<ApprovalKind, Failure> {
        let unknown = || Failure::new(UiError::UnknownAccount, format!("no NEO account {choice}"));
        let id: NeoAccountId = choice.parse().map_err(|_| unknown())?;
        let account = self
            .with_keyring(|k| Ok(k.neo_accounts().into_iter().find(|a| a.id == id && !a.hidden)))?
            .ok_or_else(unknown)?;
        let ApprovalKind::NeoConnect { network, switch, .. } = kind.clone() else {
            return Err(unknown());
        };
        Ok(ApprovalKind::NeoConnect {
            address: account.address.to_string(),
            label: account.name,
            network,
            account_id: account.id.to_string(),
            switch,
        })
    }

    /// Asks the user which NEO account `origin` may see (the selected one offered), then
    /// grants it. The wallet has one active NEO account, as in NeoLine: picking another one
    /// selects it, and every connected site follows (ACCOUNT_CHANGED).
    async fn ask_connect(&self, origin: &Origin, switch: bool) -> Result<NeoAccountView, NeoError> {
        self.unlock_for(origin).await?;
        let account = self
            .selected_neo_account()
            .ok_or_else(|| NeoError::new(NeoErrorKind::ConnectionDenied, "the wallet has no NEO account"))?;
        let kind = ApprovalKind::NeoConnect {
            address: account.address.to_string(),
            label: account.name.clone(),
            network: self.neo.borrow().network().name,
            account_id: account.id.to_string(),
            switch,
        };
        let refused = |kind: NeoErrorKind| {
            if switch {
                NeoError::canceled()
            } else {
                NeoError::new(kind, "the user refused to connect this site")
            }
        };
        let chosen = match self.prompt_edited(origin, kind).await {
            Ok(ApprovalKind::NeoConnect { account_id, .. }) => account_id,
            _ => return Err(refused(NeoErrorKind::ConnectionDenied)),
        };
        let account = if chosen == account.id.to_string() {
            account
        } else {
            self.select_neo_account(&chosen)
                .await
                .map_err(|e| NeoError::new(NeoErrorKind::Unknown, e.detail))?;
            self.selected_neo_account()
                .filter(|a| a.id.to_string() == chosen)
                .ok_or_else(|| refused(NeoErrorKind::ConnectionDenied))?
        };
        let grant = Grant {
            accounts: vec![account.id.to_string()],
            granted_at_ms: super::connect::now_ms(),
        };
        self.save_neo_permissions(|p| {
            p.origins.insert(origin.to_string(), grant);
        })
        .await?;
        let view = view_of(&account);
        if !switch {
            self.emit_neo(Some(origin.as_str()), "CONNECTED", view.to_json());
        }
        Ok(view)
    }
}

/// What [`NEO_DAPI_KEY`] holds for `prefs`.
pub fn neo_dapi_json(prefs: &NeoPrefs) -> Value {
    json!({
        "network": prefs.network().magic,
        "supportedNetworks": prefs.all_networks().iter().map(|n| n.magic).collect::<Vec<_>>(),
    })
}

fn neo_info(account: &NeoAccount) -> NeoAccountInfo {
    NeoAccountInfo {
        id: account.id.to_string(),
        name: account.name.clone(),
        address: account.address.to_string(),
        public_key: account.public_key.to_string(),
        hd: matches!(account.id, NeoAccountId::Hd(_)),
        hidden: account.hidden,
    }
}

pub(super) fn view_of(account: &NeoAccount) -> NeoAccountView {
    NeoAccountView {
        address: account.address,
        label: account.name.clone(),
        public_key: account.public_key,
    }
}

#[async_trait::async_trait(?Send)]
impl<S: Storage> NeoHost for Engine<S> {
    fn network(&self) -> NeoNetworkInfo {
        self.neo.borrow().network()
    }

    fn networks(&self) -> Vec<NeoNetworkInfo> {
        self.neo.borrow().all_networks()
    }

    fn account(&self, origin: &Origin) -> Option<NeoAccountView> {
        let id = self.neo_grant(origin)?.accounts.first()?.clone();
        let wallet = self.wallet.borrow();
        let accounts = wallet.as_ref()?.keyring.neo_accounts();
        accounts.iter().find(|a| a.id.to_string() == id).map(view_of)
    }

    fn verification_script(&self, account: &crate::chains::neo::UInt160) -> Option<Vec<u8>> {
        let own = self
            .wallet
            .borrow()
            .as_ref()?
            .keyring
            .neo_accounts()
            .iter()
            .find(|a| a.address.script_hash() == *account)
            .map(|a| a.public_key.verification_script());
        own.or_else(|| {
            self.neo
                .borrow()
                .multisig
                .iter()
                .find_map(|m| (m.account.script_hash() == *account).then(|| m.account.verification_script()))
        })
    }

    fn is_connected(&self, origin: &Origin) -> bool {
        self.neo_grant(origin).is_some()
    }

    async fn connect(&self, origin: &Origin) -> Result<NeoAccountView, NeoError> {
        if self.is_connected(origin) {
            self.unlock_for(origin).await?;
            if let Some(account) = NeoHost::account(self, origin) {
                return Ok(account);
            }
            // The granted account is gone: ask again.
        }
        self.ask_connect(origin, false).await
    }

    async fn approve(&self, origin: &Origin, kind: ApprovalKind) -> Result<(), NeoError> {
        match self.prompt(origin, kind).await {
            Ok(Decision::Approved { .. }) => Ok(()),
            Ok(Decision::Rejected) => Err(NeoError::canceled()),
            // Another request of this site is waiting for the user.
            Err(e) => Err(NeoError::new(NeoErrorKind::Canceled, e.message)),
        }
    }

    fn sign(&self, origin: &Origin, digest: &[u8; 32]) -> Result<(PublicKey, Signature), NeoError> {
        let unauthorized = || {
            NeoError::new(
                NeoErrorKind::Unauthorized,
                "the site has no NEO account, or the wallet is locked",
            )
        };
        let id: NeoAccountId = self
            .neo_grant(origin)
            .and_then(|g| g.accounts.first().cloned())
            .and_then(|id| id.parse().ok())
            .ok_or_else(unauthorized)?;
        let key = self
            .with_keyring(|k| k.neo_secret(&id).map_err(Failure::from))
            .map_err(|_| unauthorized())?;
        Ok((key.public_key(), key.sign_prehash(digest)))
    }

    async fn rpc(&self, method: &str, params: Value) -> Result<Value, NeoError> {
        let url = self.neo.borrow().network().rpc_url;
        net::call(self.http.as_ref(), &url, method, &params)
            .await
            .map_err(|e| rpc_failure(&e))
    }

    fn random(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        // Without randomness the salt would be predictable; getrandom fails only on platforms
        // without an entropy source, where nothing in the wallet works.
        let _ = getrandom::fill(&mut out);
        out
    }

    async fn switch_network(&self, origin: &Origin, chain_id: u32) -> Result<bool, NeoError> {
        let target = match chain_id {
            3 => self
                .networks()
                .into_iter()
                .find(|n| n.magic == NetworkMagic::MAINNET.get()),
            6 => self
                .networks()
                .into_iter()
                .find(|n| n.magic == NetworkMagic::TESTNET.get()),
            // NeoLine's one "N3 private network": a network the user added. Already on one
            // counts as there; otherwise the first the user added is offered.
            0 => {
                let current = self.network();
                let private = if current.builtin {
                    self.networks().into_iter().find(|n| !n.builtin)
                } else {
                    Some(current)
                };
                Some(private.ok_or_else(|| {
                    NeoError::malformed(
                        "chainId 0 is a private NEO network, and the wallet has none: add it in Formica's settings first",
                    )
                })?)
            }
            1 | 2 => {
                return Err(NeoError::new(
                    NeoErrorKind::Unsupported,
                    format!("chainId {chain_id} is a NEO Legacy (N2) network; Formica supports NEO N3 only"),
                ));
            }
            other => {
                return Err(NeoError::malformed(format!(
                    "chainId {other} is not a NEO N3 network (3 MainNet, 6 TestNet, 0 a private network)"
                )));
            }
        }
        .ok_or_else(|| NeoError::malformed(format!("no NEO network for chainId {chain_id}")))?;
        if !self.is_connected(origin) {
            return Err(NeoError::not_connected());
        }
        let current = self.network();
        if current.magic == target.magic {
            return Ok(false);
        }
        let kind = ApprovalKind::NeoSwitchNetwork {
            from: current.name,
            to: target.name.clone(),
            magic: target.magic,
        };
        NeoHost::approve(self, origin, kind).await?;
        self.select_neo_network(target.magic)
            .await
            .map_err(|e| NeoError::new(NeoErrorKind::Unknown, e.detail))?;
        Ok(true)
    }

    async fn switch_account(&self, origin: &Origin) -> Result<Option<NeoAccountView>, NeoError> {
        if !self.is_connected(origin) {
            return Err(NeoError::not_connected());
        }
        let before = NeoHost::account(self, origin).map(|a| a.address);
        let view = self.ask_connect(origin, true).await?;
        Ok((before != Some(view.address)).then_some(view))
    }
}

mod multisig;

use multisig::multisig_info;

#[cfg(test)]
mod tests;
