// Secret placements of the hostile-input corpus: each puts one unique secret somewhere a
// manifest, a Helm chart or a Pulumi preview can carry it. Plain JS so bench/hostile-corpus.mjs
// runs the very same corpus against any built CLI (before/after measurements).
const b64 = (s) => Buffer.from(s, "utf8").toString("base64");
const q = (s) => JSON.stringify(s);
const meta = (kind, api = "v1", extra = "") => `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: app\n  namespace: shop\n${extra}`;
const annotations = (pairs) => `  annotations:\n${pairs.map(([k, v]) => `    ${k}: ${q(v)}`).join("\n")}\n`;
const deployment = (container) =>
  `${meta("Deployment", "apps/v1")}spec:\n  selector: {matchLabels: {app: app}}\n  template:\n    metadata: {labels: {app: app}}\n    spec:\n      containers:\n      - name: app\n        image: app:1\n${container}`;

/** A secret-looking value that is unique per placement (fragments of 8+ chars are searched for). */
export const secretFor = (i, shape = "plain") => {
  const core = `Qx${i}vR7kP2mW9zT4${i}nB6yH`;
  switch (shape) {
    case "url": return `postgres://admin:${core}@db.internal:5432/app`;
    case "pem": return `-----BEGIN PRIVATE KEY-----\nMIIE${core}AAAA\n${core}BBBBCCCC\n-----END PRIVATE KEY-----\n`;
    case "aws": return `AKIA${"ABCDEFGHIJKLMNOP".slice(0, 12)}${String(1000 + i).slice(-4)}`;
    case "github": return `ghp_${core}abcdefghijklmnop`;
    case "jwt": return `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${core}.${core}sig`;
    case "quote": return `it's "${core}" \\ #x`;
    case "bang": return `!${core}`;
    case "star": return `*${core}`;
    case "multiline": return `line-one-${core}\nline-two-${core}z\n`;
    case "long": return `${core} ${core}q ${core}r ${core}s ${core}t ${core}u ${core}v`;
    case "unicode": return `пароль-${core}-密码`;
    default: return core;
  }
};

/** Secret-named keys the matcher must know (ConfigMap data, env names, annotations). */
export const CREDENTIAL_KEYS = ["DATABASE_URL", "REDIS_URL", "MONGODB_URI", "MYSQL_PWD", "id_rsa", "ssh_key", "client-key", "SLACK_WEBHOOK", "LICENSE_KEY", "db-password", "API_TOKEN"];
/** Value shapes found whatever the key is called. */
export const VALUE_SHAPES = ["url", "pem", "aws", "github", "jwt"];

const manifestCase = (name, build, shape = "plain") => (i) => {
  const secret = secretFor(i, shape);
  const other = secretFor(i + 1000, shape);
  return { name, kind: "manifests", secret, files: { "base/m.yaml": build(other, i), "head/m.yaml": build(secret, i) }, argv: ["--base", "base", "--head", "head"] };
};

