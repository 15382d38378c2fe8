use serde::{Deserialize, Serialize};

use super::{
    ActivityItem, ApprovalView, Balances, ChainId, ConnectedSite, Family, NeoBalance, NeoContextView,
    NeoState, NeoTransfer, SendForm, SendReview, TokenInfo,
};

/// A command from the popup to the engine.
///
/// Passwords and phrases travel in these messages only from the popup (an extension page) to the
/// engine; the engine wraps them in zeroizing buffers at once and never sends them back, except
/// for the explicit reveal and export commands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UiRequest {
    /// Asks for the current [`WalletState`].
    GetState,
    /// Makes `chain_id` the selected EVM network.
    SelectNetwork {
        /// The network to select; it must be one the wallet knows.
        chain_id: ChainId,
    },
    /// Starts creating a wallet: the engine makes a new mnemonic, keeps it in memory only, and
    /// answers [`UiResponse::NewMnemonic`] so the user can write the words down.
    GenerateMnemonic {
        /// 12 or 24.
        words: u8,
    },
    /// Finishes creating a wallet from the mnemonic of the last [`UiRequest::GenerateMnemonic`],
    /// once the user has picked its words back in order.
    CreateWallet {
        /// The words the user picked, in order; they must equal the generated mnemonic.
        confirmation: Vec<String>,
        /// The new wallet password.
        password: String,
    },
    /// Sets the wallet up from an existing mnemonic.
    ImportMnemonic {
        /// 12–24 words, English or Simplified Chinese.
        phrase: String,
        /// The optional BIP39 passphrase ("25th word"); empty for none.
        passphrase: String,
        /// The new wallet password.
        password: String,
    },
    /// Imports a private key: sets the wallet up when there is none, or adds the key to the
    /// unlocked wallet.
    ImportPrivateKey {
        /// 64 hex digits, with or without `0x`.
        key: String,
        /// The wallet password (the new one when setting up).
        password: String,
    },
    /// Imports an Ethereum keystore v3 JSON file, like [`UiRequest::ImportPrivateKey`].
    ImportKeystore {
        /// The file's text.
        json: String,
        /// The keystore's own password.
        keystore_password: String,
        /// The wallet password (the new one when setting up).
        password: String,
    },
    /// Unlocks the vault.
    Unlock {
        /// The wallet password.
        password: String,
    },
    /// Locks the wallet now.
    Lock,
    /// Adds the next HD account.
    AddAccount,
    /// Makes `id` the selected account.
    SelectAccount {
        /// The account id.
        id: String,
    },
    /// Renames an account.
    RenameAccount {
        /// The account id.
        id: String,
        /// The new name, 1–40 characters.
        name: String,
    },
    /// Hides or shows an account in the account list.
    SetAccountHidden {
        /// The account id.
        id: String,
        /// Whether the account is hidden.
        hidden: bool,
    },
    /// Shows the mnemonic (answers [`UiResponse::Secret`]).
    RevealMnemonic {
        /// The wallet password, asked again.
        password: String,
    },
    /// Shows one account's private key (answers [`UiResponse::Secret`]).
    ExportPrivateKey {
        /// The account id.
        id: String,
        /// The wallet password, asked again.
        password: String,
    },
    /// Re-encrypts the vault under a new password (with freshly calibrated KDF parameters).
    ChangePassword {
        /// The current password.
        old_password: String,
        /// The new password.
        new_password: String,
    },
    /// Sets the idle time after which the wallet locks itself.
    SetAutoLock {
        /// 1–1440 minutes.
        minutes: u32,
    },
    /// Exports the whole vault as an encrypted backup file (answers [`UiResponse::Backup`]).
    ExportBackup {
        /// The wallet password, asked again.
        password: String,
        /// The password that will protect the backup file.
        backup_password: String,
    },
    /// Replaces the vault with the contents of a backup file (set-up screen only).
    ImportBackup {
        /// The backup file's text.
        file: String,
        /// The backup file's password.
        backup_password: String,
        /// The new wallet password.
        password: String,
    },
    /// Asks what approval `id` is about (the approval window does, on opening).
    GetApproval {
        /// The approval id from the window's route.
        id: String,
    },
    /// Answers approval `id`.
    ResolveApproval {
        /// The approval id.
        id: String,
        /// Whether the user approved.
        approve: bool,
        /// For a connect approval: the ids of the accounts the user chose.
        #[serde(default)]
        accounts: Vec<String>,
    },
    /// Opens the backup generation of a vault whose current generation is damaged, and makes it
    /// current again.
    RestoreBackupGeneration {
        /// The wallet password.
        password: String,
    },
    /// Shows the accounts and networks of a chain family on home.
    SelectFamily {
        /// The family.
        family: Family,
    },
    /// Adds a NEO N3 network (its node is asked to confirm the magic) and selects it.
    AddNeoNetwork {
        /// The display name.
        name: String,
        /// The JSON-RPC endpoint.
        rpc_url: String,
        /// The network magic.
        magic: u32,
    },
    /// Selects a NEO network by magic.
    SelectNeoNetwork {
        /// The magic.
        magic: u32,
    },
    /// Selects a NEO account (`hd:<i>` or `neo:<address>`).
    SelectNeoAccount {
        /// The id.
        id: String,
    },
    /// Imports a NEO key given as WIF into the unlocked wallet.
    ImportNeoKey {
        /// The WIF.
        wif: String,
        /// The wallet password.
        password: String,
    },
    /// Imports a NEP-2 encrypted NEO key into the unlocked wallet.
    ImportNep2 {
        /// The `6P…` string.
        nep2: String,
        /// Its password.
        nep2_password: String,
        /// The wallet password.
        password: String,
    },
    /// Imports every account of a NEP-6 wallet file into the unlocked wallet.
    ImportNep6 {
        /// The file's text.
        json: String,
        /// The file's password.
        file_password: String,
        /// The wallet password.
        password: String,
    },
    /// Exports a NEO account's key as NEP-2 (answers [`UiResponse::Secret`]).
    ExportNep2 {
        /// The NEO account id.
        id: String,
        /// The wallet password, asked again.
        password: String,
        /// The password that will protect the NEP-2 key.
        nep2_password: String,
    },
    /// The selected NEO account's NEP-17 balances (answers [`UiResponse::NeoBalances`]).
    NeoBalances,
    /// The selected NEO network's block count, `getblockcount` (answers
    /// [`UiResponse::BlockNumber`]); the popup reads the balances again when it grows.
    NeoBlockCount,
    /// Sends a NEP-17 token from the selected NEO account: `confirm: false` answers the review
    /// ([`UiResponse::NeoSendReview`]), `confirm: true` signs and sends ([`UiResponse::NeoSent`]).
    NeoSend {
        /// `NEO`, `GAS` or the token's script hash.
        asset: String,
        /// The recipient's N3 address.
        to: String,
        /// The amount in whole tokens (`1.5`).
        amount: String,
        /// Sign and send (after the user saw the review).
        confirm: bool,
    },
    /// Makes an m-of-n multisig account (answers [`UiResponse::NeoMultisig`]).
    NeoCreateMultisig {
        /// Signatures needed.
        threshold: usize,
        /// The keys, compressed hex.
        public_keys: Vec<String>,
    },
    /// Signs a ContractParametersContext as one NEO account (answers [`UiResponse::NeoContext`]).
    NeoSignContext {
        /// The NEO account id.
        id: String,
        /// The context JSON.
        context: String,
        /// The multisig account's verification script (hex), or empty to let the engine find
        /// what the account can sign for (a multisig account holding its key, or itself).
        #[serde(default)]
        verification_script: String,
    },
    /// Keeps a multisig account in the wallet (answers the state).
    NeoAddMultisig {
        /// A name for it.
        name: String,
        /// Signatures needed.
        threshold: usize,
        /// The keys, compressed hex.
        public_keys: Vec<String>,
    },
    /// Forgets a multisig account (answers the state).
    NeoRemoveMultisig {
        /// Its address.
        address: String,
    },
    /// A NEP-17 transfer from a multisig account the wallet holds, as an unsigned context for
    /// its members to sign (answers [`UiResponse::NeoContext`]).
    NeoMultisigSend {
        /// The multisig account's address.
        from: String,
        /// `NEO`, `GAS` or the token's script hash.
        asset: String,
        /// The recipient's N3 address.
        to: String,
        /// The amount in whole tokens.
        amount: String,
    },
    /// What a context will do and who has signed it (answers [`UiResponse::NeoContextReview`]).
    NeoReviewContext {
        /// The context JSON.
        context: String,
    },
    /// Sends a fully signed context to the selected network's node (answers [`UiResponse::NeoSent`]).
    NeoRelayContext {
        /// The context JSON.
        context: String,
    },
    /// Reads the selected account's balances on the selected network (answers
    /// [`UiResponse::Balances`]).
    GetBalances,
    /// Reads the selected network's latest block number (answers [`UiResponse::BlockNumber`]);
    /// the popup refetches balances when it changes.
    GetBlockNumber,
    /// Watches the ERC-20 token at `address` on the selected network; its symbol and decimals
    /// are read from the contract (answers [`UiResponse::Tokens`]).
    AddToken {
        /// The token contract's address.
        address: String,
    },
    /// Stops watching a token of the selected network (answers [`UiResponse::Tokens`]).
    RemoveToken {
        /// The token contract's address.
        address: String,
    },
    /// Checks a send and says what it will do (answers [`UiResponse::SendReview`]).
    ReviewSend {
        /// The form.
        form: SendForm,
    },
    /// Checks, signs and broadcasts a send from the selected account (answers
    /// [`UiResponse::Sent`]).
    ConfirmSend {
        /// The form, as reviewed.
        form: SendForm,
    },
    /// The transactions the wallet broadcast, newest first, after checking the pending ones'
    /// receipts (answers [`UiResponse::Activity`]).
    GetActivity,
    /// The connected sites (answers [`UiResponse::ConnectedSites`]).
    GetConnectedSites,
    /// Disconnects a site; its pages get `accountsChanged([])` (answers
    /// [`UiResponse::ConnectedSites`]).
    RevokeSite {
        /// The site's origin.
        origin: String,
    },
    /// Adds a network from settings. The engine checks it like `wallet_addEthereumChain`
    /// (including the node's `eth_chainId`) and answers the new state.
    AddNetwork {
        /// Which chain family the network belongs to.
        family: NetworkFamily,
        /// Display name.
        name: String,
        /// RPC endpoint: https, or http to 127.0.0.1 / localhost / [::1].
        rpc_url: String,
        /// EVM chain id (decimal or 0x-hex) or NEO network magic, as typed.
        chain_id: String,
        /// Native currency symbol; empty for the family's usual one (ETH on EVM).
        #[serde(default)]
        currency_symbol: String,
    },
    /// Removes a network added by the user.
    RemoveNetwork {
        /// Its chain id.
        chain_id: ChainId,
    },
    /// Changes the fee a pending transaction approval will sign with; answers the updated
    /// [`UiResponse::Approval`].
    SetTransactionFee {
        /// The approval id.
        id: String,
        /// A level the approval offers, or `custom` with the two values below.
        level: super::FeeChoice,
        /// For `custom`: max fee per gas (or gas price) in gwei, e.g. `32.5`.
        #[serde(default)]
        max_fee_per_gas: String,
        /// For `custom` EIP-1559 transactions: max priority fee per gas in gwei.
        #[serde(default)]
        max_priority_fee_per_gas: String,
        /// Counts up with each edit from the window: the engine may receive edits out of
        /// order, and ignores one older than the last it applied.
        #[serde(default)]
        revision: u32,
    },
}

