#!/usr/bin/env node
// Entry of `npx signaal`. The CLI is TypeScript run through tsx, like the server (ADR 0001).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
