// CommonJS as tsc and Babel emit it from `export default` (`exports.default = fn` with `__esModule`): loaded too.
export = { __esModule: true, default: (file: { readonly path: string }): string => `cjs:${file.path}` };
