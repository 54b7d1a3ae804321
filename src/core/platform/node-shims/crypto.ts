/** kbpgp reads `require('crypto').rng` only for a self-test; browsers get randomness from WebCrypto. */
export default {};
