#!/usr/bin/env node
// The `plaza` command as package.json's "bin" links it. The commands are TypeScript and run through tsx,
// as the server does (`tsx server/main.ts`), so there is no build step for operators' tools either.
import { register } from 'tsx/esm/api';

register();
await import('./plaza.ts');