const PLACEMENTS = [
  // Secret kinds, every YAML spelling of a value.
  ...["plain", "quote", "multiline", "long", "unicode", "bang", "star"].map((shape) => manifestCase(`Secret stringData (${shape})`, (s) => `${meta("Secret")}stringData:\n  token: ${q(s)}\n`, shape)),
  manifestCase("Secret data (base64)", (s) => `${meta("Secret")}data:\n  password: ${b64(s)}\n`),
  manifestCase("Secret data (base64 of non-ASCII)", (s) => `${meta("Secret")}data:\n  password: ${b64(s)}\n`, "unicode"),
  manifestCase("Secret stringData block scalar", (s) => `${meta("Secret")}stringData:\n  config: |\n${s.split("\n").map((l) => `    ${l}`).join("\n")}\n`, "multiline"),
  manifestCase("Secret stringData single-quoted", (s) => `${meta("Secret")}stringData:\n  token: '${s.replace(/'/g, "''")}'\n`, "quote"),
  manifestCase("Secret stringData folded", (s) => `${meta("Secret")}stringData:\n  token: >-\n    ${s.split(" ").join("\n    ")}\n`, "long"),
  manifestCase("Secret last-applied-configuration", (s) => `${meta("Secret", "v1", annotations([["kubectl.kubernetes.io/last-applied-configuration", JSON.stringify({ apiVersion: "v1", kind: "Secret", stringData: { token: s } })]]))}stringData:\n  token: fixed-value\n`),
  // ConfigMap keys and value shapes.
  ...CREDENTIAL_KEYS.map((key) => manifestCase(`ConfigMap data ${key}`, (s) => `${meta("ConfigMap")}data:\n  ${key}: ${q(s)}\n`)),
  ...VALUE_SHAPES.map((shape) => manifestCase(`ConfigMap value shaped ${shape}`, (s) => `${meta("ConfigMap")}data:\n  settings: ${q(s)}\n`, shape)),
  manifestCase("ConfigMap last-applied-configuration", (s) => `${meta("ConfigMap", "v1", annotations([["kubectl.kubernetes.io/last-applied-configuration", JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", data: { DATABASE_URL: s } })]]))}data:\n  DATABASE_URL: x\n`),
  // Container env and args.
  ...CREDENTIAL_KEYS.slice(0, 6).map((key) => manifestCase(`env ${key}`, (s) => deployment(`        env:\n        - {name: ${key}, value: ${q(s)}}\n`))),
  ...VALUE_SHAPES.slice(0, 3).map((shape) => manifestCase(`env value shaped ${shape}`, (s) => deployment(`        env:\n        - {name: SETTINGS, value: ${q(s)}}\n`), shape)),
  manifestCase("args --password=", (s) => deployment(`        args: [${q(`--password=${s}`)}]\n`)),
  manifestCase("args --db-token <value>", (s) => deployment(`        args: ["--db-token", ${q(s)}]\n`)),
  manifestCase("args URL with userinfo", (s) => deployment(`        args: ["--upstream", ${q(s)}]\n`), "url"),
  manifestCase("command PEM", (s) => deployment(`        command: ["run", ${q(s)}]\n`), "pem"),
  manifestCase("Deployment last-applied-configuration", (s) =>
    `${meta("Deployment", "apps/v1", annotations([["kubectl.kubernetes.io/last-applied-configuration", JSON.stringify({ kind: "Deployment", spec: { template: { spec: { containers: [{ name: "app", env: [{ name: "DB_PASSWORD", value: s }] }] } } } })]]))}spec:\n  selector: {matchLabels: {app: app}}\n  template:\n    metadata: {labels: {app: app}}\n    spec:\n      containers: [{name: app, image: app:1}]\n`),
  manifestCase("annotation with a credential name", (s) => `${meta("ConfigMap", "v1", annotations([["example.com/api-token", s]]))}data: {a: b}\n`),
  manifestCase("annotation value shaped github", (s) => `${meta("ConfigMap", "v1", annotations([["example.com/note", s]]))}data: {a: b}\n`, "github"),
  // Helm values carried by GitOps controllers, Traefik basicAuth.
  manifestCase("Flux HelmRelease values", (s) => `${meta("HelmRelease", "helm.toolkit.fluxcd.io/v2")}spec:\n  chart: {spec: {chart: app}}\n  values:\n    db:\n      password: ${q(s)}\n`),
  manifestCase("Argo CD helm values text", (s) => `${meta("Application", "argoproj.io/v1alpha1")}spec:\n  source:\n    repoURL: https://example.com/charts\n    helm:\n      values: |\n        auth:\n          adminPassword: ${q(s)}\n`),
  manifestCase("Argo CD helm valuesObject", (s) => `${meta("Application", "argoproj.io/v1alpha1")}spec:\n  source:\n    helm:\n      valuesObject:\n        redis:\n          password: ${q(s)}\n`),
  manifestCase("Argo CD helm parameters", (s) => `${meta("Application", "argoproj.io/v1alpha1")}spec:\n  source:\n    helm:\n      parameters:\n      - {name: db.password, value: ${q(s)}}\n`),
  manifestCase("Traefik basicAuth users inline", (s) => `${meta("Middleware", "traefik.io/v1alpha1")}spec:\n  basicAuth:\n    users: [${q(`admin:$apr1$${s}`)}]\n`),
  // Found by an adversarial run (2026-12-05): nested annotations, shell strings, env-like lists in values, assignments.
  manifestCase("pod template annotation with a credential name", (s) => deployment("").replace("    metadata: {labels: {app: app}}\n", `    metadata:\n      labels: {app: app}\n      annotations: {example.com/api-token: ${q(s)}}\n`)),
  manifestCase("shell command with --password=", (s) => deployment(`        command: ["sh", "-c", ${q(`exec app --password=${s} --port 80`)}]\n`)),
  manifestCase("shell command with --token <value>", (s) => deployment(`        args: [${q(`app --token ${s} --verbose`)}]\n`)),
  manifestCase("args --set db.password=<value>", (s) => deployment(`        args: ["--set", ${q(`db.password=${s}`)}]\n`)),
  manifestCase("env ADMIN_PW", (s) => deployment(`        env:\n        - {name: ADMIN_PW, value: ${q(s)}}\n`)),
  manifestCase("env STRIPE_KEY", (s) => deployment(`        env:\n        - {name: STRIPE_KEY, value: ${q(s)}}\n`)),
  manifestCase("Flux HelmRelease values env-like list", (s) => `${meta("HelmRelease", "helm.toolkit.fluxcd.io/v2")}spec:\n  chart: {spec: {chart: app}}\n  values:\n    extraEnvVars:\n    - {name: DB_PASSWORD, value: ${q(s)}}\n`),
  manifestCase("last-applied-configuration that is not JSON", (s) => `${meta("ConfigMap", "v1", annotations([["kubectl.kubernetes.io/last-applied-configuration", `{broken ${s}`]]))}data: {a: b}\n`),
  manifestCase("URL password holding a slash", (s) => `${meta("ConfigMap")}data:\n  upstream: ${q(`https://admin:${s}/x@db.internal/app`)}\n`),
  manifestCase("connection string without a scheme", (s) => `${meta("ConfigMap")}data:\n  target: ${q(`admin:${s}@db.internal:5432`)}\n`),
  manifestCase("ConfigMap .properties password line", (s) => `${meta("ConfigMap")}data:\n  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db/app\n    spring.datasource.password=${s}\n    server.port=8080\n`),
  manifestCase("nginx configuration-snippet credential header", (s) => `${meta("Ingress", "networking.k8s.io/v1", annotations([["nginx.ingress.kubernetes.io/configuration-snippet", `proxy_set_header X-Api-Key ${s};\nproxy_set_header X-Real-IP $remote_addr;\n`]]))}spec:\n  rules: [{host: a.example.com}]\n`),
  manifestCase("ConfigMap shell file export", (s) => `${meta("ConfigMap")}data:\n  env.sh: |\n    export DB_PASSWORD="${s}"\n    export LOG_LEVEL=debug\n`),
  manifestCase("ConfigMap JSON text password pair", (s) => `${meta("ConfigMap")}data:\n  app.json: ${q(JSON.stringify({ host: "db", password: s, port: 5432 }))}\n`),
  manifestCase("ConfigMap YAML list item password", (s) => `${meta("ConfigMap")}data:\n  list.yaml: |\n    - password: ${s}\n    - port: 8080\n`),
  manifestCase("SealedSecret template data", (s) => `${meta("SealedSecret", "bitnami.com/v1alpha1")}spec:\n  encryptedData: {}\n  template:\n    data:\n      password: ${q(s)}\n`),
  manifestCase("ExternalSecret target template data", (s) => `${meta("ExternalSecret", "external-secrets.io/v1beta1")}spec:\n  target:\n    template:\n      data:\n        password: ${q(s)}\n`),
  // A second adversarial run (2026-12-05): configuration text laid out every other way.
  manifestCase("ConfigMap .properties with CRLF line ends", (s) => `${meta("ConfigMap")}data:\n  app.properties: ${q(`log.level=debug\r\ndb.password=${s}\r\nport=8080\r\n`)}\n`),
  manifestCase("ConfigMap .properties blank separator", (s) => `${meta("ConfigMap")}data:\n  app.properties: |\n    log.level debug\n    db.password ${s}\n`),
  manifestCase("ConfigMap php.ini bracket key", (s) => `${meta("ConfigMap")}data:\n  php.ini: |\n    db[password]=${s}\n`),
  manifestCase("ConfigMap libpq key=value string", (s) => `${meta("ConfigMap")}data:\n  DB_OPTS: ${q(`host=db user=app password=${s} sslmode=require`)}\n`),
  manifestCase("ConfigMap XML element", (s) => `${meta("ConfigMap")}data:\n  settings.xml: |\n    <server>\n      <id>repo</id>\n      <password>${s}</password>\n    </server>\n`),
  manifestCase("ConfigMap YAML block scalar under password", (s) => `${meta("ConfigMap")}data:\n  config.yaml: |\n    db:\n      password: |\n        ${s}\n`),
  manifestCase("ConfigMap YAML value on the next line", (s) => `${meta("ConfigMap")}data:\n  config.yaml: |\n    db:\n      password:\n        ${s}\n`),
  manifestCase("ConfigMap YAML flow map", (s) => `${meta("ConfigMap")}data:\n  config.yaml: |\n    db: {host: db, password: ${s}}\n`),
  manifestCase("ConfigMap ADO.NET connection string in JSON", (s) => `${meta("ConfigMap")}data:\n  appsettings.json: |\n    {"ConnectionStrings": {"Default": "Server=db;User Id=sa;Password=${s};"}}\n`),
  manifestCase("ConfigMap nginx set variable", (s) => `${meta("ConfigMap")}data:\n  nginx.conf: |\n    location / {\n      set $api_key "${s}";\n    }\n`),
  manifestCase("ConfigMap script flag and value", (s) => `${meta("ConfigMap")}data:\n  run.sh: |\n    #!/bin/sh\n    exec app --password ${s} --port 80\n`),
  manifestCase("ConfigMap script curl -u", (s) => `${meta("ConfigMap")}data:\n  run.sh: |\n    curl -u admin:${s} https://api.example.com/x\n`),
  manifestCase("env JAVA_OPTS system property", (s) => deployment(`        env: [{name: JAVA_OPTS, value: ${q(`-Xmx1g -Dspring.datasource.password=${s}`)}}]\n`)),
  manifestCase("command mysql -p<value>", (s) => deployment(`        command: ["sh", "-c", ${q(`mysql -uroot -p${s} -e 'select 1'`)}]\n`)),
  manifestCase("exec probe redis-cli -a", (s) => deployment(`        livenessProbe: {exec: {command: ["sh", "-c", ${q(`redis-cli -a '${s}' ping`)}]}}\n`)),
  manifestCase("args flag at the end of the item before", (s) => deployment(`        args: ["app --password", ${q(s)}]\n`)),
  manifestCase("args flag with a JSON value", (s) => deployment(`        args: [${q(`--config={"password":"${s}"}`)}]\n`)),
  manifestCase("Helm values file in a chart-rendered ConfigMap (JSON manifest)", (s) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "shop" }, data: { REDIS_URL: s } })),
];

