/**
 * The kubegate policy pack. The Pulumi engine runs this file (PulumiPolicy.yaml): constructing
 * the PolicyPack starts its gRPC server, so nothing else lives here.
 */
import policy from "@pulumi/policy";
import { POLICIES } from "./policies/index.js";

new policy.PolicyPack("kubegate", { policies: POLICIES });
