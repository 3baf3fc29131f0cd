#!/usr/bin/env node
// The `skein` command. Runs the compiled CLI: build first (`npm run build` at the repository root).
import { runCli } from "../dist/cli/run-cli.js";

process.exit(await runCli(process.argv));
