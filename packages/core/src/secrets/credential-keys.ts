/**
 * Key names that usually hold credentials. Over-matching only hides a harmless value;
 * under-matching leaks one, so the pattern is broad on purpose.
 */
const CREDENTIAL_KEY = new RegExp(
  [
    "pass(word|wd|phrase)?$",
    "passw",
    "pwd$",
    "(^|[-_.])pw$",
    "[-_.]key$",
    "secret",
    "token",
    "api[-_.]?key",
    "private[-_.]?key",
    "credential",
    "auth",
    "access[-_.]?key",
    "\\.key$",
    "\\.pem$",
    "\\.p12$",
    "\\.pfx$",
    "\\.jks$",
    "dsn$",
    "connection[-_.]?string",
    "webhook",
    "htpasswd",
    "bearer",
    "cookie",
    "session[-_.]?key",
    "signing[-_.]?key",
    "encryption[-_.]?key",
    "(client|ssh|tls|master|license|licence|secret|server)[-_.]?key",
    "^id_(rsa|dsa|ecdsa|ed25519)",
    "(database|db|redis|mongo(db)?|mysql|postgres(ql)?|pg|amqp|rabbitmq|kafka|sentry|elastic(search)?|memcached?|broker|smtp|ldap)[-_.]?(url|uri|dsn|conn)",
  ].join("|"),
  "i",
);

/**
 * Keys that name where a credential is, not the credential: `secretName`, `existingSecret`,
 * `passwordFile`, `tokenPath`, `secretRef`, `existingSecretPasswordKey` (a key inside a Secret).
 * Their values are names every report needs ("tls-proxy-certs"), and registering them as secrets
 * blanked those names out of every message.
 */
const REFERENCE_KEY = /^existing|(name|ref|refs|file|path|dir|mountpath)$|(password|token|credential|user(name)?)[-_.]?key$/i;

export function looksLikeCredential(key: string): boolean {
  return CREDENTIAL_KEY.test(key) && !REFERENCE_KEY.test(key);
}

/** Shapes of credential values wherever they sit, whatever the key is called. */
const CREDENTIAL_VALUES: RegExp[] = [
  // A URL with a password in its userinfo: postgres://user:pass@host/db. Every quantifier is
  // bounded: unbounded ones made a 300 KB value of letters take minutes (each start position
  // scanned to the end), and a synchronous scan holds off SIGTERM.
  /[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@]{0,256}:[^\s?#@]{0,256}@/i,
  // The same without a scheme, in a connection setting: admin:pass@db.internal:5432
  /^[^\s:/@]{1,64}:[^\s@]{1,256}@[a-z0-9.-]+(:\d+)?(\/|$)/i,
  // PEM private keys (certificates and public keys are public).
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/,
  /-----BEGIN (OPENSSH|RSA|DSA|EC|ENCRYPTED|PGP PRIVATE)[A-Z ]*-----/,
  // Well-known token shapes.
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/,
  /\bAIza[0-9A-Za-z_-]{35}/,
  /\bnpm_[A-Za-z0-9]{30,}/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /hooks\.slack\.com\/services\/[A-Za-z0-9/]+/,
  /discord(app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]+/,
  /\b(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{12,}/,
  // user:htpasswd-hash (Traefik basicAuth, nginx auth files): user:$apr1$..., user:{SHA}...
  /^[^\s:]+:(\$(apr1|2[aby]?|5|6|argon2(id?)?)\$|\{SHA\}|\{SSHA\})/,
];

export function looksLikeCredentialValue(value: string): boolean {
  return CREDENTIAL_VALUES.some((re) => re.test(value));
}

/** `--password=...`, `--db-token ...`, `-p...`: a command-line flag that carries a credential. */
export function credentialFlag(arg: string): { inline: boolean } | undefined {
  const m = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)(=.*)?$/s.exec(arg);
  if (!m || !looksLikeCredential(m[1]!)) return undefined;
  return { inline: m[2] !== undefined };
}
