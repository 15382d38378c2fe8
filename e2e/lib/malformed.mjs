// The malformed-request table: requests a buggy or hostile dApp sends, each with the code
// Formica must answer (EIP-1193 / EIP-1474 / JSON-RPC 2.0). Run from a page that is connected
// and on anvil's chain, so every request gets past "connected" and is judged on its own shape.
// None may open an approval window, sign anything or change any state.
import { ABANDON_ADDRESS } from './vault-flows.mjs';

const ME = ABANDON_ADDRESS;
const OTHER = '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB';
const BAD_CHECKSUM = '0x9858effD232B4033E47d90003D41EC34EcaEda94'; // one letter's case flipped
const TYPED = {
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }],
    Mail: [{ name: 'contents', type: 'string' }],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', chainId: 31337 },
  message: { contents: 'hi' },
};
const typed = (patch) => ({ ...TYPED, ...patch });
const tx = (patch) => ({ from: ME, to: OTHER, value: '0x1', ...patch });

/** Stands for a function in `args` (not serializable to the page; the page puts one there). */
export const FUNCTION = Object.freeze({ $function: true });

const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const UNSUPPORTED = 4200;
const UNAUTHORIZED = 4100;

/** [name, request args (as passed to window.ethereum.request), expected code] */
const TABLE = [
  // The request object itself (EIP-1193 §request: a RequestArguments object).
  ['no argument', [], INVALID_REQUEST],
  ['null argument', [null], INVALID_REQUEST],
  ['string argument', ['eth_chainId'], INVALID_REQUEST],
  ['number argument', [42], INVALID_REQUEST],
  ['array argument', [[{ method: 'eth_chainId' }]], INVALID_REQUEST],
  ['empty object', [{}], INVALID_REQUEST],
  ['method is a number', [{ method: 42 }], INVALID_REQUEST],
  ['method is null', [{ method: null }], INVALID_REQUEST],
  ['method is an object', [{ method: { name: 'eth_chainId' } }], INVALID_REQUEST],
  ['method is an array', [{ method: ['eth_chainId'] }], INVALID_REQUEST],
  ['method is a boolean', [{ method: true }], INVALID_REQUEST],
  ['method is empty', [{ method: '' }], INVALID_REQUEST],
  ['params is a string', [{ method: 'eth_chainId', params: 'x' }], INVALID_REQUEST],
  ['params is a number', [{ method: 'eth_chainId', params: 1 }], INVALID_REQUEST],
  ['params is a boolean', [{ method: 'eth_accounts', params: true }], INVALID_REQUEST],
  ['method with a function (not cloneable)', [{ method: 'eth_chainId', params: [FUNCTION] }], INVALID_REQUEST],
  // Unknown and deliberately unsupported methods.
  ['unknown eth_ method', [{ method: 'eth_doesNotExist' }], UNSUPPORTED],
  ['method in the wrong case', [{ method: 'ETH_CHAINID' }], UNSUPPORTED],
  ['method with a trailing space', [{ method: 'eth_chainId ' }], UNSUPPORTED],
  ['eth_signTransaction (not offered)', [{ method: 'eth_signTransaction', params: [tx({})] }], UNSUPPORTED],
  ['eth_sendRawTransaction from a page', [{ method: 'eth_sendRawTransaction', params: ['0x02'] }], UNSUPPORTED],
  ['personal_ecRecover', [{ method: 'personal_ecRecover', params: ['0x00', '0x00'] }], UNSUPPORTED],
  ['personal_unlockAccount', [{ method: 'personal_unlockAccount', params: [ME, 'pw'] }], UNSUPPORTED],
  ['eth_decrypt', [{ method: 'eth_decrypt', params: ['0x00', ME] }], UNSUPPORTED],
  ['eth_getEncryptionPublicKey', [{ method: 'eth_getEncryptionPublicKey', params: [ME] }], UNSUPPORTED],
  ['debug_traceTransaction', [{ method: 'debug_traceTransaction', params: ['0x00'] }], UNSUPPORTED],
  ['anvil cheat code', [{ method: 'anvil_setBalance', params: [ME, '0x1'] }], UNSUPPORTED],
  ['evm_mine', [{ method: 'evm_mine' }], UNSUPPORTED],
  ['admin_peers', [{ method: 'admin_peers' }], UNSUPPORTED],
  ['eth_subscribe', [{ method: 'eth_subscribe', params: ['newHeads'] }], UNSUPPORTED],
  ['__proto__ as a method', [{ method: '__proto__' }], UNSUPPORTED],
  ['constructor as a method', [{ method: 'constructor' }], UNSUPPORTED],
  ['eth_sign (refused on purpose)', [{ method: 'eth_sign', params: [ME, `0x${'11'.repeat(32)}`] }], UNSUPPORTED],
  // Methods without params given some.
  ['eth_chainId with a param', [{ method: 'eth_chainId', params: [1] }], INVALID_PARAMS],
  ['eth_chainId with named params', [{ method: 'eth_chainId', params: { a: 1 } }], INVALID_PARAMS],
  ['net_version with a param', [{ method: 'net_version', params: ['1'] }], INVALID_PARAMS],
  ['net_version with named params', [{ method: 'net_version', params: { a: 1 } }], INVALID_PARAMS],
  ['eth_accounts with a param', [{ method: 'eth_accounts', params: [ME] }], INVALID_PARAMS],
  ['eth_coinbase with a param', [{ method: 'eth_coinbase', params: [1] }], INVALID_PARAMS],
  ['eth_requestAccounts with a param', [{ method: 'eth_requestAccounts', params: [ME] }], INVALID_PARAMS],
  ['eth_blockNumber with a param', [{ method: 'eth_blockNumber', params: ['latest'] }], INVALID_PARAMS],
  ['eth_gasPrice with a param', [{ method: 'eth_gasPrice', params: [1] }], INVALID_PARAMS],
  ['eth_maxPriorityFeePerGas with a param', [{ method: 'eth_maxPriorityFeePerGas', params: [1] }], INVALID_PARAMS],
  ['wallet_getPermissions with a param', [{ method: 'wallet_getPermissions', params: [{}] }], INVALID_PARAMS],
  // Read-only methods with the wrong number or shape of params (checked before the node).
  ['eth_getBalance without params', [{ method: 'eth_getBalance' }], INVALID_PARAMS],
  ['eth_getBalance with named params', [{ method: 'eth_getBalance', params: { address: ME } }], INVALID_PARAMS],
  ['eth_getBalance with 3 params', [{ method: 'eth_getBalance', params: [ME, 'latest', 1] }], INVALID_PARAMS],
  ['eth_getCode without params', [{ method: 'eth_getCode', params: [] }], INVALID_PARAMS],
  ['eth_getCode with 3 params', [{ method: 'eth_getCode', params: [ME, 'latest', 'x'] }], INVALID_PARAMS],
  ['eth_getStorageAt with 1 param', [{ method: 'eth_getStorageAt', params: [ME] }], INVALID_PARAMS],
  ['eth_getTransactionCount without params', [{ method: 'eth_getTransactionCount' }], INVALID_PARAMS],
  ['eth_call without params', [{ method: 'eth_call', params: [] }], INVALID_PARAMS],
  ['eth_call with 4 params', [{ method: 'eth_call', params: [{ to: OTHER }, 'latest', {}, 1] }], INVALID_PARAMS],
  ['eth_estimateGas without params', [{ method: 'eth_estimateGas' }], INVALID_PARAMS],
  ['eth_getLogs without params', [{ method: 'eth_getLogs', params: [] }], INVALID_PARAMS],
  ['eth_getLogs with 2 params', [{ method: 'eth_getLogs', params: [{}, {}] }], INVALID_PARAMS],
  ['eth_getTransactionByHash without params', [{ method: 'eth_getTransactionByHash' }], INVALID_PARAMS],
  ['eth_getTransactionReceipt with 2 params', [{ method: 'eth_getTransactionReceipt', params: ['0x00', '0x00'] }], INVALID_PARAMS],
  ['eth_feeHistory with 1 param', [{ method: 'eth_feeHistory', params: ['0x1'] }], INVALID_PARAMS],
  ['eth_feeHistory with 4 params', [{ method: 'eth_feeHistory', params: ['0x1', 'latest', [], 1] }], INVALID_PARAMS],
  ['eth_getBlockByNumber without params', [{ method: 'eth_getBlockByNumber' }], INVALID_PARAMS],
  ['eth_getBlockByHash with 3 params', [{ method: 'eth_getBlockByHash', params: ['0x00', false, 1] }], INVALID_PARAMS],
  // personal_sign (EIP-191).
  ['personal_sign without params', [{ method: 'personal_sign' }], INVALID_PARAMS],
  ['personal_sign with one param', [{ method: 'personal_sign', params: ['0x00'] }], INVALID_PARAMS],
  ['personal_sign with named params', [{ method: 'personal_sign', params: { message: 'hi', address: ME } }], INVALID_PARAMS],
  ['personal_sign with 4 params', [{ method: 'personal_sign', params: ['0x00', ME, '', 1] }], INVALID_PARAMS],
  ['personal_sign with a numeric message', [{ method: 'personal_sign', params: [42, ME] }], INVALID_PARAMS],
  ['personal_sign with a null message', [{ method: 'personal_sign', params: [null, ME] }], INVALID_PARAMS],
  ['personal_sign with a short address', [{ method: 'personal_sign', params: ['0x00', '0x1234'] }], INVALID_PARAMS],
  ['personal_sign with a non-hex address', [{ method: 'personal_sign', params: ['0x00', `0x${'zz'.repeat(20)}`] }], INVALID_PARAMS],
  ['personal_sign with a bad checksum', [{ method: 'personal_sign', params: ['0x00', BAD_CHECKSUM] }], INVALID_PARAMS],
  ['personal_sign with a numeric address', [{ method: 'personal_sign', params: ['0x00', 1] }], INVALID_PARAMS],
  ['personal_sign for an account not granted', [{ method: 'personal_sign', params: ['0x00', OTHER] }], UNAUTHORIZED],
  // Typed data (EIP-712).
  ['signTypedData_v4 without params', [{ method: 'eth_signTypedData_v4' }], INVALID_PARAMS],
  ['signTypedData_v4 with one param', [{ method: 'eth_signTypedData_v4', params: [ME] }], INVALID_PARAMS],
  ['signTypedData_v4 with params swapped', [{ method: 'eth_signTypedData_v4', params: [JSON.stringify(TYPED), ME] }], INVALID_PARAMS],
  ['signTypedData_v4 with a bad address', [{ method: 'eth_signTypedData_v4', params: ['0x12', TYPED] }], INVALID_PARAMS],
  ['signTypedData_v4 with non-JSON text', [{ method: 'eth_signTypedData_v4', params: [ME, '{not json'] }], INVALID_PARAMS],
  ['signTypedData_v4 with a number', [{ method: 'eth_signTypedData_v4', params: [ME, 7] }], INVALID_PARAMS],
  ['signTypedData_v4 without types', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: undefined })] }], INVALID_PARAMS],
  ['signTypedData_v4 without primaryType', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ primaryType: undefined })] }], INVALID_PARAMS],
  ['signTypedData_v4 with an unknown primaryType', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ primaryType: 'Letter' })] }], INVALID_PARAMS],
  ['signTypedData_v4 without domain', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ domain: undefined })] }], INVALID_PARAMS],
  ['signTypedData_v4 without message', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ message: undefined })] }], INVALID_PARAMS],
  ['signTypedData_v4 with an unknown field type', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: { ...TYPED.types, Mail: [{ name: 'contents', type: 'strng' }] } })] }], INVALID_PARAMS],
  ['signTypedData_v4 with a uint8 out of range', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: { ...TYPED.types, Mail: [{ name: 'n', type: 'uint8' }] }, message: { n: 256 } })] }], INVALID_PARAMS],
  ['signTypedData_v4 with a bad address field', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: { ...TYPED.types, Mail: [{ name: 'to', type: 'address' }] }, message: { to: '0x12' } })] }], INVALID_PARAMS],
  ['signTypedData_v4 with bytes32 too long', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: { ...TYPED.types, Mail: [{ name: 'h', type: 'bytes32' }] }, message: { h: `0x${'11'.repeat(33)}` } })] }], INVALID_PARAMS],
  ['signTypedData_v4 with types as an array', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: [] })] }], INVALID_PARAMS],
  ['signTypedData_v4 with a field without a type', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ types: { ...TYPED.types, Mail: [{ name: 'contents' }] } })] }], INVALID_PARAMS],
  ['signTypedData_v4 for another chain', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ domain: { name: 'Ether Mail', chainId: 1 } })] }], INVALID_PARAMS],
  ['signTypedData_v4 with a hex chainId of another chain', [{ method: 'eth_signTypedData_v4', params: [ME, typed({ domain: { name: 'Ether Mail', chainId: '0x1' } })] }], INVALID_PARAMS],
  ['signTypedData_v4 for an account not granted', [{ method: 'eth_signTypedData_v4', params: [OTHER, TYPED] }], UNAUTHORIZED],
  ['signTypedData_v3 with an array param', [{ method: 'eth_signTypedData_v3', params: [ME, []] }], INVALID_PARAMS],
  ['signTypedData_v3 with named params', [{ method: 'eth_signTypedData_v3', params: { address: ME } }], INVALID_PARAMS],
  // eth_sendTransaction.
  ['sendTransaction without params', [{ method: 'eth_sendTransaction' }], INVALID_PARAMS],
  ['sendTransaction with an empty array', [{ method: 'eth_sendTransaction', params: [] }], INVALID_PARAMS],
  ['sendTransaction with named params', [{ method: 'eth_sendTransaction', params: tx({}) }], INVALID_PARAMS],
  ['sendTransaction with two transactions', [{ method: 'eth_sendTransaction', params: [tx({}), tx({})] }], INVALID_PARAMS],
  ['sendTransaction with a string', [{ method: 'eth_sendTransaction', params: ['0x00'] }], INVALID_PARAMS],
  ['sendTransaction without from', [{ method: 'eth_sendTransaction', params: [{ to: OTHER, value: '0x1' }] }], INVALID_PARAMS],
  ['sendTransaction from a bad address', [{ method: 'eth_sendTransaction', params: [tx({ from: '0x1234' })] }], INVALID_PARAMS],
  ['sendTransaction to a bad address', [{ method: 'eth_sendTransaction', params: [tx({ to: '0xzz' })] }], INVALID_PARAMS],
  ['sendTransaction to a bad checksum', [{ method: 'eth_sendTransaction', params: [tx({ to: BAD_CHECKSUM })] }], INVALID_PARAMS],
  ['sendTransaction with a decimal value', [{ method: 'eth_sendTransaction', params: [tx({ value: '100' })] }], INVALID_PARAMS],
  ['sendTransaction with a numeric value', [{ method: 'eth_sendTransaction', params: [tx({ value: 1 })] }], INVALID_PARAMS],
  ['sendTransaction with a negative value', [{ method: 'eth_sendTransaction', params: [tx({ value: '-0x1' })] }], INVALID_PARAMS],
  ['sendTransaction with a leading-zero quantity', [{ method: 'eth_sendTransaction', params: [tx({ value: '0x01' })] }], INVALID_PARAMS],
  ['sendTransaction with a value over 256 bits', [{ method: 'eth_sendTransaction', params: [tx({ value: `0x1${'0'.repeat(64)}` })] }], INVALID_PARAMS],
  ['sendTransaction with odd-length data', [{ method: 'eth_sendTransaction', params: [tx({ data: '0x123' })] }], INVALID_PARAMS],
  ['sendTransaction with non-hex data', [{ method: 'eth_sendTransaction', params: [tx({ data: '0xzz' })] }], INVALID_PARAMS],
  ['sendTransaction with data and input differing', [{ method: 'eth_sendTransaction', params: [tx({ data: '0x00', input: '0x01' })] }], INVALID_PARAMS],
  ['sendTransaction with gas and gasLimit differing', [{ method: 'eth_sendTransaction', params: [tx({ gas: '0x5208', gasLimit: '0x5209' })] }], INVALID_PARAMS],
  ['sendTransaction with gas over 64 bits', [{ method: 'eth_sendTransaction', params: [tx({ gas: `0x1${'0'.repeat(16)}` })] }], INVALID_PARAMS],
  ['sendTransaction with gasPrice and maxFeePerGas', [{ method: 'eth_sendTransaction', params: [tx({ gasPrice: '0x1', maxFeePerGas: '0x1' })] }], INVALID_PARAMS],
  ['sendTransaction with an unknown type', [{ method: 'eth_sendTransaction', params: [tx({ type: '0x7' })] }], INVALID_PARAMS],
  ['sendTransaction with a bad nonce', [{ method: 'eth_sendTransaction', params: [tx({ nonce: 'one' })] }], INVALID_PARAMS],
  ['sendTransaction with a malformed access list', [{ method: 'eth_sendTransaction', params: [tx({ accessList: [{ address: '0x12' }] })] }], INVALID_PARAMS],
  ['sendTransaction creating an empty contract', [{ method: 'eth_sendTransaction', params: [{ from: ME }] }], INVALID_PARAMS],
  ['sendTransaction for another chain', [{ method: 'eth_sendTransaction', params: [tx({ chainId: '0x1' })] }], INVALID_PARAMS],
  ['sendTransaction from an account not granted', [{ method: 'eth_sendTransaction', params: [tx({ from: OTHER })] }], UNAUTHORIZED],
  // Permissions (EIP-2255).
  ['requestPermissions without params', [{ method: 'wallet_requestPermissions' }], INVALID_PARAMS],
  ['requestPermissions with an empty object', [{ method: 'wallet_requestPermissions', params: [{}] }], INVALID_PARAMS],
  ['requestPermissions with an unknown permission', [{ method: 'wallet_requestPermissions', params: [{ eth_sign: {} }] }], INVALID_PARAMS],
  ['requestPermissions with a string', [{ method: 'wallet_requestPermissions', params: ['eth_accounts'] }], INVALID_PARAMS],
  ['revokePermissions without params', [{ method: 'wallet_revokePermissions' }], INVALID_PARAMS],
  ['revokePermissions with an unknown permission', [{ method: 'wallet_revokePermissions', params: [{ snap_x: {} }] }], INVALID_PARAMS],
  ['revokePermissions with an array', [{ method: 'wallet_revokePermissions', params: [['eth_accounts']] }], INVALID_PARAMS],
  // Chains (EIP-3326).
  ['switchChain without params', [{ method: 'wallet_switchEthereumChain' }], INVALID_PARAMS],
  ['switchChain with a numeric chainId', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: 1 }] }], INVALID_PARAMS],
  ['switchChain with a decimal string', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '1' }] }], INVALID_PARAMS],
  ['switchChain with a leading zero', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x01' }] }], INVALID_PARAMS],
  ['switchChain with chainId 0', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x0' }] }], INVALID_PARAMS],
  ['switchChain with an oversized chainId', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: `0x${'f'.repeat(20)}` }] }], INVALID_PARAMS],
  ['switchChain with a string param', [{ method: 'wallet_switchEthereumChain', params: ['0x1'] }], INVALID_PARAMS],
  ['switchChain with two params', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }, {}] }], INVALID_PARAMS],
  ['switchChain to an unknown chain', [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0xdead' }] }], 4902],
];

export const MALFORMED = Object.freeze(TABLE.map(([name, args, code]) => Object.freeze({ name, args, code })));
