/**
 * Key names that usually hold credentials. Over-matching only hides a harmless value;
 * under-matching leaks one, so the pattern is broad on purpose.
 */
const CREDENTIAL_KEY = /(pass(word|wd|phrase)?$|passw|secret|token|api[-_.]?key|private[-_.]?key|credential|auth|access[-_.]?key|\.key$|\.pem$|dsn$|connection[-_.]?string|webhook[-_.]?url|htpasswd|bearer|cookie|session[-_.]?key|signing[-_.]?key|encryption[-_.]?key)/i;

export function looksLikeCredential(key: string): boolean {
  return CREDENTIAL_KEY.test(key);
}
