/** The post step's entry point (dist/post.js): teardown only. */
import { cleanup } from "./cleanup.js";

void cleanup();