/// The engine's answer to a [`UiRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
// One answer at a time crosses the port, serialized: the size of the in-memory value is moot.
#[allow(clippy::large_enum_variant)]
pub enum UiResponse {
    /// The wallet's state after the request.
    State {
        /// The state.
        state: WalletState,
    },
    /// A freshly generated mnemonic, to be written down and confirmed.
    NewMnemonic {
        /// The words, in order.
        words: Vec<String>,
    },
    /// A secret the user explicitly asked to see. The popup shows it and drops it.
    Secret {
        /// The mnemonic or private key.
        secret: String,
    },
    /// A pending approval.
    Approval {
        /// What it asks.
        approval: ApprovalView,
    },
    /// An encrypted backup file.
    Backup {
        /// Suggested file name.
        file_name: String,
        /// The file's text.
        contents: String,
    },
    /// NEP-17 balances.
    NeoBalances {
        /// One per token held.
        balances: Vec<NeoBalance>,
    },
    /// A multisig account.
    NeoMultisig {
        /// Its N3 address.
        address: String,
        /// Its script hash, `0x…`.
        script_hash: String,
        /// Its verification script, hex.
        verification_script: String,
    },
    /// What a NEP-17 send will do, for the user to confirm.
    NeoSendReview {
        /// The transfer.
        transfer: NeoTransfer,
        /// System fee, in GAS.
        system_fee: String,
        /// Network fee, in GAS.
        network_fee: String,
    },
    /// A NEP-17 send was broadcast.
    NeoSent {
        /// The transaction hash.
        txid: String,
    },
    /// A context, reviewed.
    NeoContextReview {
        /// What it does and how far its signatures are.
        review: NeoContextView,
    },
    /// A ContractParametersContext after signing.
    NeoContext {
        /// The context JSON.
        context: String,
        /// Whether every signature is now there.
        complete: bool,
    },
    /// Balances of the selected account.
    Balances {
        /// The balances.
        balances: Balances,
    },
    /// The selected network's latest block.
    BlockNumber {
        /// The block number.
        number: u64,
    },
    /// The watched tokens of the selected network.
    Tokens {
        /// The tokens.
        tokens: Vec<TokenInfo>,
    },
    /// What a send will do.
    SendReview {
        /// The review.
        review: SendReview,
    },
    /// A send was broadcast.
    Sent {
        /// The transaction hash.
        hash: String,
    },
    /// The activity list, newest first.
    Activity {
        /// The transactions.
        items: Vec<ActivityItem>,
    },
    /// The connected sites.
    ConnectedSites {
        /// The sites.
        sites: Vec<ConnectedSite>,
    },
    /// The request failed; nothing changed.
    Error {
        /// What went wrong, as a message key of `_locales` (see [`UiError`]).
        error: UiError,
        /// Substitutions for the message (`$1`, `$2`, …), e.g. which word is wrong.
        #[serde(default)]
        args: Vec<String>,
        /// Details in English for logs and bug reports; never holds a secret.
        #[serde(default)]
        detail: String,
    },
}