/** JSON manifests, for the JSON reader's path. */
const JSON_PLACEMENTS = [
  (i) => {
    const secret = secretFor(i);
    const doc = (s) => JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "app", namespace: "shop" }, stringData: { token: s } });
    return { name: "Secret in a .json manifest", kind: "manifests", secret, files: { "base/m.json": doc(secretFor(i + 1000)), "head/m.json": doc(secret) }, argv: ["--base", "base", "--head", "head"] };
  },
];

/** Secrets in documents that do not parse: the error must not echo them. */
const ERROR_PLACEMENTS = [
  ["unquoted !tag value in a Secret", (s) => `${meta("Secret")}stringData:\n  token: ${s}\n`, "bang", "yaml"],
  ["unquoted *alias value in a Secret", (s) => `${meta("Secret")}stringData:\n  token: ${s}\n`, "star", "yaml"],
  ["unquoted !tag in a ConfigMap", (s) => `${meta("ConfigMap")}data:\n  x: ${s}\n`, "bang", "yaml"],
  ["bad indentation after a secret", (s) => `${meta("Secret")}stringData:\n  token: ${s}\n   bad: [\n`, "plain", "yaml"],
  ["unterminated quote holding a secret", (s) => `${meta("Secret")}stringData:\n  token: "${s}\n`, "plain", "yaml"],
  ["unquoted value in a .json Secret", (s) => `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"},"stringData":{"t": ${s}}}`, "plain", "json"],
  ["JSON Secret cut short", (s) => `{"apiVersion":"v1","kind":"Secret","stringData":{"t": "${s}`, "plain", "json"],
  ["unreadable kind with a secret", (s) => `apiVersion: v1\nkind: [Secret\nstringData: {token: ${s}}\n`, "plain", "yaml"],
].map(([name, build, shape, format]) => (i) => {
  const secret = secretFor(i, shape);
  const file = `head/m.${format}`;
  return { name: `error: ${name}`, kind: "manifests", secret, files: { "base/m.yaml": `${meta("ConfigMap")}data: {a: b}\n`, [file]: build(secret) }, argv: ["--base", "base", "--head", "head"], expectCode: 2, where: /head\/m\.(yaml|json):\d+:\d+/ };
});

