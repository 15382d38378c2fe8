//! Keys: BIP39 mnemonics, HD derivation (BIP32 secp256k1, SLIP-10 NIST P-256 and ed25519),
//! accounts, imported keys.
