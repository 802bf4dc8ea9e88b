/**
 * Arguments for validateResource / validateStack built like the engine's (@pulumi/policy's
 * server.js): type token, URN, name, options, isType/asType, getConfig, and props behind the
 * same unknown-checking proxy, so `unknown` values behave as during a real preview.
 */
import type { KubeObject } from "@kubegate/core";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { createRequire } from "node:module";

/** The engine-side proxy of @pulumi/policy (internal: not in its typings). */
const proxy = createRequire(import.meta.url)("@pulumi/policy/proxy.js") as {
  unknownCheckingProxy<T extends object>(props: T): T;
  unknownStringValue: string;
};

/** What the engine hands every validation since @pulumi/policy 1.1x: the stack's tags, and a way to say "not applicable". */
const ENGINE_ARGS = {
  stackTags: new Map<string, string>() as ReadonlyMap<string, string>,
  notApplicable: (reason?: string): never => {
    throw new Error(`policy not applicable${reason ? `: ${reason}` : ""}`);
  },
};

const OPTS = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

/** Value that is unknown until the update runs (an output of another resource). */
export const UNKNOWN_STRING = proxy.unknownStringValue;

export function pulumiType(o: KubeObject): string {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["core", o.apiVersion];
  return `kubernetes:${group}/${version}:${o.kind}`;
}

export function urnOf(o: KubeObject, name = o.metadata.name): string {
  return `urn:pulumi:dev::kubegate-example::${pulumiType(o)}::${name}`;
}

export function resourceArgs(o: KubeObject, config: object = {}): ResourceValidationArgs {
  const type = pulumiType(o);
  return {
    type,
    props: proxy.unknownCheckingProxy(structuredClone(o)),
    urn: urnOf(o),
    name: o.metadata.name,
    opts: OPTS,
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    ...ENGINE_ARGS,
  };
}

export function stackArgs(objects: KubeObject[], config: object = {}): StackValidationArgs {
  const resources: PolicyResource[] = objects.map((o) => {
    const args = resourceArgs(o);
    return { type: args.type, props: args.props, urn: args.urn, name: args.name, opts: OPTS, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined };
  });
  return { resources, getConfig: <T extends object>() => config as T, ...ENGINE_ARGS };
}

export interface Reported {
  message: string;
  urn?: string;
}

export async function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<Reported[]> {
  const reported: Reported[] = [];
  const report: ReportViolation = (message, urn) => void reported.push({ message, ...(urn ? { urn } : {}) });
  for (const validate of [policy.validateResource].flat()) await validate?.(args, report);
  return reported;
}

export async function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<Reported[]> {
  const reported: Reported[] = [];
  await policy.validateStack(args, (message, urn) => void reported.push({ message, ...(urn ? { urn } : {}) }));
  return reported;
}