/// Why a popup command failed, as a `_locales` message key the popup shows translated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UiError {
    /// The password does not open the vault.
    WrongPassword,
    /// The wallet is locked.
    Locked,
    /// A wallet already exists.
    AlreadyInitialized,
    /// There is no wallet yet.
    NotInitialized,
    /// A word of the mnemonic is not in the word list (args: its 1-based position, the word).
    UnknownWord,
    /// The mnemonic has a word count other than 12, 15, 18, 21 or 24 (args: the count).
    BadWordCount,
    /// The mnemonic's checksum does not match: a word is wrong or out of order.
    BadChecksum,
    /// The confirmation words do not match the generated mnemonic.
    ConfirmationMismatch,
    /// No mnemonic is being created (the worker restarted); start again.
    NoPendingMnemonic,
    /// The private key is not valid.
    InvalidPrivateKey,
    /// The keystore file cannot be read.
    InvalidKeystore,
    /// The keystore password is wrong.
    WrongKeystorePassword,
    /// The account already exists.
    DuplicateAccount,
    /// No such account.
    UnknownAccount,
    /// The name is empty or too long.
    InvalidName,
    /// The password is too weak.
    WeakPassword,
    /// The setting is out of range.
    InvalidSetting,
    /// No such network.
    UnknownNetwork,
    /// The backup file cannot be read or its password is wrong.
    InvalidBackup,
    /// Browser storage failed (quota, …); nothing changed.
    Storage,
    /// The command is malformed.
    Malformed,
    /// The engine could not start.
    Unavailable,
    /// The approval was already answered, or its request went away.
    UnknownApproval,
    /// A connect approval needs at least one account.
    NoAccountChosen,
    /// The vault's current copy is unreadable; the password opens the previous copy, which
    /// the user may restore.
    VaultDamaged,
    /// The multisig account or context is not valid.
    InvalidMultisig,
    /// The address is not `0x` and 40 hex digits (args: the detail).
    InvalidAddress,
    /// The address mixes cases and fails its EIP-55 checksum: most likely a typo.
    AddressChecksum,
    /// The amount is not a decimal number (args: the detail).
    InvalidAmount,
    /// The amount has more decimals than the asset (args: the asset's decimals).
    TooManyDecimals,
    /// The amount is more than the balance (args: the balance with its symbol).
    InsufficientFunds,
    /// No ERC-20 contract answers at the address (args: the detail).
    NotAToken,
    /// The token is not watched on this network.
    UnknownToken,
    /// The network's node could not be reached or refused the call (args: its words).
    NodeError,
    /// Stored wallet data (tokens, activity) is unreadable; it was left as it is.
    CorruptData,
    /// The site is not connected.
    UnknownSite,
    /// A fee typed in gwei is not a number, zero, or a priority fee above the max fee.
    InvalidFee,
    /// A network field is invalid (args: which rule, in English detail), or a NEO node reports
    /// another magic than the one typed.
    InvalidNetwork,
    /// The chain is built in or was already added (args: the chain id).
    NetworkExists,
    /// The network's RPC URL did not answer.
    RpcUnreachable,
    /// The network's RPC URL serves another chain (args: the chain id it answered).
    ChainIdMismatch,
    /// The saved custom networks could not be read; nothing was changed.
    NetworksDamaged,
    /// Adding networks of this family is not supported yet.
    NetworkFamilyUnsupported,
    /// A transfer's recipient or amount is not valid.
    InvalidTransfer,
    /// A pasted transaction context is not one (not JSON, or not a transaction context).
    ContextUnreadable,
    /// A signature in the context does not verify for its transaction and network.
    ContextBadSignature,
    /// The chosen account has already signed the context (or its account has all it needs).
    ContextAlreadySigned,
    /// None of the wallet's accounts can sign the context.
    ContextNothingToSign,
    /// The context still lacks signatures (args: the address that needs them).
    ContextIncomplete,
    /// The context is for another network than the selected one (args: its magic).
    ContextOtherNetwork,
    /// The multisig account is already kept (args: its name) or the name is taken.
    MultisigExists,
}

