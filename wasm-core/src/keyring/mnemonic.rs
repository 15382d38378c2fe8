//! BIP-39 mnemonics: generation from system entropy, parsing with precise errors, and the
//! PBKDF2 seed.
//!
//! The `bip39` crate provides the English and Simplified Chinese word lists; the rest is
//! done here so that no step needs a heap copy of the phrase that outlives it: words are
//! matched one at a time through a small zeroized buffer, the mnemonic is held as its word
//! indices, and the phrase is only rebuilt (into an exactly sized, zeroized `String`) when
//! it is shown or hashed into the seed.
//!
//! Normalisation: BIP-39 hashes the NFKD form of the phrase and the passphrase. The word
//! lists used here are already NFKD (ASCII English; CJK unified ideographs, which have no
//! decomposition — `wordlists_are_nfkd` checks this), so the rebuilt phrase needs nothing.
//! Typed words are still NFKD-normalised before lookup (an IME's full-width letters or a
//! CJK compatibility ideograph then match), and so is the passphrase, which can be any text
//! (`é` typed precomposed must give the same seed as in every other wallet).
//!
//! Spec: <https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki>

use std::fmt;

use sha2::{Digest, Sha256, Sha512};
use unicode_normalization::UnicodeNormalization;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A BIP-39 word list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// The English list.
    English,
    /// The Simplified Chinese list.
    ChineseSimplified,
}

impl Language {
    fn list(self) -> bip39::Language {
        match self {
            Self::English => bip39::Language::English,
            Self::ChineseSimplified => bip39::Language::SimplifiedChinese,
        }
    }

    /// The word at `index` (0..2048).
    fn word(self, index: u16) -> &'static str {
        self.list()
            .word_list()
            .get(usize::from(index))
            .copied()
            .unwrap_or_default()
    }

    fn find(self, word: &str) -> Option<u16> {
        self.list().find_word(word)
    }

    /// A stable lowercase name, as stored in the keyring: `english`, `chinese_simplified`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::English => "english",
            Self::ChineseSimplified => "chinese_simplified",
        }
    }

    /// The language named by [`Language::as_str`].
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "english" => Some(Self::English),
            "chinese_simplified" => Some(Self::ChineseSimplified),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::English => "English",
            Self::ChineseSimplified => "Simplified Chinese",
        })
    }
}

/// How many words a generated mnemonic has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordCount {
    /// 12 words, 128 bits of entropy.
    Twelve,
    /// 24 words, 256 bits of entropy.
    TwentyFour,
}

impl WordCount {
    const fn entropy_bytes(self) -> usize {
        match self {
            Self::Twelve => 16,
            Self::TwentyFour => 32,
        }
    }
}

/// Why a phrase is not a valid BIP-39 mnemonic.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
pub enum MnemonicError {
    /// A word is not in the word list of the mnemonic's language.
    #[error("word {position} (\"{word}\") is not in the BIP-39 {language} word list")]
    UnknownWord {
        /// 1-based position of the word in the phrase.
        position: usize,
        /// The word as typed (at most 32 characters of it).
        word: String,
        /// The language the other words are in (English if no word is recognised and the
        /// first is written in Latin letters).
        language: Language,
    },
    /// The phrase does not have 12, 15, 18, 21 or 24 words.
    #[error("a mnemonic has 12, 15, 18, 21 or 24 words, found {count}")]
    WordCount {
        /// How many words the phrase has.
        count: usize,
    },
    /// Every word is in the list but the checksum in the last word does not match: a word
    /// is wrong or words are out of order.
    #[error("the mnemonic's checksum does not match: a word may be wrong or out of order")]
    Checksum,
}

impl fmt::Debug for MnemonicError {
    /// Like `Display`, but without the typed word: a mistyped word is still most of a
    /// secret word, and `Debug` output ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownWord {
                position, language, ..
            } => f
                .debug_struct("UnknownWord")
                .field("position", position)
                .field("language", language)
                .finish_non_exhaustive(),
            Self::WordCount { count } => f.debug_struct("WordCount").field("count", count).finish(),
            Self::Checksum => f.write_str("Checksum"),
        }
    }
}

