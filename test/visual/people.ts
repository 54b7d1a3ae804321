/**
 * The people in the pictures: fixed Ed25519 test keys (made once with `Identity.create` and
 * `exportPrivateKey()`, never used anywhere else), so fingerprints, avatars and safety numbers are
 * the same on every run. Unprotected on purpose: they guard nothing.
 */
export const people = {
  ann: {
    name: 'Ann Lee',
    armoredPrivateKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Keybase OpenPGP v2.1.19\nComment: https://keybase.io/crypto\n\nxVgEaxOdWxYJKwYBBAHaRw8BAQdACyHIfNEJcJRAEpSTGIKLBg3h2kWbfgo7Wr0o\noH1QFp4AAQBWPXP07BsgAVNVC1mMeXAnRBUU+vTs/JVqotbY1O72EBAlzQdBbm4g\nTGVlwnYEExYKAB4FAmsTnVsCGy8DCwkHAxUKCAIeAQIXgAMWAgECGQEACgkQ3+hY\nLeTe5bSebwEABnmhuzyWEsmnR7rDr33VFt+LiKdNSup17fBl3odB5xQBAMeXS6Xj\nK4IKT3Y4T9eIMsdDCwjnDkCYHoDw4Jdj8Z8A\n=6T5/\n-----END PGP PRIVATE KEY BLOCK-----\n',
  },
  ben: {
    name: 'Ben Okafor',
    armoredPrivateKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Keybase OpenPGP v2.1.19\nComment: https://keybase.io/crypto\n\nxVgEaxOdXBYJKwYBBAHaRw8BAQdA5VzkJcEhGM8fAOpewimXDLcgwSjdqgECfkve\n59xPBIsAAQC8IerJYjVtB6uUPgkypdnxstI66c9CIF33YmOIyARnVg/FzQpCZW4g\nT2thZm9ywnYEExYKAB4FAmsTnVwCGy8DCwkHAxUKCAIeAQIXgAMWAgECGQEACgkQ\nu0/FEPVCaL8QrwEAifQDoBrzSr7SGFdMcZHArPx+UAAp9+6vSBTyp/+FX3MBADVq\nQzyruEE17uzbBFPb9OU6IWunMm8Nu9lSHn87QXoA\n=ENQn\n-----END PGP PRIVATE KEY BLOCK-----\n',
  },
  chloe: {
    name: 'Chloé Durand',
    armoredPrivateKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Keybase OpenPGP v2.1.19\nComment: https://keybase.io/crypto\n\nxVgEaxOdXBYJKwYBBAHaRw8BAQdAD3vqNkmAWHZd3LTibiwLJI824AipVFUiMyaZ\nldk+wZkAAQAxzxr+NPEDY7kVBMPyESkREg9dmOSY3+plDdUMsFD6bQ6LzQ1DaGxv\nw6kgRHVyYW5kwnYEExYKAB4FAmsTnVwCGy8DCwkHAxUKCAIeAQIXgAMWAgECGQEA\nCgkQeU179kFU9OhDrAEA6Ki6Luzrn+Oc3XwV0Jnhmr2pKnVkDGseftRxSAYsgJcB\nACl1GK0Ju8sjICmIyrqKBe0LEReERas2qdJ/pHrlxGYD\n=/u5O\n-----END PGP PRIVATE KEY BLOCK-----\n',
  },
  dan: {
    name: 'Dan Weiss',
    armoredPrivateKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Keybase OpenPGP v2.1.19\nComment: https://keybase.io/crypto\n\nxVgEaxOdXBYJKwYBBAHaRw8BAQdA9lFLeIWhqxdYWiA+WfK0Z+jKfBv1xGgTWY/b\nZ4Hn++sAAQDVFM22X88harOvD4tbT7oOVtZ9CVWhW78eqKl/b2uCAQ6hzQlEYW4g\nV2Vpc3PCdgQTFgoAHgUCaxOdXAIbLwMLCQcDFQoIAh4BAheAAxYCAQIZAQAKCRDn\nxkh+RMjLsx3sAQB3rYvBgfRIMDvTmoYWdfl7An+JHq4pPaUqe4kzH6F3HwEAM3Pi\nyRigav+Vhg2N6y1Kiipuwm9t9UQ6kAz2aAU77wY=\n=KhfJ\n-----END PGP PRIVATE KEY BLOCK-----\n',
  },
} as const;

export type Person = keyof typeof people;
