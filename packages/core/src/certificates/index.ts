export { certificateMap, certificateCoversName, coveredNames, type CertificateMap } from "./certificate-map.js";
export type { TlsEndpoint } from "./tls-endpoint.js";
export type { ServedCertificate, CertificateIssuer } from "./served-certificate.js";
export { leafCertificate, parseCertificates, isCertificateKey, type PublicCertificate } from "./public-certificate.js";
export { certificatesBySecret, certificateNames, issuerOf } from "./cert-manager.js";
