import * as core from "@actions/core";
import type { Logger } from "@kubegate/core";

/** kubegate's progress lines in the job log (warnings as annotations). */
export function actionLogger(): Logger {
  return { info: (m) => core.info(m), warn: (m) => core.warning(m), debug: (m) => core.debug(m) };
}