/** Pulumi previews: a secret in a ConfigMap, env, an annotation, a Secret, and a non-Kubernetes resource. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const pulumiSecret = (s) => ({ [SIG]: SECRET_SIG, plaintext: JSON.stringify(s) });
const PULUMI_PLACEMENTS = [
  ["ConfigMap data", "kubernetes:core/v1:ConfigMap", (s) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "shop" }, data: { LOG: s } })],
  ["Deployment env", "kubernetes:apps/v1:Deployment", (s) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "app", namespace: "shop" }, spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "app", image: "app:1", env: [{ name: "PLAIN", value: s }] }] } } } })],
  ["annotation", "kubernetes:core/v1:ConfigMap", (s) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "shop", annotations: { note: s } }, data: { a: "b" } })],
  ["Secret stringData", "kubernetes:core/v1:Secret", (s) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "app", namespace: "shop" }, stringData: { t: s } })],
  ["Service label (odd place)", "kubernetes:core/v1:Service", (s) => ({ apiVersion: "v1", kind: "Service", metadata: { name: "app", namespace: "shop", labels: { v: s } }, spec: { ports: [{ port: 80 }] } })],
].map(([name, type, build]) => (i) => {
  const secret = secretFor(i);
  const wrap = (obj, path) => {
    const copy = structuredClone(obj);
    let node = copy;
    for (const seg of path.slice(0, -1)) node = node[seg];
    node[path.at(-1)] = pulumiSecret(node[path.at(-1)]);
    return copy;
  };
  const pathOf = { "ConfigMap data": ["data", "LOG"], "Deployment env": ["spec", "template", "spec", "containers", 0, "env", 0, "value"], annotation: ["metadata", "annotations", "note"], "Secret stringData": ["stringData", "t"], "Service label (odd place)": ["metadata", "labels", "v"] }[name];
  const urn = `urn:pulumi:dev::p::${type}::app`;
  const preview = {
    steps: [
      { op: "update", urn, oldState: { urn, type, inputs: wrap(build(secretFor(i + 1000)), pathOf) }, newState: { urn, type, inputs: wrap(build(secret), pathOf) } },
      { op: "create", urn: "urn:pulumi:dev::p::random:index/randomPassword:RandomPassword::pw", newState: { type: "random:index/randomPassword:RandomPassword", outputs: { result: pulumiSecret(`${secret}-random`) } } },
    ],
  };
  return { name: `pulumi: ${name}`, kind: "pulumi", secret, files: { "preview.json": JSON.stringify(preview, null, 2) }, argv: ["--pulumi-preview", "preview.json"] };
});

/** Helm: a chart whose values carry credentials (rendered with the helm binary when it is there). */
const HELM_PLACEMENTS = [
  ["values rendered into a ConfigMap DATABASE_URL", "DATABASE_URL"],
  ["values rendered into a Secret", "secret"],
].map(([name, target]) => (i) => {
  const secret = secretFor(i);
  const template = target === "secret"
    ? `apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  token: {{ .Values.token | quote }}\n`
    : `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  DATABASE_URL: {{ .Values.token | quote }}\n`;
  const side = (value) => ({
    "kubegate.yaml": "releases:\n  - name: app\n    namespace: shop\n    chart: charts/app\n    values: [values.yaml]\n",
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
    "charts/app/templates/t.yaml": template,
    "values.yaml": `token: ${q(value)}\n`,
  });
  const files = {};
  for (const [k, v] of Object.entries(side(secretFor(i + 1000)))) files[`base/${k}`] = v;
  for (const [k, v] of Object.entries(side(secret))) files[`head/${k}`] = v;
  return { name: `helm: ${name}`, kind: "helm", secret, files, argv: ["--base", "base", "--head", "head"] };
});