/// The system's random number generator failed (or, in a browser, `crypto.getRandomValues`
/// is missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the system random number generator failed")]
pub struct RandomnessError;

/// A valid BIP-39 mnemonic (English or Simplified Chinese).
///
/// Held as its word indices, zeroized on drop; no `Clone`, no `Serialize`, and `Debug` shows
/// only the language and word count.
pub struct Mnemonic {
    language: Language,
    indices: Zeroizing<[u16; 24]>,
    count: usize,
}

impl ZeroizeOnDrop for Mnemonic {}

/// The 64-byte BIP-39 seed, zeroized on drop.
pub struct Seed(Zeroizing<[u8; 64]>);

impl ZeroizeOnDrop for Seed {}

impl Seed {
    /// The seed bytes.
    pub fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(<redacted>)")
    }
}

impl Mnemonic {
    /// Generates a new English mnemonic from system entropy.
    ///
    /// # Errors
    /// [`RandomnessError`] if the system random number generator fails.
    pub fn generate(count: WordCount) -> Result<Self, RandomnessError> {
        Self::generate_in(Language::English, count)
    }

    /// Generates a new mnemonic in `language` from system entropy.
    ///
    /// # Errors
    /// [`RandomnessError`] if the system random number generator fails.
    pub fn generate_in(language: Language, count: WordCount) -> Result<Self, RandomnessError> {
        let mut entropy = Zeroizing::new([0u8; 32]);
        let entropy = &mut entropy[..count.entropy_bytes()];
        getrandom::fill(entropy).map_err(|_| RandomnessError)?;
        Ok(Self::from_entropy(language, entropy))
    }

    /// Makes the mnemonic of 16, 20, 24, 28 or 32 bytes of entropy: the entropy, then its
    /// SHA-256 checksum (one bit per 32 bits of entropy), cut into 11-bit word indices.
    fn from_entropy(language: Language, entropy: &[u8]) -> Self {
        let mut bits = Zeroizing::new([0u8; 33]);
        for (b, e) in bits.iter_mut().zip(entropy) {
            *b = *e;
        }
        let checksum = Sha256::digest(entropy);
        if let Some(slot) = bits.get_mut(entropy.len()) {
            *slot = checksum[0];
        }
        let count = entropy.len() * 3 / 4;
        let mut indices = Zeroizing::new([0u16; 24]);
        for (w, index) in indices.iter_mut().take(count).enumerate() {
            *index = read_11_bits(&bits, w * 11);
        }
        Self {
            language,
            indices,
            count,
        }
    }

    /// Parses a phrase typed or pasted by a person.
    ///
    /// Words are separated by any Unicode whitespace (spaces, tabs, new lines, the
    /// ideographic space U+3000), NFKD-normalised and lowercased. The language is the one of
    /// the first word found in either list (the two lists share no word).
    ///
    /// # Errors
    /// In this order: [`MnemonicError::UnknownWord`] for the first word not in the list
    /// (so a typo is reported even while the phrase is incomplete),
    /// [`MnemonicError::WordCount`] unless there are 12, 15, 18, 21 or 24 words,
    /// [`MnemonicError::Checksum`] if the checksum does not match.
    pub fn parse(phrase: &str) -> Result<Self, MnemonicError> {
        let count = phrase.split_whitespace().count();
        if count == 0 {
            return Err(MnemonicError::WordCount { count });
        }
        let language = detect_language(phrase);
        let mut indices = Zeroizing::new([0u16; 24]);
        for (i, typed) in phrase.split_whitespace().enumerate() {
            let index = NormalWord::of(typed)
                .and_then(|w| language.find(w.as_str()))
                .ok_or_else(|| MnemonicError::UnknownWord {
                    position: i + 1,
                    word: typed.chars().take(32).collect(),
                    language,
                })?;
            if let Some(slot) = indices.get_mut(i) {
                *slot = index;
            }
        }
        if !matches!(count, 12 | 15 | 18 | 21 | 24) {
            return Err(MnemonicError::WordCount { count });
        }
        let mnemonic = Self {
            language,
            indices,
            count,
        };
        if !mnemonic.checksum_matches() {
            return Err(MnemonicError::Checksum);
        }
        Ok(mnemonic)
    }