impl UiError {
    /// Every variant, for the test that checks each has a translated string. A new variant
    /// belongs here as well as in [`UiError::message_key`].
    pub const ALL: &'static [Self] = &[
        Self::WrongPassword,
        Self::Locked,
        Self::AlreadyInitialized,
        Self::NotInitialized,
        Self::UnknownWord,
        Self::BadWordCount,
        Self::BadChecksum,
        Self::ConfirmationMismatch,
        Self::NoPendingMnemonic,
        Self::InvalidPrivateKey,
        Self::InvalidKeystore,
        Self::WrongKeystorePassword,
        Self::DuplicateAccount,
        Self::UnknownAccount,
        Self::InvalidName,
        Self::WeakPassword,
        Self::InvalidSetting,
        Self::UnknownNetwork,
        Self::InvalidBackup,
        Self::Storage,
        Self::Malformed,
        Self::Unavailable,
        Self::VaultDamaged,
        Self::UnknownApproval,
        Self::NoAccountChosen,
        Self::InvalidMultisig,
        Self::InvalidAddress,
        Self::AddressChecksum,
        Self::InvalidAmount,
        Self::TooManyDecimals,
        Self::InsufficientFunds,
        Self::NotAToken,
        Self::UnknownToken,
        Self::NodeError,
        Self::CorruptData,
        Self::UnknownSite,
        Self::InvalidFee,
        Self::InvalidNetwork,
        Self::NetworkExists,
        Self::RpcUnreachable,
        Self::ChainIdMismatch,
        Self::NetworksDamaged,
        Self::NetworkFamilyUnsupported,
        Self::InvalidTransfer,
        Self::ContextUnreadable,
        Self::ContextBadSignature,
        Self::ContextAlreadySigned,
        Self::ContextNothingToSign,
        Self::ContextIncomplete,
        Self::ContextOtherNetwork,
        Self::MultisigExists,
    ];

    /// The `_locales` message key for this error.
    pub const fn message_key(self) -> &'static str {
        match self {
            Self::WrongPassword => "errorWrongPassword",
            Self::Locked => "errorLocked",
            Self::AlreadyInitialized => "errorAlreadyInitialized",
            Self::NotInitialized => "errorNotInitialized",
            Self::UnknownWord => "errorUnknownWord",
            Self::BadWordCount => "errorBadWordCount",
            Self::BadChecksum => "errorBadChecksum",
            Self::ConfirmationMismatch => "errorConfirmationMismatch",
            Self::NoPendingMnemonic => "errorNoPendingMnemonic",
            Self::InvalidPrivateKey => "errorInvalidPrivateKey",
            Self::InvalidKeystore => "errorInvalidKeystore",
            Self::WrongKeystorePassword => "errorWrongKeystorePassword",
            Self::DuplicateAccount => "errorDuplicateAccount",
            Self::UnknownAccount => "errorUnknownAccount",
            Self::InvalidName => "errorInvalidName",
            Self::WeakPassword => "errorWeakPassword",
            Self::InvalidSetting => "errorInvalidSetting",
            Self::UnknownNetwork => "errorUnknownNetwork",
            Self::InvalidBackup => "errorInvalidBackup",
            Self::Storage => "errorStorage",
            Self::Malformed => "errorMalformed",
            Self::Unavailable => "errorEngineUnavailable",
            Self::VaultDamaged => "errorVaultDamaged",
            Self::UnknownApproval => "errorUnknownApproval",
            Self::NoAccountChosen => "errorNoAccountChosen",
            Self::InvalidMultisig => "errorInvalidMultisig",
            Self::InvalidAddress => "errorInvalidAddress",
            Self::AddressChecksum => "errorAddressChecksum",
            Self::InvalidAmount => "errorInvalidAmount",
            Self::TooManyDecimals => "errorTooManyDecimals",
            Self::InsufficientFunds => "errorInsufficientFunds",
            Self::NotAToken => "errorNotAToken",
            Self::UnknownToken => "errorUnknownToken",
            Self::NodeError => "errorNodeError",
            Self::CorruptData => "errorCorruptData",
            Self::UnknownSite => "errorUnknownSite",
            Self::InvalidFee => "errorInvalidFee",
            Self::InvalidNetwork => "errorInvalidNetwork",
            Self::NetworkExists => "errorNetworkExists",
            Self::RpcUnreachable => "errorRpcUnreachable",
            Self::ChainIdMismatch => "errorChainIdMismatch",
            Self::NetworksDamaged => "errorNetworksDamaged",
            Self::NetworkFamilyUnsupported => "errorNetworkFamilyUnsupported",
            Self::InvalidTransfer => "errorInvalidTransfer",
            Self::ContextUnreadable => "errorContextUnreadable",
            Self::ContextBadSignature => "errorContextBadSignature",
            Self::ContextAlreadySigned => "errorContextAlreadySigned",
            Self::ContextNothingToSign => "errorContextNothingToSign",
            Self::ContextIncomplete => "errorContextIncomplete",
            Self::ContextOtherNetwork => "errorContextOtherNetwork",
            Self::MultisigExists => "errorMultisigExists",
        }
    }
}

