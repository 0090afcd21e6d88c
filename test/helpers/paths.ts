import { fileURLToPath } from 'node:url';

// Tests run from dist/test/…; fixtures/ and the built CLI are reached through this one module.
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