    /// Rebuilds entropy ‖ checksum from the word indices and checks the checksum.
    fn checksum_matches(&self) -> bool {
        let mut bits = Zeroizing::new([0u8; 33]);
        for (w, index) in self.indices.iter().take(self.count).enumerate() {
            write_11_bits(&mut bits, w * 11, *index);
        }
        let entropy_len = self.count * 4 / 3;
        let checksum_bits = entropy_len / 4;
        let mask = 0xffu8 << (8 - checksum_bits);
        let hash = Sha256::digest(&bits[..entropy_len]);
        bits.get(entropy_len)
            .is_some_and(|stored| stored & mask == hash[0] & mask)
    }

    /// The entropy the mnemonic encodes.
    #[cfg(test)]
    fn entropy(&self) -> Zeroizing<Vec<u8>> {
        let mut bits = Zeroizing::new([0u8; 33]);
        for (w, index) in self.indices.iter().take(self.count).enumerate() {
            write_11_bits(&mut bits, w * 11, *index);
        }
        Zeroizing::new(bits[..self.count * 4 / 3].to_vec())
    }

    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.indices
            .iter()
            .take(self.count)
            .map(|i| self.language.word(*i))
    }

    /// The number of words (12, 15, 18, 21 or 24).
    pub fn word_count(&self) -> usize {
        self.count
    }

    /// The word list the mnemonic is written in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The phrase: the words separated by single spaces (BIP-39 uses U+0020 for both
    /// languages here), in a zeroized string allocated at its exact size.
    pub fn phrase(&self) -> Zeroizing<String> {
        let len = self.words().map(str::len).sum::<usize>() + self.count.saturating_sub(1);
        let mut phrase = Zeroizing::new(String::with_capacity(len));
        for (i, word) in self.words().enumerate() {
            if i > 0 {
                phrase.push(' ');
            }
            phrase.push_str(word);
        }
        phrase
    }

    /// Derives the BIP-39 seed: PBKDF2-HMAC-SHA512 of the phrase, salted with "mnemonic" and
    /// the NFKD form of `passphrase`, 2048 rounds. An empty passphrase is "no passphrase".
    pub fn to_seed(&self, passphrase: &str) -> Seed {
        let phrase = self.phrase();
        let normalised_len: usize = passphrase.nfkd().map(char::len_utf8).sum();
        let mut salt = Zeroizing::new(String::with_capacity("mnemonic".len() + normalised_len));
        salt.push_str("mnemonic");
        salt.extend(passphrase.nfkd());
        let mut seed = Zeroizing::new([0u8; 64]);
        pbkdf2::pbkdf2_hmac::<Sha512>(phrase.as_bytes(), salt.as_bytes(), 2048, &mut *seed);
        Seed(seed)
    }
}

impl fmt::Debug for Mnemonic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mnemonic")
            .field("language", &self.language)
            .field("words", &self.count)
            .finish_non_exhaustive()
    }
}

/// The language of a phrase: that of the first word found in either list, or, if none is,
/// English when the first word is Latin letters and Simplified Chinese otherwise.
fn detect_language(phrase: &str) -> Language {
    for typed in phrase.split_whitespace() {
        if let Some(word) = NormalWord::of(typed) {
            for language in [Language::English, Language::ChineseSimplified] {
                if language.find(word.as_str()).is_some() {
                    return language;
                }
            }
        }
    }
    let first_is_latin = phrase
        .split_whitespace()
        .next()
        .and_then(NormalWord::of)
        .is_some_and(|w| w.as_str().is_ascii());
    if first_is_latin {
        Language::English
    } else {
        Language::ChineseSimplified
    }
}