/// What the popup needs to draw itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalletState {
    /// Whether a vault exists (false: show onboarding).
    pub initialized: bool,
    /// Whether the vault is unlocked.
    pub unlocked: bool,
    /// The selected EVM network.
    pub network: NetworkInfo,
    /// Every EVM network the wallet knows.
    pub networks: Vec<NetworkInfo>,
    /// The accounts (empty while locked).
    pub accounts: Vec<AccountInfo>,
    /// The selected account's id (while unlocked).
    pub selected_account: Option<String>,
    /// Minutes of inactivity before the wallet locks itself.
    pub auto_lock_minutes: u32,
    /// Set when the vault's current generation could not be read and the backup generation
    /// is offered instead.
    pub vault_damaged: bool,
    /// The chain family home shows.
    #[serde(default)]
    pub family: Family,
    /// NEO networks and accounts.
    #[serde(default)]
    pub neo: NeoState,
}

/// An account as the popup shows it: public data only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// Stable id.
    pub id: String,
    /// The user's name for it.
    pub name: String,
    /// Derived from the mnemonic, or an imported key.
    pub kind: AccountKind,
    /// Hidden from the account list.
    pub hidden: bool,
    /// EIP-55 EVM address.
    pub evm_address: String,
    /// NEO N3 public key (compressed, hex), for HD accounts.
    pub neo_public_key: Option<String>,
    /// Solana public key (hex), for HD accounts.
    pub solana_public_key: Option<String>,
}