/**
 * Helm values the positions cannot see: rendered into free text under a plain key, so only the
 * redactor (which learns `set` values and subchart defaults) can remove them.
 */
const HELM_TEXT_PLACEMENTS = [
  ["kubegate.yaml set value rendered into free text", (v) => ({
    "kubegate.yaml": `releases:\n  - name: app\n    namespace: shop\n    chart: charts/app\n    set:\n      db.password: ${q(v)}\n`,
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
    "charts/app/templates/t.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  note: \"connect with {{ .Values.db.password }} please\"\n",
  })],
  ["subchart default rendered into free text", (v) => ({
    "kubegate.yaml": "releases:\n  - name: app\n    namespace: shop\n    chart: charts/app\n",
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n",
    "charts/app/templates/t.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {a: b}\n",
    "charts/app/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/app/charts/sub/values.yaml": `db:\n  password: ${q(v)}\n`,
    "charts/app/charts/sub/templates/t.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sub}\ndata:\n  note: \"connect with {{ .Values.db.password }} please\"\n",
  })],
].map(([name, side]) => (i) => {
  const secret = secretFor(i);
  const files = {};
  for (const [k, v] of Object.entries(side(secretFor(i + 1000)))) files[`base/${k}`] = v;
  for (const [k, v] of Object.entries(side(secret))) files[`head/${k}`] = v;
  return { name: `helm: ${name}`, kind: "helm", secret, files, argv: ["--base", "base", "--head", "head"] };
});

