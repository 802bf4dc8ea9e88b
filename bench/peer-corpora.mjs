#!/usr/bin/env node
// Runs kubegate on the test corpora of its peers (pluto's removed-API data, kubeconform's
// fixtures, dyff's Kubernetes pairs, kube-linter's dangling-object checks) and prints how many
// cases it handles. The peers' files are read from their git mirrors at run time (fetched with the
// search tool's `fetch`, or cloned: KUBEGATE_PEERS=<dir> holding FairwindsOps+pluto/repo,
// yannh+kubeconform/repo, homeport+dyff/repo, stackrox+kube-linter/repo as bare git dirs);
// nothing of theirs is committed here.
// Usage: node bench/peer-corpora.mjs [path/to/kubegate/cli/main.js ...]   (default: this checkout)
// Give two CLIs (e.g. the main branch's and this one's) to print before/after side by side.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const peers = process.env.KUBEGATE_PEERS ?? "/work/.mirror";
const clis = process.argv.length > 2 ? process.argv.slice(2) : [join(root, "packages", "core", "dist", "cli", "main.js")];
const work = mkdtempSync(join(tmpdir(), "kubegate-peers-"));
const empty = join(work, "empty.yaml");
writeFileSync(empty, "");

const git = (repo, ...args) => execFileSync("git", ["--git-dir", join(peers, repo, "repo"), ...args], { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] });
/** A file of the mirror, or undefined when the snapshot lacks it (its largest files may be absent). */
const show = (repo, path) => {
  try {
    return git(repo, "show", `HEAD:${path}`);
  } catch {
    return undefined;
  }
};
const files = (repo, prefix) => git(repo, "ls-tree", "-r", "--name-only", "HEAD", prefix).trim().split("\n").filter(Boolean);

