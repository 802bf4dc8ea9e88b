/**
 * Traefik and an app behind it, the way a platform team deploys them with Pulumi. The stack
 * config `variant` replays incidents (see variants.ts) for kubegate's policy pack and
 * `kubegate check --pulumi-preview`.
 */
import * as pulumi from "@pulumi/pulumi";
import { app } from "./app.js";
import { ingressRouteCrd, schemalessCrd } from "./crds.js";
import { traefik } from "./traefik.js";
import { parseVariant } from "./variants.js";

const variant = parseVariant(new pulumi.Config().get("variant"));
const crd = ingressRouteCrd();
const { service } = traefik(variant);
app(variant, crd);
if (variant === "schemaless-crd") schemalessCrd();

export const loadBalancer = service.metadata.name;