/**
 * Hooks for source kinds other branches add (helmfile, kustomize): push generators of the same
 * shape here and every format and assertion applies to them.
 */
export const EXTRA_PLACEMENTS = [];

export function secretPlacements() {
  return [...PLACEMENTS, ...JSON_PLACEMENTS, ...ERROR_PLACEMENTS, ...PULUMI_PLACEMENTS, ...HELM_PLACEMENTS, ...HELM_TEXT_PLACEMENTS, ...EXTRA_PLACEMENTS].map((make, i) => make(i + 1));
}

/** Every way a secret could be printed: plain, base64, and any 8-character fragment of either. */
export function leaks(output, secret) {
  const forms = [secret, b64(secret), ...secret.split(/\s+/)];
  for (const form of forms) {
    if (form.length >= 8 && output.includes(form)) return form;
    for (let i = 0; i + 8 <= form.length; i++) {
      const frag = form.slice(i, i + 8);
      // Fragments made only of the fixed words around the random core are not evidence.
      if (/^[a-z -]+$/i.test(frag) || /BEGIN|PRIVATE|postgres|END PRI|internal/.test(frag)) continue;
      if (output.includes(frag)) return frag;
    }
  }
  return undefined;
}

export const STACK_TRACE = /\n\s+at .+[:(]\d+:\d+\)?|\n\s+at <anonymous>|node:internal/;
