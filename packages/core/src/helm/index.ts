export { findHelm, checkedVersion, kubeVersionFlag, isolatedHelmEnv, MIN_HELM, type HelmBinary, type FindHelmOptions } from "./helm-binary.js";
export { describeRelease, type Release, type ReleaseSet, type ReleaseRender, type SideRender, type RenderOutcome, type ValuesSource, type ValuesChange, type HelmContext } from "./releases.js";
export { discoverReleases, declaresReleases, releasesFromConfig } from "./releases-config.js";
export { renderRelease, helmTemplateArgs, templatePath, type RenderOptions } from "./render-release.js";
export { renderAll, renderSides, mapLimit, type RenderAllOptions, type RenderedSides } from "./render-all.js";
export { withGitRefs, repositoryOf, type RefTree } from "./git-refs.js";
export { resolveSide, platformTree, loadAndRender, type SideInput, type RenderedChange, type LoadAndRenderOptions } from "./check-releases.js";
export { releaseManifest, valuesManifest, RELEASE_KIND, VALUES_KIND } from "./pseudo-manifest.js";
export { changedKeys, leaves, valueAt, lineOfKey } from "./values-diff.js";