function kubegate(cli, args) {
  const r = spawnSync("node", [cli, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, stderr: r.stderr };
}

function write(name, text) {
  const path = join(work, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** pluto: every Kubernetes apiVersion/kind with a removed-in, checked at that version; and the deprecated-but-served ones at their deprecated-in. */
async function pluto(cli) {
  const { default: yaml } = await import(join(root, "packages", "core", "node_modules", "js-yaml", "index.js"));
  const data = yaml.load(show("FairwindsOps+pluto", "versions.yaml"))["deprecated-versions"];
  // *List kinds are not objects anyone applies; audit.k8s.io is a file format, not a served API.
  // "FlowControl" is not a kind (the flowcontrol group serves FlowSchema and PriorityLevelConfiguration,
  // both in the data): counted apart as pluto's data, not as a miss.
  const notKinds = new Set(["FlowControl"]);
  const all = data.filter((d) => d.component === "k8s" && d["removed-in"] && !/List$/.test(d.kind) && !d.version.startsWith("audit.k8s.io/"));
  const pairs = all.filter((d) => !notKinds.has(d.kind));
  const minor = (v) => v.replace(/^v/, "").split(".").slice(0, 2).join(".");
  // One check per target version, over every pair judged at that version (one CLI start each).
  const caughtAt = (version, list) => {
    const file = write(`pluto/${version}-${list.length}.yaml`, list.map(({ p, i }) => `apiVersion: ${p.version}\nkind: ${p.kind}\nmetadata: {name: x${i}, namespace: default}\n`).join("---\n"));
    const findings = kubegate(cli, ["check", "--base", empty, "--head", file, "--format", "json", "--kube-version", version]).json?.findings ?? [];
    return new Set(findings.filter((f) => f.rule === "api-version-removed").map((f) => f.resource.name));
  };
  const byVersion = (key, list) => {
    const groups = new Map();
    for (const item of list) groups.set(minor(item.p[key]), [...(groups.get(minor(item.p[key])) ?? []), item]);
    return [...groups];
  };
  const indexed = pairs.map((p, i) => ({ p, i }));
  const missed = [];
  let removed = 0;
  for (const [version, list] of byVersion("removed-in", indexed)) {
    const caught = caughtAt(version, list);
    for (const { p, i } of list) caught.has(`x${i}`) ? removed++ : missed.push(`${p.version} ${p.kind}`);
  }
  // Deprecated but still served: warned one minor before removal. (pluto's deprecated-in is often the
  // release the replacement arrived in; kubegate warns from the release whose API server warns.)
  const warnable = indexed.filter(({ p }) => p["deprecated-in"] && minor(p["deprecated-in"]) !== minor(p["removed-in"]));
  const before = (v) => { const [a, b] = minor(v).split(".").map(Number); return `${a}.${b - 1}`; };
  let warned = 0;
  const unwarned = [];
  const groups = new Map();
  for (const item of warnable) groups.set(before(item.p["removed-in"]), [...(groups.get(before(item.p["removed-in"])) ?? []), item]);
  for (const [version, list] of groups) {
    const caught = caughtAt(version, list);
    for (const { p, i } of list) caught.has(`x${i}`) ? warned++ : unwarned.push(`${p.version} ${p.kind} at ${version}`);
  }
  return {
    [`pluto removed pairs caught at their removed-in`]: `${removed}/${pairs.length}`,
    missed: missed.join(", ") || "none",
    [`pluto deprecated pairs warned one minor before removal`]: `${warned}/${warnable.length}`,
    unwarned: unwarned.join(", ") || "none",
    [`pluto entries that are not Kubernetes kinds (not counted)`]: all.filter((d) => notKinds.has(d.kind)).map((d) => `${d.version} ${d.kind}`).join(", ") || "none",
  };
}

/**
 * kubeconform: its fixtures as the head of a change; valid ones must be read (exit != 2), invalid
 * ones caught (exit 2 or a finding). Valid or invalid as kubeconform's acceptance.bats has them:
 * null_string/null_array are valid there; extra_property and duplicate_property only under -strict.
 * grafanaalertrulegroup_v1beta1.json is a JSON Schema kubeconform is given, not a manifest.
 */
function kubeconform(cli) {
  const fixtures = files("yannh+kubeconform", "fixtures").filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes("/cache/") && !f.includes("/registry/") && !f.endsWith("junit.xsd") && !f.endsWith("grafanaalertrulegroup_v1beta1.json"));
  const invalidName = /invalid|missing_|duplicate_property|extra_property|valid_version_with_invalid/;
  let valid = 0, validOk = 0, invalid = 0, invalidCaught = 0;
  const wrong = [];
  for (const f of fixtures) {
    const text = show("yannh+kubeconform", f);
    if (text === undefined) continue;
    const path = write(`kubeconform/${f}`, text);
    const r = kubegate(cli, ["check", "--base", empty, "--head", path, "--format", "json"]);
    const isInvalid = invalidName.test(f) && !/list_empty_valid|valid\.yaml$/.test(f);
    if (isInvalid) {
      invalid++;
      if (r.status === 2 || (r.json?.findings ?? []).some((x) => x.severity !== "info")) invalidCaught++;
      else wrong.push(`${f} (invalid, passed)`);
    } else {
      valid++;
      if (r.status !== 2 && r.status !== 3) validOk++;
      else wrong.push(`${f} (valid, exit ${r.status}: ${r.stderr.trim().split("\n").slice(-1)[0]})`);
    }
  }
  return { "kubeconform valid fixtures read": `${validOk}/${valid}`, "kubeconform invalid fixtures caught": `${invalidCaught}/${invalid}`, wrong: wrong.join("; ") || "none" };
}

/** dyff: its Kubernetes from/to pairs, diffed; none may be refused as bad input. */
function dyff(cli) {
  const dirs = [...new Set(files("homeport+dyff", "assets/kubernetes").map((f) => f.split("/").slice(0, 3).join("/")))];
  let pairs = 0, read = 0;
  const refused = [];
  for (const d of dirs) {
    const names = files("homeport+dyff", d).map((f) => f.slice(d.length + 1));
    const from = names.find((n) => /^from\.ya?ml$/.test(n));
    const to = names.find((n) => /^to\.ya?ml$/.test(n));
    if (!from || !to) continue;
    pairs++;
    const base = write(`dyff/${d}/from.yaml`, show("homeport+dyff", `${d}/${from}`));
    const head = write(`dyff/${d}/to.yaml`, show("homeport+dyff", `${d}/${to}`));
    const r = kubegate(cli, ["diff", "--base", base, "--head", head, "--format", "json"]);
    if (r.status !== 2 && r.status !== 3) read++;
    else refused.push(`${d.split("/").pop()}: ${r.stderr.trim().split("\n").slice(-1)[0]}`);
  }
  return { "dyff Kubernetes pairs read": `${read}/${pairs}`, refused: refused.join("; ") || "none" };
}

/**
 * kube-linter: its dangling-service and dangling-ingress test files (e2etests/bats-tests.sh expects 2
 * reports each: Services whose labels match no pod; Ingresses to a missing Service or a missing port).
 */
function kubeLinter(cli) {
  const cases = [
    { file: "tests/checks/dangling-service.yml", rule: "service-selects-no-pods", expected: 2 },
    { file: "tests/checks/dangling-ingress.yml", rule: "route-backend-missing", expected: 2 },
  ];
  const out = {};
  for (const c of cases) {
    const text = show("stackrox+kube-linter", c.file);
    if (text === undefined) continue;
    const r = kubegate(cli, ["check", "--base", empty, "--head", write(`kube-linter/${c.file}`, text), "--format", "json"]);
    const reported = new Set((r.json?.findings ?? []).filter((f) => f.rule === c.rule).map((f) => `${f.resource.kind}/${f.resource.name}`));
    out[`kube-linter ${c.file.split("/").pop()} (${c.rule})`] = `${reported.size}/${c.expected} objects reported (exit ${r.status})`;
  }
  return out;
}

for (const cli of clis) {
  console.log(`== ${cli}`);
  for (const [name, value] of Object.entries({ ...(await pluto(cli)), ...kubeconform(cli), ...dyff(cli), ...kubeLinter(cli) })) console.log(`  ${name}: ${value}`);
}
