// `pario/vite`: the Vite and Rollup plugin that precompresses a build on every core.
export { pario } from './plugin.js';
export type { HookContext, OutputPart, ParioPlugin, ViteConfigPart } from './plugin.js';
export type { AlgorithmChoice, AlgorithmName, FilterPattern, ParioPluginOptions } from './options.js';