/// Where an account's key comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Derived from the wallet's mnemonic.
    Hd,
    /// An imported private key.
    Imported,
}

/// An EVM network as the popup shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// The chain id.
    pub chain_id: ChainId,
    /// The display name.
    pub name: String,
    /// The native currency's symbol.
    pub currency_symbol: String,
    /// Whether this is a test or development network.
    pub testnet: bool,
    /// Added by the user (and removable).
    #[serde(default)]
    pub custom: bool,
    /// The RPC endpoint of a custom network.
    #[serde(default)]
    pub rpc_url: Option<String>,
}

/// A chain family, as settings → networks offers them (`network-family`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkFamily {
    /// EVM chains (chain id).
    Evm,
    /// NEO N3 (network magic).
    Neo,
    /// Solana.
    Solana,
}

impl NetworkFamily {
    /// The `<select>` value: `evm`, `neo`, `solana`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Evm => "evm",
            Self::Neo => "neo",
            Self::Solana => "solana",
        }
    }

    /// The family named by [`Self::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Evm, Self::Neo, Self::Solana]
            .into_iter()
            .find(|f| f.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_have_the_documented_wire_shape() {
        let req: UiRequest =
            serde_json::from_str(r#"{"type":"select_network","chain_id":"0x7a69"}"#).unwrap();
        assert_eq!(
            req,
            UiRequest::SelectNetwork {
                chain_id: ChainId::new(31_337).unwrap()
            }
        );
        assert_eq!(
            serde_json::to_string(&UiRequest::GetState).unwrap(),
            r#"{"type":"get_state"}"#
        );
        assert!(serde_json::from_str::<UiRequest>(r#"{"type":"select_network","chain_id":"7"}"#).is_err());
        let err = UiResponse::Error {
            error: UiError::UnknownWord,
            args: vec!["3".into(), "abandn".into()],
            detail: String::new(),
        };
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({"type": "error", "error": "unknown_word", "args": ["3", "abandn"], "detail": ""})
        );
    }
}