/// One typed word, NFKD-normalised and lowercased into a fixed buffer that is zeroized on
/// drop. List words are at most 8 bytes, so anything longer than the buffer is no word.
#[derive(Zeroize, ZeroizeOnDrop)]
struct NormalWord {
    bytes: [u8; 32],
    len: usize,
}

impl NormalWord {
    fn of(typed: &str) -> Option<Self> {
        let mut word = Self {
            bytes: [0; 32],
            len: 0,
        };
        for c in typed.nfkd().flat_map(char::to_lowercase) {
            let mut utf8 = [0u8; 4];
            let encoded = c.encode_utf8(&mut utf8).as_bytes();
            let end = word.len + encoded.len();
            word.bytes.get_mut(word.len..end)?.copy_from_slice(encoded);
            word.len = end;
            utf8.zeroize();
        }
        Some(word)
    }

    fn as_str(&self) -> &str {
        // Only whole UTF-8 encodings of chars are ever written.
        std::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// Reads the 11 bits starting at bit `start` (most significant first).
fn read_11_bits(bits: &[u8; 33], start: usize) -> u16 {
    let mut value = 0u16;
    for pos in start..start + 11 {
        let bit = bits.get(pos / 8).map_or(0, |byte| (byte >> (7 - pos % 8)) & 1);
        value = (value << 1) | u16::from(bit);
    }
    value
}

/// Writes `value`'s low 11 bits starting at bit `start` (most significant first).
fn write_11_bits(bits: &mut [u8; 33], start: usize, value: u16) {
    for (j, pos) in (start..start + 11).enumerate() {
        if (value >> (10 - j)) & 1 == 1
            && let Some(byte) = bits.get_mut(pos / 8)
        {
            *byte |= 0x80 >> (pos % 8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyring::test_support::base58check_decode;

    const BIP39: &str = include_str!("../../../testdata/keyring/bip39.json");

    fn cases(list: &str) -> Vec<[String; 4]> {
        let doc: serde_json::Value = serde_json::from_str(BIP39).unwrap();
        doc[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|case| {
                let fields: Vec<String> = case
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect();
                fields.try_into().unwrap()
            })
            .collect()
    }

    fn check_vectors(list: &str, language: Language) -> usize {
        let mut checked = 0;
        for [entropy, phrase, seed, xprv] in cases(list) {
            let entropy = hex::decode(entropy).unwrap();
            // words → mnemonic
            let parsed = Mnemonic::parse(&phrase).unwrap();
            assert_eq!(parsed.language(), language);
            assert_eq!(*parsed.phrase(), phrase);
            assert_eq!(*parsed.entropy(), entropy);
            // entropy → words
            let made = Mnemonic::from_entropy(language, &entropy);
            assert_eq!(*made.phrase(), phrase);
            assert_eq!(made.word_count(), entropy.len() * 3 / 4);
            // seed, with the vectors' passphrase
            let derived = parsed.to_seed("TREZOR");
            assert_eq!(hex::encode(derived.as_bytes()), seed, "{phrase}");
            // and the BIP-32 master key of that seed, decoded from the published xprv
            let raw = base58check_decode(&xprv).unwrap();
            let master = crate::keyring::slip10::Secp256k1Key::from_seed(derived.as_bytes()).unwrap();
            assert_eq!(&raw[13..45], master.chain_code());
            assert_eq!(&raw[46..78], &master.private_key_bytes()[..]);
            checked += 1;
        }
        checked
    }

    #[test]
    fn english_vectors_from_python_mnemonic() {
        assert_eq!(check_vectors("english", Language::English), 24);
    }

    #[test]
    fn chinese_simplified_vectors_from_python_mnemonic() {
        assert_eq!(
            check_vectors("chinese_simplified", Language::ChineseSimplified),
            10
        );
    }

    #[test]
    fn wordlists_are_nfkd() {
        use unicode_normalization::is_nfkd;
        for language in [Language::English, Language::ChineseSimplified] {
            for word in language.list().word_list() {
                assert!(is_nfkd(word), "{word}");
                assert_eq!(word.to_lowercase(), *word);
            }
        }
    }

    #[test]
    fn parsing_is_forgiving_about_spacing_and_case() {
        let canonical = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        let messy = "  Legal\twinner THANK year\nwave sausage  worth useful legal winner thank YELLOW \r\n";
        assert_eq!(*Mnemonic::parse(messy).unwrap().phrase(), canonical);
        // Full-width Latin letters, as a Chinese or Japanese IME may produce, are NFKD-folded.
        let full_width = canonical.replace("legal", "ｌｅｇａｌ");
        assert_eq!(*Mnemonic::parse(&full_width).unwrap().phrase(), canonical);
        // The ideographic space separates Chinese words.
        let chinese = "的 的 的 的 的 的 的 的 的 的 的 在";
        let ideographic = chinese.replace(' ', "\u{3000}");
        let parsed = Mnemonic::parse(&ideographic).unwrap();
        assert_eq!(*parsed.phrase(), chinese);
        assert_eq!(parsed.language(), Language::ChineseSimplified);
    }

    #[test]
    fn unknown_word_names_its_position_and_the_word() {
        let err = Mnemonic::parse("abandon abandon abandn abandon").unwrap_err();
        assert_eq!(
            err,
            MnemonicError::UnknownWord {
                position: 3,
                word: "abandn".into(),
                language: Language::English
            }
        );
        assert_eq!(
            err.to_string(),
            "word 3 (\"abandn\") is not in the BIP-39 English word list"
        );
        // Reported even when the count is wrong too, and for the first bad word only.
        let err = Mnemonic::parse("zoo Zoo bananna apple").unwrap_err();
        assert_eq!(
            err,
            MnemonicError::UnknownWord {
                position: 3,
                word: "bananna".into(),
                language: Language::English
            }
        );
        // A Chinese phrase with an English word in it.
        let err = Mnemonic::parse("的 的 的 的 的 的 的 的 的 的 的 in").unwrap_err();
        assert_eq!(
            err,
            MnemonicError::UnknownWord {
                position: 12,
                word: "in".into(),
                language: Language::ChineseSimplified
            }
        );
        // Nothing recognised: the first word decides, and is the one reported.
        let err = Mnemonic::parse("qwerty asdf").unwrap_err();
        assert_eq!(
            err,
            MnemonicError::UnknownWord {
                position: 1,
                word: "qwerty".into(),
                language: Language::English
            }
        );
        let err = Mnemonic::parse("龍 龍").unwrap_err();
        assert_eq!(
            err,
            MnemonicError::UnknownWord {
                position: 1,
                word: "龍".into(),
                language: Language::ChineseSimplified
            }
        );
        // A very long word is cut in the error.
        let long = "x".repeat(100);
        match Mnemonic::parse(&long).unwrap_err() {
            MnemonicError::UnknownWord { word, .. } => assert_eq!(word.len(), 32),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_word_count() {
        assert_eq!(
            Mnemonic::parse("").unwrap_err(),
            MnemonicError::WordCount { count: 0 }
        );
        assert_eq!(
            Mnemonic::parse(" \u{3000}\n").unwrap_err(),
            MnemonicError::WordCount { count: 0 }
        );
        let eleven = ["abandon"; 11].join(" ");
        assert_eq!(
            Mnemonic::parse(&eleven).unwrap_err(),
            MnemonicError::WordCount { count: 11 }
        );
        let thirteen = ["abandon"; 13].join(" ");
        let err = Mnemonic::parse(&thirteen).unwrap_err();
        assert_eq!(err, MnemonicError::WordCount { count: 13 });
        assert_eq!(
            err.to_string(),
            "a mnemonic has 12, 15, 18, 21 or 24 words, found 13"
        );
        let twenty_five = ["abandon"; 25].join(" ");
        assert_eq!(
            Mnemonic::parse(&twenty_five).unwrap_err(),
            MnemonicError::WordCount { count: 25 }
        );
    }

    #[test]
    fn wrong_checksum() {
        // "about" is the right last word; "abandon" is not.
        let twelve = ["abandon"; 12].join(" ");
        assert_eq!(Mnemonic::parse(&twelve).unwrap_err(), MnemonicError::Checksum);
        // Swapping two different words breaks it too.
        let swapped = "winner legal thank year wave sausage worth useful legal winner thank yellow";
        assert_eq!(Mnemonic::parse(swapped).unwrap_err(), MnemonicError::Checksum);
        let chinese = "的 的 的 的 的 的 的 的 的 的 的 的";
        assert_eq!(Mnemonic::parse(chinese).unwrap_err(), MnemonicError::Checksum);
    }

    #[test]
    fn passphrase_is_nfkd_normalised() {
        let m = Mnemonic::parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        )
        .unwrap();
        // U+00E9 (é precomposed) and U+0065 U+0301 (e + combining acute) give one seed.
        let precomposed = m.to_seed("caf\u{e9}");
        let decomposed = m.to_seed("cafe\u{301}");
        assert_eq!(precomposed.as_bytes(), decomposed.as_bytes());
        assert_ne!(m.to_seed("cafe").as_bytes(), precomposed.as_bytes());
        // No passphrase: the well-known seed of this phrase.
        assert_eq!(
            hex::encode(m.to_seed("").as_bytes()),
            "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4"
        );
    }

    #[test]
    fn generated_mnemonics_are_valid_and_different() {
        let a = Mnemonic::generate(WordCount::Twelve).unwrap();
        let b = Mnemonic::generate(WordCount::Twelve).unwrap();
        assert_eq!(a.word_count(), 12);
        assert_ne!(*a.phrase(), *b.phrase());
        let c = Mnemonic::generate_in(Language::ChineseSimplified, WordCount::TwentyFour).unwrap();
        assert_eq!(c.word_count(), 24);
        assert_eq!(
            Mnemonic::parse(&c.phrase()).unwrap().language(),
            Language::ChineseSimplified
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let m =
            Mnemonic::parse("legal winner thank year wave sausage worth useful legal winner thank yellow")
                .unwrap();
        let debug = format!("{m:?}");
        assert!(!debug.contains("legal") && !debug.contains("yellow"), "{debug}");
        let seed = m.to_seed("");
        let debug = format!("{seed:?}");
        assert!(!debug.contains(&hex::encode(&seed.as_bytes()[..4])), "{debug}");
        let err = Mnemonic::parse("legal winner thnk").unwrap_err();
        assert!(!format!("{err:?}").contains("thnk"));
    }

    /// Property tests, native only: proptest does not build for wasm32-unknown-unknown.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_language() -> impl Strategy<Value = Language> {
            prop_oneof![Just(Language::English), Just(Language::ChineseSimplified)]
        }

        proptest! {
            #[test]
            fn entropy_phrase_parse_round_trip(
                language in any_language(),
                entropy in prop::sample::select(vec![16usize, 20, 24, 28, 32])
                    .prop_flat_map(|n| prop::collection::vec(any::<u8>(), n)),
            ) {
                let made = Mnemonic::from_entropy(language, &entropy);
                let parsed = Mnemonic::parse(&made.phrase()).unwrap();
                let decoded = parsed.entropy();
                prop_assert_eq!(decoded.as_slice(), entropy.as_slice());
                prop_assert_eq!(parsed.language(), language);
            }

            #[test]
            fn generate_then_parse_round_trip(
                language in any_language(),
                count in prop_oneof![Just(WordCount::Twelve), Just(WordCount::TwentyFour)],
            ) {
                let made = Mnemonic::generate_in(language, count).unwrap();
                let parsed = Mnemonic::parse(&made.phrase()).unwrap();
                let (p, m) = (parsed.phrase(), made.phrase());
                prop_assert_eq!(p.as_str(), m.as_str());
                let (a, b) = (parsed.to_seed("x"), made.to_seed("x"));
                prop_assert_eq!(a.as_bytes(), b.as_bytes());
            }
        }
    }
}
