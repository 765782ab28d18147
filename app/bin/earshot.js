#!/usr/bin/env node
// The earshot command. Packages are TypeScript sources (Turborepo "just-in-time" packages),
// so the CLI registers tsx's loader before importing the entry point.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
