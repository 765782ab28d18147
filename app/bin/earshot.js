#!/usr/bin/env node
// The earshot command. Packages are TypeScript sources (Turborepo "just-in-time" packages),
// so the CLI registers tsx's loader before importing the entry point.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
